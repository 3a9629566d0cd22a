import { describe, expect, it } from 'vitest';
import { rewriteCell } from '../../../src/engines/javascript/cell-rewrite';

describe('rewriteCell', () => {
  it('keeps plain scripts as scripts, turning let, const and class into globals with columns kept', () => {
    const cell = rewriteCell('const a = 1;\nlet [b, {c}] = [2, {c: 3}];\nclass K {}\nfunction f() {}\na + b');
    expect(cell?.mode).toBe('script');
    expect(cell?.code).toBe('var   a = 1;\nvar [b, {c}] = [2, {c: 3}];\nvar K = class K {};\nfunction f() {}\na + b');
    expect(cell?.declared).toEqual(['a', 'b', 'c', 'K', 'f']);
    expect(cell?.map(1, 7)).toEqual({ line: 1, column: 7 });
    expect(cell?.map(3, 9)).toEqual({ line: 3, column: 1 });
  });

  it('runs a cell with top-level await in an async function that returns its last expression', () => {
    const cell = rewriteCell('const wait = 5;\nawait 0;\nwait * 2');
    expect(cell?.mode).toBe('async');
    expect(cell?.declarations).toBe('var wait;');
    expect(cell?.code).toBe('(async () => { (wait = 5);\nawait 0;\nreturn (wait * 2)\n})()');
  });

  it('turns import declarations into awaited dynamic imports, keeping later lines in place', () => {
    const cell = rewriteCell("import area, { circle as c, Vector } from 'orbit-math';\nimport * as all from\n  './all.js';\nc(1)");
    expect(cell?.imports).toEqual(['orbit-math', './all.js']);
    expect(cell?.declared).toEqual(['area', 'c', 'Vector', 'all']);
    expect(cell?.code.split('\n')).toHaveLength(5);
    expect(cell?.code).toContain('({default: area, circle: c, Vector: Vector} = await import("orbit-math"));');
    expect(cell?.code).toContain('(all = await import("./all.js"));');
    expect(cell?.code).toContain('return (c(1))');
  });

  it('finds literal dynamic imports in scripts too', () => {
    expect(rewriteCell("const m = import('lib');\nm")?.imports).toEqual(['lib']);
  });

  it('maps positions in the async wrapper back to the cell', () => {
    const cell = rewriteCell('await 1;\n    null.x');
    // Line 2 became `    return (null.x)`: `.x` moved from column 9 to 17.
    expect(cell?.code.split('\n')[1]).toBe('    return (null.x)');
    expect(cell?.map(2, 17)).toEqual({ line: 2, column: 9 });
    // Inside inserted text, a position maps to where the text was inserted.
    expect(cell?.map(2, 9)).toEqual({ line: 2, column: 5 });
    expect(cell?.map(1, 16)).toEqual({ line: 1, column: 1 });
  });

  it('leaves code that does not parse to QuickJS', () => {
    expect(rewriteCell('let = = 2')).toBeNull();
  });
});

describe('rewriteCell, a cell that is one awaited expression', () => {
  it('puts the wrapper before the return', () => {
    expect(rewriteCell('await new Promise(() => {})')?.code).toBe('(async () => { return (await new Promise(() => {}))\n})()');
  });
});
