import { For, Show } from 'solid-js';
import { usePlayground } from '../playground-context';

/** Offers the audit log as a JSON file. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click has started the download; the URL is no longer needed once it has been read.
  setTimeout(() => { URL.revokeObjectURL(url); }, 10_000);
}

/** The audit log, newest first, with an export. */
export function AuditPanel() {
  const { notebook, session } = usePlayground();
  const entries = () => session.audit.entries().slice().reverse();
  const cellName = (cellId: string | null) => (cellId === null ? '' : (notebook.state.cells[cellId]?.name ?? cellId));
  return (
    <div data-testid="audit-panel">
      <div class="panel-actions">
        <button type="button" data-testid="audit-export" onClick={() => { download('audit-log.json', JSON.stringify(session.audit.entries(), null, 2)); }}>
          Export as JSON
        </button>
      </div>
      <Show when={entries().length > 0} fallback={<p class="panel-empty">Nothing has happened yet. Runs, stops, restarts and crashes are recorded here.</p>}>
        <ol class="audit-list">
          <For each={entries()}>
            {(entry) => (
              <li class="audit-entry" data-kind={entry.kind}>
                <time datetime={entry.time}>{new Date(entry.time).toLocaleTimeString()}</time>
                <span class="audit-kind">{entry.kind}</span>
                <span class="audit-where">{[entry.language ?? '', cellName(entry.cellId)].filter(Boolean).join(' · ')}</span>
                <span class="audit-detail">{entry.detail}</span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}
