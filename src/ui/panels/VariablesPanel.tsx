import { For, Show } from 'solid-js';
import { displayOf } from '../../runtime/session';
import type { VariableEntry } from '../../runtime/variable-store';
import { formatBytes } from '../format-size';
import { JsonTree } from '../output/JsonTree';
import { isContainer } from '../output/value-shape';
import { usePlayground } from '../playground-context';

const ORIGINS = { python: 'Python', javascript: 'JavaScript', document: 'Document' } as const;

/** The variable store: every shared name, where it came from, and its value. */
export function VariablesPanel() {
  const { notebook, session } = usePlayground();
  const entries = () => Object.values(session.variables.entries).sort((a, b) => a.name.localeCompare(b.name));
  const source = (entry: VariableEntry) => {
    if (entry.cellId === null) return ORIGINS[entry.origin];
    const cell = notebook.state.cells[entry.cellId];
    return `${ORIGINS[entry.origin]} · ${cell?.name ?? 'unnamed cell'}`;
  };
  return (
    <Show when={entries().length > 0} fallback={<p class="panel-empty">No shared variables yet. Run a cell: the names it assigns at top level appear here.</p>}>
      <ul class="variable-list" data-testid="variables-panel">
        <For each={entries()}>
          {(entry) => (
            <li class="variable" data-variable={entry.name}>
              <details
                onToggle={(event) => {
                  // Values stay in their engines until someone looks: opening an entry loads it.
                  if (event.currentTarget.open && entry.value === undefined && entry.barrier === null) void session.readValue(entry.name).catch(() => undefined);
                }}
              >
                <summary>
                  <code class="variable-name">{entry.name}</code>
                  <span class="variable-type">{entry.type}</span>
                  <span class="variable-origin">{source(entry)}</span>
                  <span class="variable-size">{formatBytes(entry.sizeBytes)}</span>
                  <span class="variable-preview">{entry.preview}</span>
                </summary>
                <Show
                  when={entry.barrier}
                  fallback={
                    <Show when={entry.value !== undefined} fallback={<p class="variable-loading">Loading…</p>}>
                      <Show when={isContainer(entry.value ?? null)} fallback={<pre class="variable-value">{displayOf(entry.value)}</pre>}>
                        <div class="variable-value">
                          <JsonTree value={entry.value ?? null} label={`value of ${entry.name}`} />
                        </div>
                      </Show>
                    </Show>
                  }
                >
                  {(barrier) => <p class="variable-barrier">Stays in {ORIGINS[entry.origin]}: {barrier()}</p>}
                </Show>
              </details>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
