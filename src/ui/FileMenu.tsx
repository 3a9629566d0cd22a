import { createResource, createSignal, For, Show } from 'solid-js';
import { exportMarkdown } from '../metascript/markdown';
import { openMetascript } from '../metascript/open';
import type { Dialect } from '../metascript/types';
import { documentTitle, NEW_DOCUMENT } from '../share/document-title';
import type { DocumentSummary } from '../share/document-store';
import { downloadText, fileNameFor } from '../share/download';
import { OPENABLE_TYPES, openFile } from '../share/open-file';
import { useDocuments } from './documents-context';
import { focusCellEditor } from './editor/focus';
import { usePlayground } from './playground-context';
import { menuDismissal } from './menu-dismissal';
import { relativeTime } from './relative-time';
import './FileMenu.css';

/** The file extension each dialect is saved with. */
const EXTENSIONS: Record<Dialect, 'tars' | 'trsx' | 'md' | 'txt'> = { brace: 'tars', unified: 'trsx', markdown: 'md', text: 'txt' };

interface RecentList {
  readonly documents: readonly DocumentSummary[];
  /** When the list was read, so that "5 minutes ago" is measured from one moment. */
  readonly now: number;
}

/** The File menu: new, open, save as a download, and the recently saved documents. */
export function FileMenu() {
  const { notebook, setNotice } = usePlayground();
  const { store, autosave } = useDocuments();
  const [open, setOpen] = createSignal(false);
  // The open document is not "recent": it is the one on screen.
  const [recent, { refetch }] = createResource(
    open,
    async (): Promise<RecentList> => ({ documents: (await store.list()).filter((entry) => entry.id !== autosave.currentId()), now: Date.now() }),
  );
  let root: HTMLDivElement | undefined;
  let toggle: HTMLButtonElement | undefined;
  let picker: HTMLInputElement | undefined;

  const close = () => setOpen(false);
  const focusFirstCell = () => {
    const first = notebook.cells()[0];
    if (first) requestAnimationFrame(() => focusCellEditor(first.id));
  };
  const newDocument = () => {
    notebook.load(NEW_DOCUMENT, { trusted: true });
    close();
  };
  /** Saves the document in the dialect it was read in, byte for byte where it was not edited. */
  const save = () => {
    const { dialect } = notebook.state;
    downloadText(fileNameFor(documentTitle(notebook), EXTENSIONS[dialect]), notebook.text(), dialect === 'markdown' ? 'text/markdown' : 'text/plain');
    close();
  };
  /** Writes a brace document as a Markdown metascript: cells as fences, other blocks in ```tars fences. */
  const saveMarkdown = () => {
    const { dialect } = notebook.state;
    const text = notebook.text();
    downloadText(fileNameFor(documentTitle(notebook), 'md'), dialect === 'markdown' ? text : exportMarkdown(openMetascript(text, { dialect })), 'text/markdown');
    close();
  };
  const onPick = async () => {
    const file = picker?.files?.[0];
    // Cleared, so that picking the same file again is a change too.
    if (picker) picker.value = '';
    if (file && (await openFile(file, { notebook, setNotice }))) focusFirstCell();
  };
  const reopen = async (id: string) => {
    const record = await store.get(id);
    close();
    if (!record) {
      setNotice('That document is no longer saved in this browser.');
      return;
    }
    if (autosave.reopen(record)) focusFirstCell();
  };
  const remove = async (id: string) => {
    // The button goes away with its row; the focus stays in the menu, which stays open.
    toggle?.focus();
    await store.remove(id);
    void refetch();
  };
  const { onFocusOut, onKeyDown } = menuDismissal({ root: () => root, isOpen: open, close, toggle: () => toggle });

  return (
    <div class="menu file-menu" ref={root} onFocusOut={onFocusOut} onKeyDown={onKeyDown}>
      <button type="button" ref={toggle} aria-expanded={open()} aria-controls="file-menu-list" data-testid="file-menu" onClick={() => setOpen(!open())}>
        File ▾
      </button>
      {/* Outside the list, so that it outlives the menu closing while the file dialog is open. */}
      <input ref={picker} type="file" accept={OPENABLE_TYPES} hidden data-testid="open-file" onChange={() => void onPick()} />
      <Show when={open()}>
        <div class="menu-list" id="file-menu-list" role="group" aria-label="File">
          <button type="button" class="menu-item" data-testid="new-document" onClick={newDocument}>
            New document
          </button>
          <button
            type="button"
            class="menu-item"
            onClick={() => {
              close();
              picker?.click();
            }}
          >
            Open file…
          </button>
          <button type="button" class="menu-item" data-testid="save" onClick={save}>
            Save as .{EXTENSIONS[notebook.state.dialect]}
          </button>
          <Show when={notebook.state.dialect !== 'markdown'}>
            <button type="button" class="menu-item" data-testid="save-md" onClick={saveMarkdown}>
              Save as Markdown (.md)
            </button>
          </Show>
          <h2 class="file-menu-heading" id="recent-documents-heading">
            Recent documents
          </h2>
          <Show when={recent()} fallback={<p class="menu-note">Loading…</p>}>
            {(list) => (
              <Show when={list().documents.length > 0} fallback={<p class="menu-note">Documents you open or edit are kept here.</p>}>
                <ul class="recent-documents" aria-labelledby="recent-documents-heading">
                  <For each={list().documents}>
                    {(entry) => (
                      <li>
                        <button type="button" class="menu-item recent-open" data-testid="recent-document" data-document-id={entry.id} onClick={() => void reopen(entry.id)}>
                          <span class="recent-title">{entry.title}</span>
                          <span class="recent-time">{relativeTime(entry.updatedAt, list().now)}</span>
                        </button>
                        <button type="button" class="icon recent-delete" aria-label={`Forget ${entry.title}`} title="Remove from this list and from this browser" onClick={() => void remove(entry.id)}>
                          ✕
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Show>
        </div>
      </Show>
    </div>
  );
}
