import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotebook, type Notebook } from '../../../src/runtime/notebook';
import { createAutosave, type Autosave } from '../../../src/share/autosave';
import { createMemoryStore, type DocumentRecord, type DocumentStore } from '../../../src/share/document-store';
import type { LinkTarget } from '../../../src/share/open-share-link';
import { fetchText, openStartDocument } from '../../../src/share/open-start-document';
import type { StartRequest } from '../../../src/share/start-document';
import { createUnsavedJournal } from '../../../src/share/unsaved-journal';

const WELCOME = 'DESCRIBE {\n    name: "Welcome"\n}\nPYTHON hello {\n    print("hi")\n}\n';
const SAVED = 'DESCRIBE {\n    name: "Saved"\n}\nPYTHON saved {\n    print("saved")\n}\n';
const FETCHED = 'DESCRIBE {\n    name: "Example"\n}\nJAVASCRIPT orbit {\n    console.log(1)\n}\n';
const EXAMPLE_URL = 'https://play.example/app/examples/orbit.tars';
const EXAMPLE: StartRequest = { kind: 'fetch', url: EXAMPLE_URL, label: 'the example “orbit”', markdown: false };

interface Setup {
  notebook: Notebook;
  store: DocumentStore;
  autosave: Autosave;
  notices: (string | null)[];
  links: LinkTarget[];
  fetched: string[];
  forgetAddress: ReturnType<typeof vi.fn<() => void>>;
  /** Runs `openStartDocument` with the fakes, fetching `response` (text, or a rejection). */
  open(request: StartRequest, response?: string | Error): Promise<void>;
}

function setup(store: DocumentStore = createMemoryStore()): Setup {
  const notebook = createNotebook(WELCOME);
  let ids = 0;
  const notices: (string | null)[] = [];
  const autosave = createAutosave({ notebook, store, newId: () => `doc-${String(++ids)}`, warn: (message) => notices.push(message) });
  const links: LinkTarget[] = [];
  const fetched: string[] = [];
  const forgetAddress = vi.fn<() => void>();
  return {
    notebook,
    store,
    autosave,
    notices,
    links,
    fetched,
    forgetAddress,
    open: (request, response = FETCHED) =>
      openStartDocument({
        request,
        notebook,
        store,
        autosave,
        journal: createUnsavedJournal(null),
        openLinks: (target) => {
          links.push(target);
          return Promise.resolve();
        },
        fetchText: (url) => {
          fetched.push(url);
          return typeof response === 'string' ? Promise.resolve(response) : Promise.reject(response);
        },
        setNotice: (message) => notices.push(message),
        forgetAddress,
      }),
  };
}

/** A store holding one document, recorded as the one this tab showed last. */
async function storeWithCurrent(record: DocumentRecord): Promise<DocumentStore> {
  const store = createMemoryStore();
  await store.save(record);
  await store.setCurrent(record.id);
  return store;
}

