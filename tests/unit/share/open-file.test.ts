import { describe, expect, it, vi } from 'vitest';
import { createNotebook, type Notebook } from '../../../src/runtime/notebook';
import { documentTextOf, isOpenableFile, openFile, OPENABLE_TYPES, type FileTarget } from '../../../src/share/open-file';

const CURRENT = 'DESCRIBE {\n    name: "Current"\n}\nPYTHON current {\n    print("current")\n}\n';
const OPENED = 'DESCRIBE {\n    name: "Opened"\n}\nPYTHON first {\n    x = 1\n}\nJAVASCRIPT second {\n    console.log(x)\n}\n';
const MARKDOWN = '# Notes\n\nSome prose.\n\n```python area\nx = 1\n```\n\n```js\nconsole.log(x)\n```\n\n```ruby\nputs 1\n```\n';

interface Setup {
  notebook: Notebook;
  notices: (string | null)[];
  target: FileTarget;
}

function setup(): Setup {
  const notebook = createNotebook(CURRENT);
  const notices: (string | null)[] = [];
  return { notebook, notices, target: { notebook, setNotice: (message) => notices.push(message) } };
}

function fileOf(name: string, content: string): Pick<File, 'name' | 'size' | 'text'> {
  return { name, size: new TextEncoder().encode(content).length, text: () => Promise.resolve(content) };
}

function unreadable(name: string, reason: unknown): Pick<File, 'name' | 'size' | 'text'> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a non-Error rejection is part of what is tested
  return { name, size: 100, text: () => Promise.reject(reason) };
}

function cellSummary(notebook: Notebook): [string, string | null, string][] {
  return notebook.cells().map((cell) => [cell.kind, cell.name, cell.code]);
}

describe('isOpenableFile', () => {
  it('accepts .tars, .md, .markdown, .meta and .txt files, in any case', () => {
    for (const name of ['doc.tars', 'notes.md', 'notes.markdown', 'script.meta', 'plain.txt', 'LOUD.TARS', 'a.b.Md']) {
      expect(isOpenableFile(name), name).toBe(true);
    }
  });

  it('refuses other files, and names that only contain an openable extension', () => {
    for (const name of ['data.json', 'image.png', 'doc.tars.exe', 'notes.mdx', 'tars', 'md', '']) {
      expect(isOpenableFile(name), name).toBe(false);
    }
  });

  it('agrees with the types the picker offers', () => {
    for (const extension of OPENABLE_TYPES.split(',')) {
      expect(isOpenableFile(`file${extension}`), extension).toBe(true);
    }
  });
});

describe('documentTextOf', () => {
  it('reads .tars and .txt files as they are, even when they do not parse', () => {
    expect(documentTextOf('doc.tars', OPENED)).toBe(OPENED);
    expect(documentTextOf('doc.txt', '# not markdown here')).toBe('# not markdown here');
    expect(documentTextOf('broken.TARS', 'PYTHON {')).toBe('PYTHON {');
  });

  it('imports Markdown files, fenced cells and prose alike', () => {
    const expected = 'MARKDOWN {\n    # Title\n\n    Some prose.\n}\nPYTHON area {\n    x = 1\n}\nJAVASCRIPT {\n    console.log(x)\n}\n';
    const markdown = '# Title\n\nSome prose.\n\n```python area\nx = 1\n```\n\n```js\nconsole.log(x)\n```\n';
    for (const name of ['a.md', 'a.markdown', 'a.meta', 'A.MD']) {
      expect(documentTextOf(name, markdown), name).toBe(expected);
    }
  });
});

