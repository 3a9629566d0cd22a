import { For, Show } from 'solid-js';
import type { RunLogLine } from '../runtime/dsl-steps';

/** Scrolls to a document block and gives it focus, as the run log's links do. */
function showItem(item: number) {
  const block = document.querySelector<HTMLElement>(`[data-item="${String(item)}"]`);
  if (!block) return;
  block.scrollIntoView({ block: 'center' });
  block.setAttribute('tabindex', '-1');
  block.focus({ preventScroll: true });
}

/**
 * The run log: what the TARS DSL blocks printed, the blocks a run skipped, and the error that
 * ended it, each line beside a link to the block it came from.
 */
export function RunLog(props: { lines: readonly RunLogLine[] }) {
  return (
    <Show when={props.lines.length > 0}>
      <ol class="run-log" data-testid="run-log" aria-label="Run log of the TARS DSL blocks">
        <For each={props.lines}>
          {(line) => (
            <li class={`run-log-${line.level}`} data-testid="run-log-line" data-level={line.level} data-line={line.line}>
              <button type="button" class="run-log-link" data-testid="run-log-link" onClick={() => { showItem(line.item); }} aria-label={`Go to line ${String(line.line)}`}>
                line {line.line}
              </button>
              <span class="run-log-text">{line.text}</span>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}