const SAVED_RECORD: DocumentRecord = { id: 'saved-1', title: 'Saved', text: SAVED, trusted: false, updatedAt: 500 };

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('openStartDocument', () => {
  it('reopens the saved current document, under its own id, when nothing is asked for', async () => {
    const context = setup(await storeWithCurrent(SAVED_RECORD));
    await context.open({ kind: 'none' });
    expect(context.notebook.text()).toBe(SAVED);
    expect(context.notebook.state.trusted).toBe(false);
    expect(context.autosave.currentId()).toBe('saved-1');
    expect(context.fetched).toEqual([]);
    expect(context.notices).toEqual([]);
    expect(context.forgetAddress).not.toHaveBeenCalled();
  });

  it('keeps the welcome document when nothing is saved, or the current id has no record', async () => {
    const empty = setup();
    await empty.open({ kind: 'none' });
    expect(empty.notebook.text()).toBe(WELCOME);
    expect(empty.autosave.currentId()).toBeNull();

    const store = createMemoryStore();
    await store.setCurrent('forgotten');
    const dangling = setup(store);
    await dangling.open({ kind: 'none' });
    expect(dangling.notebook.text()).toBe(WELCOME);
    expect(dangling.notices).toEqual([]);
  });

  it('does not reopen a saved document past the size cap (an older version saved a bomb), and says why', async () => {
    const context = setup(await storeWithCurrent({ ...SAVED_RECORD, text: ' '.repeat(300 * 1024 * 1024) }));
    await context.open({ kind: 'none' });
    expect(context.notebook.text()).toBe(WELCOME);
    expect(context.notices).toEqual(['“Saved” was not reopened: it holds more than 10 MB of text, the most the playground opens. Your current document is unchanged.']);
  });

  it('reopens a saved document that no longer parses, whole', async () => {
    const context = setup(await storeWithCurrent({ ...SAVED_RECORD, text: 'PYTHON {' }));
    await context.open({ kind: 'none' });
    expect(context.notebook.text()).toBe('PYTHON {');
    expect(context.notebook.cells()).toEqual([]);
  });

  it('hands share links a target that loads into the notebook and forgets the address once one opens', async () => {
    const context = setup();
    await context.open({ kind: 'link' });
    expect(context.links).toHaveLength(1);
    const [target] = context.links;
    if (!target) throw new Error('openLinks was not called');

    expect(context.forgetAddress).not.toHaveBeenCalled();
    target.load(SAVED, { trusted: false });
    expect(context.notebook.text()).toBe(SAVED);
    expect(context.notebook.state.trusted).toBe(false);
    expect(context.forgetAddress).toHaveBeenCalledOnce();

    target.showError('bad link');
    expect(context.notices).toEqual(['bad link']);
    expect(context.fetched).toEqual([]);
  });

  it('opens a link only after the saved document, which keeps its record when the link replaces it', async () => {
    const context = setup(await storeWithCurrent(SAVED_RECORD));
    await context.open({ kind: 'link' });
    expect(context.notebook.text()).toBe(SAVED);
    context.links[0]?.load('JAVASCRIPT {', { trusted: false });
    expect(context.notebook.text()).toBe('JAVASCRIPT {');
    expect(await context.store.get('saved-1')).toEqual(SAVED_RECORD);
  });

  it('loads a fetched file trusted, over the saved document, and forgets the address', async () => {
    const context = setup(await storeWithCurrent(SAVED_RECORD));
    await context.open(EXAMPLE);
    expect(context.fetched).toEqual([EXAMPLE_URL]);
    expect(context.notebook.text()).toBe(FETCHED);
    expect(context.notebook.state.trusted).toBe(true);
    expect(context.forgetAddress).toHaveBeenCalledOnce();
    expect(context.notices).toEqual([]);
    // The fetched file is a new document; the saved one keeps its own record.
    expect(context.autosave.currentId()).toBe('doc-1');
    await context.autosave.flush();
    expect(await context.store.get('saved-1')).toEqual(SAVED_RECORD);
    expect((await context.store.get('doc-1'))?.text).toBe(FETCHED);
  });

  it('imports a fetched Markdown file', async () => {
    const context = setup();
    await context.open({ kind: 'fetch', url: 'https://play.example/notes.md', label: 'notes.md', markdown: true }, '# Notes\n\n```python area\nx = 1\n```\n\n```js\nconsole.log(x)\n```\n');
    expect(context.notebook.cells().map((cell) => [cell.kind, cell.name, cell.code])).toEqual([
      ['MARKDOWN', null, '# Notes'],
      ['PYTHON', 'area', 'x = 1'],
      ['JAVASCRIPT', null, 'console.log(x)'],
    ]);
    expect(context.notebook.state.trusted).toBe(true);
    expect(context.forgetAddress).toHaveBeenCalledOnce();
  });

  it('opens a fetched file in the dialect its content shows, and writes it back unchanged', async () => {
    const context = setup();
    await context.open(EXAMPLE, '# Not a brace metascript\n');
    expect(context.notebook.state.dialect).toBe('markdown');
    expect(context.notebook.text()).toBe('# Not a brace metascript\n');
  });

  it('says a fetch failed and that the last document is shown, and keeps it', async () => {
    const context = setup(await storeWithCurrent(SAVED_RECORD));
    await context.open(EXAMPLE, new Error('HTTP 404 Not Found'));
    expect(context.notices).toEqual(['Could not open the example “orbit”: HTTP 404 Not Found. Your last document is shown instead.']);
    expect(context.notebook.text()).toBe(SAVED);
    expect(context.autosave.currentId()).toBe('saved-1');
    expect(context.forgetAddress).not.toHaveBeenCalled();
  });

  it('says a fetch failed and that the welcome document is shown when none was saved', async () => {
    const context = setup();
    await context.open(EXAMPLE, new Error('Failed to fetch'));
    expect(context.notices).toEqual(['Could not open the example “orbit”: Failed to fetch. The welcome document is shown instead.']);
    expect(context.notebook.text()).toBe(WELCOME);
    expect(context.forgetAddress).not.toHaveBeenCalled();
  });

  it('shows a refused request’s message with the fallback, and fetches nothing', async () => {
    const refused: StartRequest = { kind: 'refused', message: 'There is no example called “../x”.' };
    const withSaved = setup(await storeWithCurrent(SAVED_RECORD));
    await withSaved.open(refused);
    expect(withSaved.notices).toEqual(['There is no example called “../x”. Your last document is shown instead.']);
    expect(withSaved.notebook.text()).toBe(SAVED);
    expect(withSaved.fetched).toEqual([]);

    const fresh = setup();
    await fresh.open(refused);
    expect(fresh.notices).toEqual(['There is no example called “../x”. The welcome document is shown instead.']);
    expect(fresh.notebook.text()).toBe(WELCOME);
    expect(fresh.forgetAddress).not.toHaveBeenCalled();
  });

  it('opens a fetched text that does not parse, its broken block inert, and forgets the address', async () => {
    const context = setup(await storeWithCurrent(SAVED_RECORD));
    await context.open({ kind: 'fetch', url: 'https://play.example/broken.tars', label: 'broken.tars', markdown: false }, 'PYTHON {\n');
    expect(context.notices).toEqual([]);
    expect(context.notebook.text()).toBe('PYTHON {\n');
    expect(context.notebook.state.items).toMatchObject([{ type: 'block', block: { type: 'raw', kind: 'PYTHON' } }]);
    expect(context.forgetAddress).toHaveBeenCalledOnce();
  });

  it('treats a store that fails as one with nothing saved', async () => {
    const broken: DocumentStore = { ...createMemoryStore(), current: () => Promise.reject(new Error('storage refused')) };
    const context = setup(broken);
    await expect(context.open(EXAMPLE, new Error('HTTP 500'))).resolves.toBeUndefined();
    expect(context.notices).toEqual(['Could not open the example “orbit”: HTTP 500. The welcome document is shown instead.']);
    expect(context.links).toHaveLength(1);
  });
});

