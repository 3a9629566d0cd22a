import { Match, Switch } from 'solid-js';
import type { NeutralValue } from '../../engines/value';
import { JsonTree } from './JsonTree';
import { RecordTable } from './RecordTable';
import { isNestedContainer, isRecordArray } from './value-shape';
import type { TermsLanguage } from './value-terms';
import './output.css';

/**
 * A cell's result: a table when it is an array of records, a tree when it is a container of
 * containers, and otherwise the language's own text form of it (`repr` in Python). The table
 * and the tree write the value in the terms of `language`, the cell's.
 */
export function ResultView(props: { result: NeutralValue; text: string | null; label: string; language: TermsLanguage }) {
  const records = () => {
    const value = props.result;
    return isRecordArray(value) ? value : null;
  };
  return (
    <Switch fallback={<TextResult text={props.text} />}>
      <Match when={records()}>
        {(rows) => (
          <div class="rich-result" data-testid="cell-result">
            <RecordTable records={rows()} language={props.language} caption={`Result of ${props.label}`} />
          </div>
        )}
      </Match>
      <Match when={isNestedContainer(props.result)}>
        <div class="rich-result" data-testid="cell-result">
          <JsonTree value={props.result} language={props.language} label={`result of ${props.label}`} />
        </div>
      </Match>
    </Switch>
  );
}

function TextResult(props: { text: string | null }) {
  return (
    <Switch>
      <Match when={props.text}>
        {(text) => (
          <pre class="result" data-testid="cell-result">
            {text()}
          </pre>
        )}
      </Match>
    </Switch>
  );
}
