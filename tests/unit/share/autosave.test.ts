import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotebook, type Notebook } from '../../../src/runtime/notebook';
import { createAutosave, type Autosave } from '../../../src/share/autosave';
import { createMemoryStore, type DocumentRecord, type DocumentStore } from '../../../src/share/document-store';
import { documentTitle, NEW_DOCUMENT, UNTITLED } from '../../../src/share/document-title';

const WELCOME = 'DESCRIBE {\n    name: "Welcome"\n}\nPYTHON hello {\n    print("hi")\n}\n';
const OTHER = 'PYTHON other {\n    x = 1\n}\n';

interface Setup {
  notebook: Notebook;
  store: DocumentStore;
  autosave: Autosave;
  hide: () => void;
  /** What autosave wrote to the unsaved-edits journal. */
  journalled: DocumentRecord[];
  /** What autosave said about documents it would not save or reopen. */
  warnings: string[];
}

function setup(cap?: number): Setup {
  const notebook = createNotebook(WELCOME);
  const store = createMemoryStore();
  let ids = 0;
  let hide: () => void = () => undefined;
  const journalled: DocumentRecord[] = [];
  const warnings: string[] = [];
  const autosave = createAutosave({
    notebook,
    store,
    ...(cap === undefined ? {} : { cap }),
    warn: (message) => warnings.push(message),
    journal: { write: (record) => journalled.push(record), takeAll: () => [] },
    newId: () => `doc-${String(++ids)}`,
    onPageHide: (listener) => {
      hide = listener;
    },
  });
  return { notebook, store, autosave, hide: () => { hide(); }, journalled, warnings };
}