describe('fetchText', () => {
  function fetcherOf(response: Response): ReturnType<typeof vi.fn<typeof fetch>> {
    return vi.fn<typeof fetch>(() => Promise.resolve(response));
  }

  it('resolves to the text of a file the server found', async () => {
    const fetcher = fetcherOf(new Response(FETCHED, { headers: { 'content-type': 'text/plain; charset=utf-8' } }));
    await expect(fetchText('https://play.example/a.tars', fetcher)).resolves.toBe(FETCHED);
    expect(fetcher).toHaveBeenCalledExactlyOnceWith('https://play.example/a.tars');
  });

  it('accepts a file served without a content type', async () => {
    const response = new Response(new TextEncoder().encode('x = 1'));
    expect(response.headers.get('content-type')).toBeNull();
    await expect(fetchText('/a.txt', fetcherOf(response))).resolves.toBe('x = 1');
  });

  it('refuses a file whose Content-Length passes the cap without reading its body', async () => {
    let pulled = false;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull() {
        pulled = true;
      },
      cancel() {
        cancelled = true;
      },
    }, { highWaterMark: 0 });
    const response = new Response(body, { headers: { 'content-length': String(300 * 1024 * 1024) } });
    await expect(fetchText('/bomb.tars', fetcherOf(response))).rejects.toThrow(/^it holds more than 10 MB of text/);
    expect(pulled).toBe(false);
    expect(cancelled).toBe(true);
  });

  it('refuses a 300 MB file sent without a length once the running count passes the cap, and downloads no more', async () => {
    let sent = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 300) controller.close();
        else {
          sent++;
          controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
        }
      },
      cancel() {
        cancelled = true;
      },
    }, { highWaterMark: 0 });
    const response = new Response(body);
    expect(response.headers.get('content-length')).toBeNull();
    await expect(fetchText('/bomb.tars', fetcherOf(response))).rejects.toThrow(/more than 10 MB/);
    expect(sent).toBeLessThanOrEqual(12);
    expect(cancelled).toBe(true);
    // A file under the cap still opens whole, decoded as UTF-8.
    await expect(fetchText('/a.tars', fetcherOf(new Response(new TextEncoder().encode('print("✓")'))), 16)).resolves.toBe('print("✓")');
  });

  it('rejects with the HTTP status of a response that is not ok', async () => {
    await expect(fetchText('/missing.tars', fetcherOf(new Response('gone', { status: 404, statusText: 'Not Found' })))).rejects.toThrow(/^HTTP 404 Not Found$/);
    await expect(fetchText('/error.tars', fetcherOf(new Response('', { status: 500 })))).rejects.toThrow(/^HTTP 500$/);
  });

  it('rejects a web page, which a single-page host sends for a missing path', async () => {
    const page = new Response('<!doctype html><title>Playground</title>', { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    await expect(fetchText('/typo.tars', fetcherOf(page))).rejects.toThrow('the server sent a web page, so the path is probably wrong');
  });

  it('passes a network failure on', async () => {
    const fetcher = vi.fn<typeof fetch>(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(fetchText('/a.tars', fetcher)).rejects.toThrow('Failed to fetch');
  });
});
