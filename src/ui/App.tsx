import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { documentProperty } from '../runtime/document-settings';
import { usePlayground } from './playground-context';
import { cellLanguage, createCellCommands } from './cell-commands';
import { CellView } from './CellView';
import { focusCellEditor } from './editor/focus';
import { ElevationDialog } from './ElevationDialog';
import { FileDrop } from './FileDrop';
import { Header } from './Header';
import { InertBlock } from './InertBlock';
import { showsPropertyBlock } from './inert/inert-notes';
import { commandFor, type Command } from './key-bindings';
import { KeyHelp } from './KeyHelp';
import { PropertyBlockView } from './PropertyBlockView';
import { RunLog } from './RunLog';
import { createProgressive } from './progressive';
import { SidePanel } from './panels/SidePanel';
import { createTheme } from './theme';
import { TrustBanner } from './TrustBanner';
import { UpdatePrompt } from './UpdatePrompt';

const APP_NAME = 'TARS Metascript Playground';
/** Wide screens have room for the panels beside the cells from the start. */
const PANEL_OPEN_WIDTH = 1200;

/** Whether a key press would type into something: then `?` is a character, not a command. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null);
}

/** The cell that holds the focus, if any. */
function focusedCellId(): string | null {
  const element = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>('[data-cell-id]') : null;
  return element?.dataset.cellId ?? null;
}

/** The page: the header, the cells, the side panels, and the keyboard commands. */
export function App() {
  const { notebook, session, notice, setNotice } = usePlayground();
  const theme = createTheme();
  const commands = createCellCommands(notebook, session);
  const [panelOpen, setPanelOpen] = createSignal(window.innerWidth >= PANEL_OPEN_WIDTH);
  const [keysOpen, setKeysOpen] = createSignal(false);
  // A large document paints its top at once and fills in the rest over the next moments.
  const items = createProgressive(() => notebook.state.items, (listener) => {
    notebook.onLoad(listener);
  });
  /** The error of the last run that came from the block of an item, if any. */
  const failureAt = (item: number) => {
    const line = session.log().find((candidate) => candidate.level === 'error' && candidate.item === item);
    if (!line) return null;
    const start = notebook.sources()[item]?.line ?? line.line;
    return { line: line.line, message: line.text, blockLine: line.line - start + 1 };
  };
  const busy = () => session.dslRunning() || [session.hosts.python.status().state, session.hosts.javascript.status().state].some((state) => state === 'busy' || state === 'loading');

  createEffect(() => {
    const name = documentProperty(notebook, 'DESCRIBE', 'name');
    document.title = typeof name === 'string' ? `${name} · ${APP_NAME}` : APP_NAME;
  });

  const perform = (command: Command, cellId: string | null) => {
    switch (command) {
      case 'run-all':
        void session.runAll();
        return;
      case 'stop':
        void session.stop();
        return;
      case 'restart-engine':
        void commands.restart(cellLanguage(notebook, cellId));
        return;
      case 'add-cell':
        commands.addBelow(cellId);
        return;
      case 'delete-cell':
        if (cellId !== null) commands.remove(cellId);
        return;
      case 'move-up':
      case 'move-down':
        if (cellId !== null) commands.move(cellId, command === 'move-up' ? -1 : 1);
        return;
      case 'help':
        setKeysOpen(!keysOpen());
        return;
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const command = commandFor(event, isTyping(event.target));
    // Esc closes menus and dialogs first; it stops a run only when something is running.
    if (command === null || (command === 'stop' && !busy())) return;
    event.preventDefault();
    perform(command, focusedCellId());
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
    if (next) focusCellEditor(next.id);
    else commands.addBelow(cellId);
  };

  return (
    <div class="app" classList={{ 'with-panel': panelOpen() }}>
      <a class="skip-link" href="#cells">
        Skip to the cells
      </a>
      <Header theme={theme} panelOpen={panelOpen()} onTogglePanel={() => setPanelOpen(!panelOpen())} onShowKeys={() => setKeysOpen(true)} busy={busy()} />
      <div class="workspace">
        <main id="cells" tabindex="-1">
          <Show when={notice()}>
            {(message) => (
              <div class="load-failure" role="alert" data-testid="link-error">
                <p>{message()}</p>
                <button type="button" onClick={() => { setNotice(null); }}>
                  Dismiss
                </button>
              </div>
            )}
          </Show>
          <TrustBanner />
          <RunLog lines={session.log()} />
          <For each={items()}>
            {(item, index) => {
              if (item.type === 'block') {
                const block = item.block;
                const failure = () => failureAt(index());
                if (block.type === 'raw') return <InertBlock block={block} item={index()} failure={failure()} />;
                // A settings block read whole is applied, not shown; DSL steps and blocks kept partly as text are shown.
                return block.type === 'properties' && showsPropertyBlock(block) ? <PropertyBlockView block={block} item={index()} failure={failure()} /> : null;
              }
              const cell = () => notebook.state.cells[item.cellId];
              return <Show when={cell()}>{(current) => <CellView cell={current()} commands={commands} onRunAndAdvance={runAndAdvance} />}</Show>;
            }}
          </For>
          <div class="add-cell" role="group" aria-label="Add a cell at the end">
            <button type="button" data-testid="add-python" onClick={() => focusCellEditor(notebook.addCell('PYTHON'))}>
              + Python
            </button>
            <button type="button" data-testid="add-javascript" onClick={() => focusCellEditor(notebook.addCell('JAVASCRIPT'))}>
              + JavaScript
            </button>
            <button type="button" data-testid="add-markdown" onClick={() => focusCellEditor(notebook.addCell('MARKDOWN'))}>
              + Markdown
            </button>
          </div>
        </main>
        <Show when={panelOpen()}>
          <SidePanel onClose={() => setPanelOpen(false)} />
        </Show>
      </div>
      <Show when={commands.deleted()}>
        {(deleted) => (
          <div class="toast" role="status" data-testid="undo-delete">
            Deleted {deleted().label}.{' '}
            <button type="button" onClick={() => { commands.undoDelete(); }}>
              Undo
            </button>
          </div>
        )}
      </Show>
      <KeyHelp open={keysOpen()} onClose={() => setKeysOpen(false)} />
      <ElevationDialog />
      <FileDrop />
      <UpdatePrompt />
    </div>
  );
}
