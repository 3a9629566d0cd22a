import { describe, expect, it } from 'vitest';
import { createNotebook } from '../../../src/runtime/notebook';

const DOCUMENT = [
  'DESCRIBE {',
  '    name: "Orbit"',
  '}',
  '',
  '// a comment between blocks',
  'python area {',
  '\timport math',
  '\tmath.pi',
  '}',
  '',
  'JAVASCRIPT report {',
  '    console.log(`area ${Math.round(1)}`)',
  '}',
  'FSHARP {',
  '    let x = "}"',
  '}',
].join('\r\n');

describe('createNotebook', () => {
  it('makes a cell of each code block and keeps every other block', () => {
    const notebook = createNotebook(DOCUMENT);
    expect(notebook.cells().map(({ kind, name, code, status }) => ({ kind, name, code, status }))).toEqual([
      { kind: 'PYTHON', name: 'area', code: 'import math\nmath.pi', status: 'idle' },
      { kind: 'JAVASCRIPT', name: 'report', code: 'console.log(`area ${Math.round(1)}`)', status: 'idle' },
    ]);
  });

  it('writes an unedited document back byte for byte', () => {
    expect(createNotebook(DOCUMENT).text()).toBe(DOCUMENT);
  });

  it('writes each edit, and the loaded text again once the edits are undone', () => {
    const notebook = createNotebook(DOCUMENT);
    const area = notebook.find('area');
    const report = notebook.find('report');
    if (!area || !report) throw new Error('the cells are missing');
    notebook.setCode(area.id, 'math.tau');
    expect(notebook.text()).toContain('math.tau');
    expect(notebook.text()).not.toContain('math.pi');
    notebook.setCode(area.id, 'import math\nmath.pi');
    expect(notebook.text()).toBe(DOCUMENT);
    notebook.moveCell(area.id, 1);
    expect(notebook.text().indexOf('JAVASCRIPT report')).toBeLessThan(notebook.text().indexOf('area {'));
    notebook.moveCell(area.id, -1);
    notebook.setKind(report.id, 'PYTHON');
    expect(notebook.text()).toContain('PYTHON report {');
    notebook.setKind(report.id, 'JAVASCRIPT');
    expect(notebook.text()).toBe(DOCUMENT);
  });

  it('writes an edited cell back with its new code and leaves the rest as it was', () => {
    const notebook = createNotebook(DOCUMENT);
    const report = notebook.find('report');
    if (!report) throw new Error('no report cell');
    notebook.setCode(report.id, 'console.log("edited")');
    const text = notebook.text();
    // Written with the document's own CRLF line ends.
    expect(text).toContain('JAVASCRIPT report {\r\n    console.log("edited")\r\n}\r\n');
    expect(text).toContain('python area {\r\n\timport math');
    expect(text).toContain('FSHARP {\r\n    let x = "}"\r\n}');
  });

  it('opens a malformed document whole: the broken block is inert, with its error as a warning', () => {
    const notebook = createNotebook('PYTHON kept {\n    1\n}\n');
    const broken = 'JAVASCRIPT fresh {\n    2\n}\nPYTHON broken {\n    print(1)\n';
    notebook.load(broken);
    expect(notebook.cells().map((cell) => cell.name)).toEqual(['fresh']);
    const inert = notebook.state.items.flatMap((item) => (item.type === 'block' && item.block.type === 'raw' ? [item.block] : []));
    expect(inert).toHaveLength(1);
    expect(inert[0]).toMatchObject({ kind: 'PYTHON', name: 'broken', text: 'PYTHON broken {\n    print(1)', inert: { warning: { line: 4 } } });
    expect(notebook.text()).toBe(broken);
  });

  it('keeps a Markdown metascript Markdown, and writes a new cell in it as a fence', () => {
    const notebook = createNotebook('# Notes\n\n```python area\nx = 1\n```\n');
    expect(notebook.state.dialect).toBe('markdown');
    const id = notebook.addCell('JAVASCRIPT');
    notebook.setCode(id, 'area');
    expect(notebook.text()).toBe('# Notes\n\n```python area\nx = 1\n```\n```javascript\narea\n```\n');
  });

  it('adds empty cells at the end and finds cells by id or name', () => {
    const notebook = createNotebook('PYTHON first {\n    1\n}\n');
    const id = notebook.addCell('JAVASCRIPT');
    expect(notebook.cells().map((cell) => cell.kind)).toEqual(['PYTHON', 'JAVASCRIPT']);
    expect(notebook.find(id)?.code).toBe('');
    expect(notebook.find('first')?.kind).toBe('PYTHON');
    notebook.setCode(id, 'const x = 1;');
    expect(notebook.text()).toBe('PYTHON first {\n    1\n}\nJAVASCRIPT {\n    const x = 1;\n}\n');
  });
});