describe('openFile', () => {
  it('opens a .tars file untrusted, with exactly its text, and clears the notice', async () => {
    const { notebook, notices, target } = setup();
    expect(await openFile(fileOf('opened.tars', OPENED), target)).toBe(true);
    expect(notebook.text()).toBe(OPENED);
    expect(notebook.state.trusted).toBe(false);
    expect(notebook.state.loadFailure).toBeNull();
    expect(cellSummary(notebook)).toEqual([
      ['PYTHON', 'first', 'x = 1'],
      ['JAVASCRIPT', 'second', 'console.log(x)'],
    ]);
    expect(notices).toEqual([null]);
  });

  it('imports a Markdown file: python and js fences become cells, the rest prose', async () => {
    const { notebook, notices, target } = setup();
    expect(await openFile(fileOf('notes.md', MARKDOWN), target)).toBe(true);
    expect(cellSummary(notebook)).toEqual([
      ['MARKDOWN', null, '# Notes\n\nSome prose.'],
      ['PYTHON', 'area', 'x = 1'],
      ['JAVASCRIPT', null, 'console.log(x)'],
      ['MARKDOWN', null, '```ruby\nputs 1\n```'],
    ]);
    expect(notebook.state.trusted).toBe(false);
    expect(notices).toEqual([null]);
  });

  it('refuses an unsupported file with a notice, without reading it or touching the document', async () => {
    const { notebook, notices, target } = setup();
    const before = cellSummary(notebook);
    const load = vi.spyOn(notebook, 'load');
    const text = vi.fn(() => Promise.resolve(OPENED));
    expect(await openFile({ name: 'photo.png', size: 100, text }, target)).toBe(false);
    expect(notices).toEqual(['photo.png was not opened: the playground opens .tars, .md, .meta and .txt files.']);
    expect(text).not.toHaveBeenCalled();
    expect(load).not.toHaveBeenCalled();
    expect(notebook.text()).toBe(CURRENT);
    expect(cellSummary(notebook)).toEqual(before);
    expect(notebook.state.trusted).toBe(true);
  });

  it('refuses a 300 MB file by its size, without reading a byte of it, and keeps the document', async () => {
    const { notebook, notices, target } = setup();
    const load = vi.spyOn(notebook, 'load');
    const text = vi.fn(() => Promise.resolve(OPENED));
    expect(await openFile({ name: 'bomb.tars', size: 300 * 1024 * 1024, text }, target)).toBe(false);
    expect(notices).toEqual(['bomb.tars was not opened: it holds more than 10 MB of text, the most the playground opens. Your current document is unchanged.']);
    expect(text).not.toHaveBeenCalled();
    expect(load).not.toHaveBeenCalled();
    expect(notebook.text()).toBe(CURRENT);
  });

  it('opens a file of exactly the cap, and refuses one byte more', async () => {
    const { notebook, target } = setup();
    expect(await openFile(fileOf('small.tars', OPENED), target, new TextEncoder().encode(OPENED).length)).toBe(true);
    expect(notebook.text()).toBe(OPENED);
    expect(await openFile(fileOf('other.tars', `${CURRENT}\n`), target, CURRENT.length)).toBe(false);
    expect(notebook.text()).toBe(OPENED);
  });

  it('says why a file could not be read, and keeps the document', async () => {
    const { notebook, notices, target } = setup();
    expect(await openFile(unreadable('gone.tars', new Error('the file was moved')), target)).toBe(false);
    expect(await openFile(unreadable('odd.md', 'permission denied'), target)).toBe(false);
    expect(notices).toEqual(['gone.tars could not be read: the file was moved.', 'odd.md could not be read: permission denied.']);
    expect(notebook.text()).toBe(CURRENT);
    expect(notebook.state.loadFailure).toBeNull();
  });

  it('keeps the current cells when a .tars file does not parse, and records the failure with its text', async () => {
    const { notebook, notices, target } = setup();
    const before = notebook.cells().map((cell) => cell.id);
    expect(await openFile(fileOf('broken.tars', 'PYTHON {\n    x = 1\n'), target)).toBe(false);
    expect(notebook.cells().map((cell) => cell.id)).toEqual(before);
    expect(notebook.text()).toBe(CURRENT);
    expect(notebook.state.trusted).toBe(true);
    expect(notebook.state.loadFailure).toMatchObject({ text: 'PYTHON {\n    x = 1\n', line: 1 });
    // The load failure is shown with the document, so no notice is needed, and none is cleared.
    expect(notices).toEqual([]);
  });

  it('never rejects, even when reading throws synchronously', async () => {
    const { notices, target } = setup();
    const file: Pick<File, 'name' | 'size' | 'text'> = {
      name: 'sync.tars',
      size: 100,
      text: () => {
        throw new Error('no access');
      },
    };
    await expect(openFile(file, target)).resolves.toBe(false);
    expect(notices).toEqual(['sync.tars could not be read: no access.']);
  });
});
