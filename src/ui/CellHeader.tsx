import { Show, For } from 'solid-js';
import type { CodeKind } from '../metascript/types';
import type { CellState } from '../runtime/notebook';
import type { CellCommands } from './cell-commands';
import { formatBytes, formatDuration } from './format-size';
import { usePlayground } from './playground-context';
import { WasmAttach } from './WasmAttach';

export const KIND_LABELS: Record<CodeKind, string> = { PYTHON: 'Python', JAVASCRIPT: 'JavaScript', WASM: 'WAT', MARKDOWN: 'Markdown' };
const KINDS: readonly CodeKind[] = ['PYTHON', 'JAVASCRIPT', 'MARKDOWN', 'WASM'];

/** What the status chip says: the run state, with `stale` taking over a finished run's place. */
function statusText(cell: CellState, stale: boolean): string {
  if (stale && (cell.status === 'done' || cell.status === 'error')) return 'stale';
  return cell.status;
}

/** A cell's header: kind, name, status, figures of its last run, and its controls. */
export function CellHeader(props: { cell: CellState; commands: CellCommands; label: string; stale: boolean }) {
  const { notebook, session } = usePlayground();
  const stale = () => props.stale;
  const stats = () => {
    const cell = props.cell;
    if (cell.runCount === 0) return null;
    const parts = [`run ${String(cell.runCount)}`];
    if (cell.durationMs !== null) parts.push(formatDuration(cell.durationMs));
    if (cell.memoryBytes !== null) parts.push(`heap ${formatBytes(cell.memoryBytes)}`);
    return parts.join(' · ');
  };
  return (
    <header class="cell-header">
      <select
        class={`kind kind-${props.cell.kind.toLowerCase()}`}
        aria-label={`Kind of ${props.label}`}
        data-testid="cell-kind"
        value={props.cell.kind}
        onChange={(event) => {
          const kind = KINDS.find((candidate) => candidate === event.currentTarget.value);
          if (kind) notebook.setKind(props.cell.id, kind);
        }}
      >
        <For each={KINDS}>{(kind) => (
          <option value={kind}>{KIND_LABELS[kind]}</option>
        )}</For>
      </select>
      <span class="cell-name" title="The cell's name, as written in the document">
        {props.cell.name ?? ''}
      </span>
      <Show when={props.cell.kind === 'WASM'}>
        <WasmAttach cell={props.cell} label={props.label} />
      </Show>
      <span class="cell-status" data-testid="cell-status" data-status={stale() ? 'stale' : props.cell.status} title={stale() ? 'A variable this cell read has changed since it ran' : undefined}>
        {statusText(props.cell, stale())}
      </span>
      <Show when={stale()}>
        <span class="stale" title="A variable this cell read has changed since it ran">
          stale
        </span>
      </Show>
      <Show when={stats()}>
        {(text) => (
          <span class="cell-stats" data-testid="cell-stats" title="Runs, last duration and the engine's heap after the run">
            {text()}
          </span>
        )}
      </Show>
      <span class="cell-actions">
        <button
          type="button"
          class="run"
          data-testid="run-cell"
          disabled={props.cell.status === 'running'}
          onClick={() => void session.runCell(props.cell.id)}
          aria-label={`Run ${props.label}`}
          aria-keyshortcuts="Control+Enter"
          title="Run (Ctrl/Cmd+Enter)"
        >
          ▶ Run
        </button>
        <button type="button" class="run-from" onClick={() => void session.runFrom(props.cell.id)} aria-label={`Run ${props.label} and every cell after it`} title="Run this cell and every cell after it">
          ▶▶
        </button>
        <button type="button" class="icon" aria-label={`Move ${props.label} up`} title="Move up (Ctrl+Shift+↑)" onClick={() => { props.commands.move(props.cell.id, -1); }}>
          ↑
        </button>
        <button type="button" class="icon" aria-label={`Move ${props.label} down`} title="Move down (Ctrl+Shift+↓)" onClick={() => { props.commands.move(props.cell.id, 1); }}>
          ↓
        </button>
        <button type="button" class="icon" aria-label={`Add a cell below ${props.label}`} title="Add a cell below (Alt+Shift+N)" onClick={() => { props.commands.addBelow(props.cell.id); }}>
          +
        </button>
        <button type="button" class="icon" data-testid="delete-cell" aria-label={`Delete ${props.label}`} title="Delete (Alt+Shift+D)" onClick={() => { props.commands.remove(props.cell.id); }}>
          ✕
        </button>
      </span>
    </header>
  );
}
