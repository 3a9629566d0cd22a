import { describe, expect, it, vi } from 'vitest';
import { createNotebook, type Notebook } from '../../../src/runtime/notebook';
import { isOpenableFile, openFile, OPENABLE_TYPES, type FileTarget } from '../../../src/share/open-file';

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
  it('accepts .tars, .trsx, .md, .markdown, .meta, .txt and .xml files, in any case', () => {
    for (const name of ['doc.tars', 'report.trsx', 'plan.xml', 'notes.md', 'notes.markdown', 'script.meta', 'plain.txt', 'LOUD.TARS', 'a.b.Md']) {
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

describe('openFile', () => {
  it('opens a .tars file untrusted, with exactly its text, and clears the notice', async () => {
    const { notebook, notices, target } = setup();
    expect(await openFile(fileOf('opened.tars', OPENED), target)).toBe(true);
    expect(notebook.text()).toBe(OPENED);
    expect(notebook.state.trusted).toBe(false);
    expect(notebook.state.dialect).toBe('brace');
    expect(cellSummary(notebook)).toEqual([
      ['PYTHON', 'first', 'x = 1'],
      ['JAVASCRIPT', 'second', 'console.log(x)'],
    ]);
    expect(notices).toEqual([null]);
  });

  it('opens a Markdown file as Markdown: python and js fences are cells, prose is Markdown, other fences inert', async () => {
    const { notebook, notices, target } = setup();
    expect(await openFile(fileOf('notes.md', MARKDOWN), target)).toBe(true);
    expect(cellSummary(notebook)).toEqual([
      ['MARKDOWN', null, '# Notes\n\nSome prose.'],
      ['PYTHON', 'area', 'x = 1'],
      ['JAVASCRIPT', null, 'console.log(x)'],
    ]);
    expect(notebook.state.items.at(-1)).toMatchObject({ type: 'block', block: { type: 'raw', kind: 'RUBY', text: '```ruby\nputs 1\n```' } });
    expect(notebook.state.dialect).toBe('markdown');
    expect(notebook.text()).toBe(MARKDOWN);
    expect(notebook.state.trusted).toBe(false);
    expect(notices).toEqual([null]);
  });

  it('refuses an unsupported file with a notice, without reading it or touching the document', async () => {
    const { notebook, notices, target } = setup();
    const before = cellSummary(notebook);
    const load = vi.spyOn(notebook, 'load');
    const text = vi.fn(() => Promise.resolve(OPENED));
    expect(await openFile({ name: 'photo.png', size: 100, text }, target)).toBe(false);
    expect(notices).toEqual(['photo.png was not opened: the playground opens .tars, .trsx, .md, .meta, .txt and .xml files.']);
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
  });

  it('opens a .tars file that does not parse, its broken block inert with the error, and its text kept', async () => {
    const { notebook, notices, target } = setup();
    expect(await openFile(fileOf('broken.tars', 'PYTHON {\n    x = 1\n'), target)).toBe(true);
    expect(notebook.cells()).toEqual([]);
    expect(notebook.state.items).toMatchObject([{ type: 'block', block: { type: 'raw', kind: 'PYTHON', inert: { warning: { line: 1 } } } }]);
    expect(notebook.text()).toBe('PYTHON {\n    x = 1\n');
    expect(notebook.state.trusted).toBe(false);
    expect(notices).toEqual([null]);
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
