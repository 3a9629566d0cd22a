/**
 * A cell's run as one call to its engine (engines/cell-request.ts), in both engines: the reads,
 * the values it needs, exports described without converting them, and values from another
 * language that the cell changed in place counted as its exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellRequest, CellRun } from '../../../src/engines/cell-request';
import { packedValue } from '../../../src/engines/packed-value';
import { JavaScriptEngine } from '../../../src/engines/javascript-engine';
import { PythonEngine } from '../../../src/engines/python-engine';

let python: PythonEngine;
let javascript: JavaScriptEngine;

beforeAll(async () => {
  python = new PythonEngine();
  javascript = new JavaScriptEngine();
  await Promise.all([python.init(), javascript.init()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([python.dispose(), javascript.dispose()]);
});

let cells = 0;
function request(code: string, extra: Partial<CellRequest> = {}): CellRequest {
  return { code, cellId: `cell-${String(++cells)}`, timeoutMs: 30_000, pending: [], values: {}, ...extra };
}

function ran(run: CellRun) {
  if (run.kind !== 'ran') throw new Error(`the cell did not run: it needs ${run.names.join(', ')}`);
  return run;
}

describe.each([
  ['python', () => python, 'made = [1, 2, 3]\nlen(made)', 'len(given)'],
  ['javascript', () => javascript, 'var made = [1, 2, 3];\nmade.length', 'given.length'],
] as const)('a %s cell run in one call', (_, engine, makes, readsGiven) => {
  it('runs at once when it reads nothing pending, and describes its exports', async () => {
    const run = ran(await engine().runCell(request(makes, { pending: ['elsewhere'] })));
    expect(run.result.success).toBe(true);
    expect(run.result.result).toBe(3);
    expect(run.result.exports).toEqual(['made']);
    expect(run.described).toHaveLength(1);
    expect(run.described[0]?.name).toBe('made');
    expect(run.described[0]?.sizeBytes).toBeGreaterThan(0);
    expect(run.described[0]?.barrier).toBeNull();
  });

  it('answers with the pending names it reads, and runs nothing, until their values come', async () => {
    const first = await engine().runCell(request(readsGiven, { pending: ['given', 'unrelated'] }));
    expect(first).toMatchObject({ kind: 'needs', names: ['given'] });
    expect(first.reads).toContain('given');
    const second = ran(await engine().runCell(request(readsGiven, { pending: ['given', 'unrelated'], values: { given: packedValue([1, 2, 3, 4]) } })));
    expect(second.given).toEqual(['given']);
    expect(second.result.result).toBe(4);
    // Only looked at: not an export.
    expect(second.result.exports).toEqual([]);
  });
});

describe('what a cell exports, described in its own language', () => {
  it('names Python types and previews in Python terms, bounded whatever the size', async () => {
    const run = ran(await python.runCell(request('nothing = None\nflags = {"on": True, "off": False}\npair = (1, 2)\nbig = list(range(1_000_000))\ndef area(r):\n    return r')));
    const byName = Object.fromEntries(run.described.map((info) => [info.name, info]));
    expect(byName.nothing).toMatchObject({ type: 'NoneType', preview: 'None', barrier: null });
    expect(byName.flags).toMatchObject({ type: 'dict', preview: "{'on': True, 'off': False}" });
    expect(byName.pair).toMatchObject({ type: 'tuple', preview: '(1, 2)' });
    expect(byName.big?.type).toBe('list');
    expect(byName.big?.preview).toBe('[0, 1, 2, 3, 4, 5, 6, 7, …]');
    // A million small ints: at least 8 MB of pointers, estimated from a sample.
    expect(byName.big?.sizeBytes).toBeGreaterThan(8_000_000);
    expect(byName.area).toMatchObject({ type: 'function', barrier: 'a Python function cannot cross between languages' });
  });

  it('names JavaScript types and previews in JavaScript terms, bounded whatever the size', async () => {
    const run = ran(await javascript.runCell(request('var empty = null;\nvar big = Array.from({ length: 1000000 }, (_, i) => i);\nvar wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => ["k" + i, i]));\nfunction area(r) { return r; }')));
    const byName = Object.fromEntries(run.described.map((info) => [info.name, info]));
    expect(byName.empty).toMatchObject({ type: 'null', preview: 'null' });
    expect(byName.big?.type).toBe('Array');
    expect(byName.big?.sizeBytes).toBeGreaterThan(7_000_000);
    expect(byName.wide?.preview.length).toBeLessThanOrEqual(120);
    expect(byName.area).toMatchObject({ type: 'function', barrier: 'a JavaScript function cannot cross between languages' });
  });
});

describe.each([
  ['python', () => python, 'people.append({"name": "Grace"})\npeople[0]["born"] = 1815', 'people[0]["name"]', 'people = [{"name": "new"}]', 'people.append(1)\npeople.pop()'],
  ['javascript', () => javascript, 'people.push({ name: "Grace" });\npeople[0].born = 1815;', 'people[0].name', 'people = [{ name: "new" }];', 'people.push(1);\npeople.pop();'],
] as const)('a value given to %s and changed in place', (_, engine, change, look, assign, undo) => {
  const given = { people: packedValue([{ name: 'Ada', born: 1816 }]) };

  it('counts as the changing cell’s export', async () => {
    const run = ran(await engine().runCell(request(change, { pending: ['people'], values: given })));
    expect(run.result.errors).toEqual([]);
    expect(run.result.exports).toEqual(['people']);
    expect(await engine().getVariable('people')).toEqual([{ name: 'Ada', born: 1815 }, { name: 'Grace' }]);
  });

  it('does not count when the cell only looks at it', async () => {
    const run = ran(await engine().runCell(request(look, { pending: ['people'], values: given })));
    expect(run.result.exports).toEqual([]);
  });

  it('does not count when the cell might have changed it but left it as it was', async () => {
    const run = ran(await engine().runCell(request(undo, { pending: ['people'], values: given })));
    expect(run.result.errors).toEqual([]);
    expect(run.result.exports).toEqual([]);
  });

  it('counts once, as an ordinary export, when the cell assigns it', async () => {
    const run = ran(await engine().runCell(request(assign, { pending: ['people'], values: given })));
    expect(run.result.exports).toEqual(['people']);
  });
});
