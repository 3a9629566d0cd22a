import { Show } from 'solid-js';
import { isRunnable, type CellState } from '../runtime/notebook';
import { usePlayground } from './playground-context';
import { CellOutput } from './CellOutput';

const KIND_LABELS = { PYTHON: 'Python', JAVASCRIPT: 'JavaScript', WASM: 'WAT', MARKDOWN: 'Markdown' } as const;

/** One cell: its header with Run, its code, and its output. */
export function CellView(props: { cell: CellState; onRunAndAdvance: (cellId: string) => void }) {
  const { notebook, session } = usePlayground();
  const runnable = () => isRunnable(props.cell.kind);
  const stale = () => session.isStale(props.cell);
  const run = () => void session.runCell(props.cell.id);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    if (event.shiftKey) {
      event.preventDefault();
      props.onRunAndAdvance(props.cell.id);
    } else if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      run();
    }
  };
  const label = () => props.cell.name ?? KIND_LABELS[props.cell.kind];
  return (
    <section
      class="cell"
      data-testid="cell"
      data-cell-id={props.cell.id}
      data-cell-name={props.cell.name ?? ''}
      data-kind={props.cell.kind}
      data-status={props.cell.status}
      data-stale={stale() ? 'true' : 'false'}
      aria-label={`${KIND_LABELS[props.cell.kind]} cell ${props.cell.name ?? ''}`.trim()}
    >
      <header class="cell-header">
        <span class={`kind kind-${props.cell.kind.toLowerCase()}`}>{KIND_LABELS[props.cell.kind]}</span>
        <span class="cell-name">{props.cell.name ?? ''}</span>
        <span class="cell-status" data-testid="cell-status">
          {props.cell.status}
        </span>
        <Show when={stale()}>
          <span class="stale" title="A variable this cell read has changed since it ran">
            stale
          </span>
        </Show>
        <Show when={props.cell.runCount > 0}>
          <span class="cell-stats">
            [{props.cell.runCount}] {props.cell.durationMs === null ? '' : `${props.cell.durationMs.toFixed(1)} ms`}
          </span>
        </Show>
        <Show when={runnable()}>
          <button
            type="button"
            class="run"
            data-testid="run-cell"
            disabled={props.cell.status === 'running'}
            onClick={run}
            aria-label={`Run ${label()}`}
          >
            ▶ Run
          </button>
          <button type="button" class="run-from" onClick={() => void session.runFrom(props.cell.id)} aria-label={`Run ${label()} and every cell after it`}>
            ▶ from here
          </button>
        </Show>
      </header>
      <textarea
        class="code"
        spellcheck={false}
        aria-label={`Code of ${label()}`}
        rows={Math.max(2, props.cell.code.split('\n').length)}
        value={props.cell.code}
        onInput={(event) => {
          notebook.setCode(props.cell.id, event.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
      />
      <Show when={!runnable()}>
        <p class="note">This kind of cell does not run yet; it is kept as written.</p>
      </Show>
      <CellOutput cell={props.cell} />
    </section>
  );
}