/** Types into the first cell as the editor does; in the page `watchEdits` then calls `changed()`. */
function type(context: Setup, code: string): void {
  const first = context.notebook.cells()[0];
  if (!first) throw new Error('no cell');
  context.notebook.setCode(first.id, code);
  context.autosave.changed();
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createAutosave', () => {
  it('saves an edit once typing has paused, not before', async () => {
    const context = setup();
    expect(context.autosave.currentId()).toBeNull();
    type(context, 'print("edited")');
    const id = context.autosave.currentId();
    expect(id).toBe('doc-1');
    await vi.advanceTimersByTimeAsync(299);
    expect(await context.store.list()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await context.store.get('doc-1')).toEqual({
      id: 'doc-1',
      title: 'Welcome',
      text: context.notebook.text(),
      trusted: true,
      dialect: 'brace',
      updatedAt: 1_000_300,
    });
    expect(await context.store.current()).toBe('doc-1');
  });

  it('waits for the last of a burst of edits and saves the latest text under one id', async () => {
    const context = setup();
    const save = vi.spyOn(context.store, 'save');
    for (const code of ['a = 1', 'a = 12', 'a = 123']) {
      type(context, code);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledOnce();
    expect(save.mock.calls[0]?.[0].text).toContain('a = 123');
    type(context, 'a = 1234');
    await vi.advanceTimersByTimeAsync(300);
    expect(save.mock.calls.map(([record]) => record.id)).toEqual(['doc-1', 'doc-1']);
    expect((await context.store.list()).map((entry) => entry.id)).toEqual(['doc-1']);
  });

  it('does not write a document that has not changed since it was saved', async () => {
    const context = setup();
    const save = vi.spyOn(context.store, 'save');
    type(context, 'a = 1');
    await vi.advanceTimersByTimeAsync(300);
    context.autosave.changed();
    await vi.advanceTimersByTimeAsync(300);
    expect(save).toHaveBeenCalledOnce();
  });

  it('saves a change of trust', async () => {
    const context = setup();
    context.notebook.load(OTHER, { trusted: false });
    await context.autosave.flush();
    context.notebook.setTrusted(true);
    context.autosave.changed();
    await vi.advanceTimersByTimeAsync(300);
    expect((await context.store.get('doc-1'))?.trusted).toBe(true);
  });

  it('gives a newly opened document a new id and saves it at once', async () => {
    const context = setup();
    type(context, 'a = 1');
    await vi.advanceTimersByTimeAsync(300);
    context.notebook.load(OTHER, { trusted: false });
    expect(context.autosave.currentId()).toBe('doc-2');
    await Promise.resolve();
    expect(await context.store.get('doc-2')).toMatchObject({ title: UNTITLED, text: OTHER, trusted: false });
    expect(await context.store.current()).toBe('doc-2');
    expect((await context.store.get('doc-1'))?.text).toContain('a = 1');
  });

  it('keeps the last edits of a document replaced before they were saved under its own id', async () => {
    const context = setup();
    type(context, 'unsaved = True');
    await vi.advanceTimersByTimeAsync(100);
    context.notebook.load(OTHER);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await context.store.get('doc-1'))?.text).toContain('unsaved = True');
    expect((await context.store.get('doc-2'))?.text).toBe(OTHER);
  });

  it('saves at once when the page is hidden', async () => {
    const context = setup();
    type(context, 'print("before reload")');
    context.hide();
    await Promise.resolve();
    expect((await context.store.get('doc-1'))?.text).toContain('before reload');
  });

  it('also writes an unsaved edit to the journal as the page hides, and nothing once it is saved', async () => {
    const context = setup();
    type(context, 'print("unsaved")');
    context.hide();
    expect(context.journalled).toEqual([expect.objectContaining({ id: 'doc-1', text: expect.stringContaining('unsaved') as string, trusted: true, updatedAt: 1_000_000 })]);
    await Promise.resolve();
    context.hide();
    expect(context.journalled).toHaveLength(1);
  });

  it('reopens a saved document under its own id, without writing it again', async () => {
    const context = setup();
    context.notebook.load(OTHER, { trusted: false });
    context.notebook.load(WELCOME);
    await vi.advanceTimersByTimeAsync(300);
    const saved = await context.store.get('doc-1');
    if (!saved) throw new Error('doc-1 was not saved');
    const save = vi.spyOn(context.store, 'save');
    expect(context.autosave.reopen(saved)).toBe(true);
    expect(context.autosave.currentId()).toBe('doc-1');
    expect(context.notebook.text()).toBe(OTHER);
    expect(context.notebook.state.trusted).toBe(false);
    context.autosave.changed();
    await vi.advanceTimersByTimeAsync(300);
    expect(save).not.toHaveBeenCalled();
    expect(await context.store.current()).toBe('doc-1');
    type(context, 'x = 2');
    await vi.advanceTimersByTimeAsync(300);
    expect(save.mock.calls.map(([record]) => record.id)).toEqual(['doc-1']);
    expect((await context.store.list()).map((entry) => entry.id)).toEqual(['doc-1', 'doc-2']);
  });

  it('does not reopen a saved document past the size cap, and says so', () => {
    const context = setup();
    const huge: DocumentRecord = { id: 'huge', title: 'Bomb', text: ' '.repeat(300 * 1024 * 1024), trusted: false, updatedAt: 1 };
    expect(context.autosave.reopen(huge)).toBe(false);
    expect(context.notebook.text()).toBe(WELCOME);
    expect(context.autosave.currentId()).toBeNull();
    expect(context.warnings).toEqual(['“Bomb” was not reopened: it holds more than 10 MB of text, the most the playground opens. Your current document is unchanged.']);
  });

  it('neither saves nor journals a document past the size cap, and says how to keep it', async () => {
    const context = setup(WELCOME.length + 10);
    type(context, 'print("a little longer than the cap allows")');
    await vi.advanceTimersByTimeAsync(300);
    context.hide();
    expect(await context.store.list()).toEqual([]);
    expect(context.journalled).toEqual([]);
    expect(context.warnings[0]).toMatch(/^This document is not saved in this browser: it holds more than .*Save as \.tars/);
    // Back under the cap, it is saved again.
    type(context, 'x');
    await vi.advanceTimersByTimeAsync(300);
    expect((await context.store.list()).map((summary) => summary.id)).toEqual(['doc-1']);
  });

  it('reopens a saved document that no longer parses, whole, under its own id', () => {
    const context = setup();
    type(context, 'a = 1');
    expect(context.autosave.reopen({ id: 'broken', title: 'B', text: 'PYTHON {', trusted: true, updatedAt: 1 })).toBe(true);
    expect(context.autosave.currentId()).toBe('broken');
    expect(context.notebook.text()).toBe('PYTHON {');
  });

  it('reopens a document in the dialect it was saved in, and ignores a dialect it does not know', () => {
    const context = setup();
    context.autosave.reopen({ id: 'plain', title: 'P', text: 'Just a note.\n', trusted: true, updatedAt: 1, dialect: 'markdown' });
    expect(context.notebook.state.dialect).toBe('markdown');
    expect(context.notebook.cells().map((cell) => cell.kind)).toEqual(['MARKDOWN']);
    const stored: unknown = { id: 'odd', title: 'O', text: 'Just a note.\n', trusted: true, updatedAt: 1, dialect: 'klingon' };
    context.autosave.reopen(stored as Parameters<typeof context.autosave.reopen>[0]);
    expect(context.notebook.state.dialect).toBe('text');
  });
});

describe('documentTitle', () => {
  it('is the DESCRIBE name, or "Untitled metascript"', () => {
    expect(documentTitle(createNotebook(WELCOME))).toBe('Welcome');
    expect(documentTitle(createNotebook(OTHER))).toBe(UNTITLED);
    expect(documentTitle(createNotebook('DESCRIBE {\n    name: ""\n}\n'))).toBe(UNTITLED);
    expect(documentTitle(createNotebook(NEW_DOCUMENT))).toBe(UNTITLED);
    expect(createNotebook(NEW_DOCUMENT).cells()).toEqual([]);
  });
});
