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

  it('writes an edited cell back with its new code and leaves the rest as it was', () => {
    const notebook = createNotebook(DOCUMENT);
    const report = notebook.find('report');
    if (!report) throw new Error('no report cell');
    notebook.setCode(report.id, 'console.log("edited")');
    const text = notebook.text();
    expect(text).toContain('JAVASCRIPT report {\n    console.log("edited")\n}');
    expect(text).toContain('python area {\r\n\timport math');
    expect(text).toContain('FSHARP {\r\n    let x = "}"\r\n}');
  });

  it('keeps the current cells and the failed text when a load fails', () => {
    const notebook = createNotebook('PYTHON kept {\n    1\n}\n');
    expect(notebook.load('PYTHON broken {\n    print(1)\n')).toBe(false);
    expect(notebook.cells().map((cell) => cell.name)).toEqual(['kept']);
    expect(notebook.state.loadFailure).toMatchObject({ line: 1, text: 'PYTHON broken {\n    print(1)\n' });
    expect(notebook.load('JAVASCRIPT fresh {\n    2\n}\n')).toBe(true);
    expect(notebook.state.loadFailure).toBeNull();
    expect(notebook.cells().map((cell) => cell.name)).toEqual(['fresh']);
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
