import { For, Show } from 'solid-js';
import type { CellState } from '../runtime/notebook';
import { usePlayground } from './playground-context';
import { formatError } from './format-error';

/** A cell's stdout and stderr in order, its result, and its errors as tracebacks. */
export function CellOutput(props: { cell: CellState }) {
  const { notebook } = usePlayground();
  const lookup = (cellId: string) => {
    const cell = notebook.state.cells[cellId];
    return cell ? { label: cell.name === null ? `cell ${cellId}` : `cell "${cell.name}"`, code: cell.code } : undefined;
  };
  const empty = () => props.cell.output.length === 0 && props.cell.resultText === null && props.cell.errors.length === 0;
  return (
    <div class="cell-output" data-testid="cell-output" aria-live="polite" classList={{ empty: empty() }}>
      <Show when={props.cell.output.length > 0}>
        <pre class="streams">
          <For each={props.cell.output}>{(chunk) => <span class={chunk.stream}>{chunk.text}</span>}</For>
        </pre>
      </Show>
      <Show when={props.cell.resultText}>{(text) => <pre class="result">{text()}</pre>}</Show>
      <For each={props.cell.errors}>
        {(error) => (
          <pre class="error" data-error-kind={error.kind} role="alert">
            {formatError(error, lookup)}
          </pre>
        )}
      </For>
    </div>
  );
}
