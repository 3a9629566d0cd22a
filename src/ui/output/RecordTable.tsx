import { createSignal, For, Show } from 'solid-js';
import type { NeutralObject } from '../../engines/value';
import { PAGE_SIZE, recordColumns } from './value-shape';
import { cellText, type TermsLanguage } from './value-terms';
import './output.css';

/**
 * An array of records as a table: one row per record, one column per key seen in any. Cells are
 * written in the terms of `language`, the one the records came from.
 */
export function RecordTable(props: { records: readonly NeutralObject[]; language: TermsLanguage; caption?: string }) {
  const [shown, setShown] = createSignal(PAGE_SIZE);
  const columns = () => recordColumns(props.records);
  const hidden = () => Math.max(0, props.records.length - shown());
  return (
    <div class="record-table" data-testid="record-table" data-language={props.language}>
      <table>
        <Show when={props.caption}>{(caption) => <caption>{caption()}</caption>}</Show>
        <thead>
          <tr>
            <For each={columns()}>{(column) => <th scope="col">{column}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.records.slice(0, shown())}>
            {(record) => (
              <tr>
                <For each={columns()}>{(column) => <td>{cellText(Object.hasOwn(record, column) ? record[column] : undefined, props.language)}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={hidden() > 0}>
        <button type="button" class="more" onClick={() => setShown((count) => count + PAGE_SIZE)}>
          {hidden()} more {hidden() === 1 ? 'row' : 'rows'}
        </button>
      </Show>
    </div>
  );
}