describe('editing the cells of a notebook', () => {
  const THREE = 'PYTHON a {\n    1\n}\n\n// kept between\nJAVASCRIPT b {\n    2\n}\n\nPYTHON c {\n    3\n}\n';
  const names = (notebook: ReturnType<typeof createNotebook>) => notebook.cells().map((cell) => cell.name ?? cell.kind);
  const idOf = (notebook: ReturnType<typeof createNotebook>, name: string) => {
    const found = notebook.find(name);
    if (!found) throw new Error(`no cell ${name}`);
    return found.id;
  };

  it('adds a cell after a given cell, or at the end', () => {
    const notebook = createNotebook(THREE);
    notebook.addCell('JAVASCRIPT', idOf(notebook, 'a'));
    notebook.addCell('PYTHON');
    expect(names(notebook)).toEqual(['a', 'JAVASCRIPT', 'b', 'c', 'PYTHON']);
  });

  it('deletes a cell, and undoing puts it back where it was with its code and output', () => {
    const notebook = createNotebook(THREE);
    const b = idOf(notebook, 'b');
    notebook.setCode(b, 'const edited = 1');
    notebook.appendOutput(b, { stream: 'stdout', text: 'shown' });
    const undo = notebook.deleteCell(b);
    expect(names(notebook)).toEqual(['a', 'c']);
    expect(notebook.find(b)).toBeUndefined();
    expect(notebook.text()).not.toContain('JAVASCRIPT b');
    undo();
    expect(names(notebook)).toEqual(['a', 'b', 'c']);
    expect(notebook.find('b')?.code).toBe('const edited = 1');
    expect(notebook.find('b')?.output).toEqual([{ stream: 'stdout', text: 'shown' }]);
    undo();
    expect(names(notebook)).toEqual(['a', 'b', 'c']);
  });

  it('swaps a cell with its neighbouring cell, leaving other blocks in place, and stops at the ends', () => {
    const notebook = createNotebook(THREE);
    notebook.moveCell(idOf(notebook, 'a'), 1);
    expect(names(notebook)).toEqual(['b', 'a', 'c']);
    expect(notebook.text()).toBe('JAVASCRIPT b {\n    2\n}\n\n// kept between\nPYTHON a {\n    1\n}\n\nPYTHON c {\n    3\n}\n');
    notebook.moveCell(idOf(notebook, 'b'), -1);
    expect(names(notebook)).toEqual(['b', 'a', 'c']);
    notebook.moveCell(idOf(notebook, 'c'), 1);
    expect(names(notebook)).toEqual(['b', 'a', 'c']);
    notebook.moveCell(idOf(notebook, 'c'), -1);
    expect(names(notebook)).toEqual(['b', 'c', 'a']);
  });

  it('changes a cell kind, keeping its name and code and clearing its run state', () => {
    const notebook = createNotebook(THREE);
    const a = idOf(notebook, 'a');
    notebook.update(a, () => ({ status: 'done', runCount: 2 }));
    notebook.setKind(a, 'JAVASCRIPT');
    expect(notebook.find(a)).toMatchObject({ id: a, kind: 'JAVASCRIPT', name: 'a', code: '1', status: 'idle', runCount: 0 });
    expect(notebook.text()).toContain('JAVASCRIPT a {\n    1\n}');
    // A WASM cell runs too: running it compiles the module.
    notebook.setKind(a, 'WASM');
    expect(notebook.find(a)).toMatchObject({ kind: 'WASM', status: 'idle', binary: false });
  });

  it('turns a cell into a binary WASM module and writes it as a (binary) block', () => {
    const notebook = createNotebook(THREE);
    const a = idOf(notebook, 'a');
    notebook.update(a, () => ({ status: 'done', runCount: 1 }));
    notebook.setBinaryModule(a, 'AGFzbQEAAAA=');
    expect(notebook.find(a)).toMatchObject({ kind: 'WASM', name: 'a', code: 'AGFzbQEAAAA=', binary: true, status: 'idle', runCount: 0 });
    expect(notebook.text()).toContain('WASM a (binary) {\n    AGFzbQEAAAA=\n}');
    // Loaded again, it is still binary; as another kind it is not.
    const again = createNotebook(notebook.text());
    expect(again.find('a')?.binary).toBe(true);
    notebook.setKind(a, 'WASM');
    notebook.setKind(a, 'PYTHON');
    expect(notebook.text()).toContain('PYTHON a {\n    AGFzbQEAAAA=\n}');
  });

  it('merges live text of the same stream, as the engine merges its final output, and keeps bundles apart', () => {
    const notebook = createNotebook(THREE);
    const a = idOf(notebook, 'a');
    const bundle = { stream: 'display', data: { 'text/html': '<b>x</b>' } } as const;
    for (const chunk of [{ stream: 'stdout', text: 'one' }, { stream: 'stdout', text: '\n' }, bundle, { stream: 'stderr', text: 'e' }, { stream: 'stdout', text: 'two' }] as const) notebook.appendOutput(a, chunk);
    expect(notebook.find(a)?.output).toEqual([{ stream: 'stdout', text: 'one\n' }, bundle, { stream: 'stderr', text: 'e' }, { stream: 'stdout', text: 'two' }]);
  });
});
