import { For, onCleanup, onMount, Show } from 'solid-js';
import { documentProperty } from '../runtime/document-settings';
import { usePlayground } from './playground-context';
import { CellView } from './CellView';
import { EngineStatusBadge } from './EngineStatusBadge';
import { InertBlock } from './InertBlock';

/** The page: header with Run all and engine status, then the cells. */
export function App() {
  const { notebook, session } = usePlayground();
  const title = () => {
    const name = documentProperty(notebook, 'DESCRIBE', 'name');
    return typeof name === 'string' ? name : 'Untitled metascript';
  };
  const security = () => {
    const tier = documentProperty(notebook, 'CONFIG', 'security');
    return typeof tier === 'string' ? tier : 'standard';
  };
  const busy = () =>
    [session.hosts.python.status().state, session.hosts.javascript.status().state].some((state) => state === 'busy' || state === 'loading');
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && busy()) {
      event.preventDefault();
      void session.stop();
    }
  };
  onMount(() => {
    document.addEventListener('keydown', onKeyDown);
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKeyDown);
  });
  const runAndAdvance = (cellId: string) => {
    void session.runCell(cellId);
    const cells = notebook.cells();
    const next = cells[cells.findIndex((cell) => cell.id === cellId) + 1];
    const target = next ? document.querySelector<HTMLTextAreaElement>(`[data-cell-id="${next.id}"] textarea`) : null;
    target?.focus();
  };
  return (
    <div class="app">
      <header class="app-header">
        <h1>{title()}</h1>
        <span class="policy-badge" data-testid="policy-badge" title="The document's security tier (CONFIG security)">
          {security()}
        </span>
        <div class="engines">
          <EngineStatusBadge host={session.hosts.python} />
          <EngineStatusBadge host={session.hosts.javascript} />
        </div>
        <button type="button" class="primary" data-testid="run-all" onClick={() => void session.runAll()}>
          ▶▶ Run all
        </button>
        <button type="button" data-testid="stop" disabled={!busy()} onClick={() => void session.stop()} aria-keyshortcuts="Escape" title="Stop (Esc)">
          ■ Stop
        </button>
      </header>
      <main>
        <Show when={notebook.state.loadFailure}>
          {(failure) => (
            <div class="load-failure" role="alert" data-testid="load-error">
              <p>
                The document could not be opened: {failure().message} (line {failure().line}, column {failure().column}). Your
                text is kept below; the cells shown are the previous document.
              </p>
              <textarea readonly class="code" value={failure().text} aria-label="Text that could not be opened" />
            </div>
          )}
        </Show>
        <Show when={session.log().length > 0}>
          <pre class="run-log" data-testid="run-log" aria-label="Messages from ACTION blocks">
            {session.log().join('\n')}
          </pre>
        </Show>
        <For each={notebook.state.items}>
          {(item) => {
            if (item.type === 'block') return item.block.type === 'raw' ? <InertBlock block={item.block} /> : null;
            const cell = () => notebook.state.cells[item.cellId];
            return <Show when={cell()}>{(current) => <CellView cell={current()} onRunAndAdvance={runAndAdvance} />}</Show>;
          }}
        </For>
        <div class="add-cell">
          <button type="button" onClick={() => notebook.addCell('PYTHON')}>
            + Python
          </button>
          <button type="button" onClick={() => notebook.addCell('JAVASCRIPT')}>
            + JavaScript
          </button>
        </div>
      </main>
    </div>
  );
}
