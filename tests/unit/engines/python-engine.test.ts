import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PythonEngine } from '../../../src/engines/python-engine';
import type { LoadProgress, OutputChunk } from '../../../src/engines/contract';
import { TIERS } from '../../../src/engines/policy';

// One real Pyodide for the whole file: it takes seconds to start.
const engine = new PythonEngine();
const progress: LoadProgress[] = [];
const live: { chunk: OutputChunk; cellId: string | null }[] = [];

beforeAll(async () => {
  await engine.init(
    (step) => progress.push(step),
    (chunk, cellId) => live.push({ chunk, cellId }),
  );
  // These tests are about the engine, not the policy (see python-policy.test.ts): allow every module.
  await engine.setPolicy(TIERS.unrestricted);
});

afterAll(async () => {
  await engine.dispose();
});

/** A chunk's text; a displayed bundle has none. */
function textOf(chunk: OutputChunk): string {
  return chunk.stream === 'display' ? '' : chunk.text;
}

describe('PythonEngine on Pyodide', () => {
  it('starts in named steps that end ready', () => {
    // Without a snapshot to restore, the support code is installed in the fresh interpreter.
    expect(progress.map((step) => step.step)).toEqual(['reading package index', 'loading runtime', 'installing support code', 'connecting output', 'ready']);
    expect(progress.at(-1)?.fraction).toBe(1);
  });

  it('runs code and collects what it prints', async () => {
    const result = await engine.execute('print(sum(range(10)))', { cellId: 'sum' });
    expect(result.success).toBe(true);
    expect(result.output).toEqual([{ stream: 'stdout', text: '45\n' }]);
    expect(result.result).toBeNull();
    expect(result.resultText).toBeNull();
    expect(result.memoryBytes).toBeGreaterThan(1_000_000);
    const streamed = live.filter((entry) => entry.cellId === 'sum');
    expect(streamed.every((entry) => entry.chunk.stream === 'stdout')).toBe(true);
    expect(streamed.map((entry) => textOf(entry.chunk)).join('')).toBe('45\n');
  });

  it('keeps stdout and stderr in the order they were written, partial lines included', async () => {
    const code = 'import sys\nprint("a", end="")\nprint("b", file=sys.stderr)\nprint("c")';
    const result = await engine.execute(code);
    expect(result.output).toEqual([
      { stream: 'stdout', text: 'a' },
      { stream: 'stderr', text: 'b\n' },
      { stream: 'stdout', text: 'c\n' },
    ]);
  });

  it('streams output while a run is still going', async () => {
    const before = live.length;
    const code = 'import time\nfor i in range(3):\n    print(i)\n    time.sleep(0.06)';
    const result = await engine.execute(code, { cellId: 'slow' });
    const chunks = live.slice(before).filter((entry) => entry.cellId === 'slow');
    // Sent in more than one piece: the first line left before the run finished.
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((entry) => textOf(entry.chunk)).join('')).toBe('0\n1\n2\n');
    expect(result.output).toEqual([{ stream: 'stdout', text: '0\n1\n2\n' }]);
  });

  it('returns the last expression as a neutral value and its repr', async () => {
    const result = await engine.execute('{"list": [1, None, 2.5], "big": 2**70, "raw": b"hi", "pair": (1, "x"), "tags": {3}}');
    expect(result.result).toEqual({ list: [1, null, 2.5], big: 2n ** 70n, raw: new Uint8Array([104, 105]), pair: [1, 'x'], tags: new Set([3]) });
    expect(result.resultText).toBe("{'list': [1, None, 2.5], 'big': 1180591620717411303424, 'raw': b'hi', 'pair': (1, 'x'), 'tags': {3}}");
  });

  it('turns a dict with keys that are not all strings into a Map', async () => {
    const result = await engine.execute('{1: "one", "two": 2}');
    expect(result.result).toEqual(new Map<unknown, unknown>([[1, 'one'], ['two', 2]]));
  });

  it('shows values that cannot cross as their repr only', async () => {
    const result = await engine.execute('class Point:\n    def __repr__(self):\n        return "Point()"\nPoint()');
    expect(result.success).toBe(true);
    expect(result.result).toBeNull();
    expect(result.resultText).toBe('Point()');
  });

  it('keeps globals between runs', async () => {
    await engine.execute('def square(n):\n    return n * n\nbase = 12');
    expect((await engine.execute('square(base)')).result).toBe(144);
  });

  it('supports top-level await', async () => {
    const result = await engine.execute('import asyncio\nawait asyncio.sleep(0.01)\n"awaited"');
    expect(result.success).toBe(true);
    expect(result.result).toBe('awaited');
  });

  it('reports a traceback of user frames only, in the cell\'s own lines', async () => {
    const code = 'def ratio(a, b):\n    return a / b\nratio(1, 0)';
    const result = await engine.execute(code, { cellId: 'broken' });
    expect(result.success).toBe(false);
    expect(result.errors).toEqual([
      {
        language: 'python',
        kind: 'runtime',
        name: 'ZeroDivisionError',
        message: 'division by zero',
        cellId: 'broken',
        line: 2,
        column: 12,
        frames: [
          { name: '<module>', line: 3, column: 1, cellId: 'broken' },
          { name: 'ratio', line: 2, column: 12, cellId: 'broken' },
        ],
      },
    ]);
  });

  it('keeps frames of functions defined in earlier cells, naming their cell', async () => {
    await engine.execute('def explode():\n    raise ValueError("boom")', { cellId: 'defines' });
    const result = await engine.execute('x = 1\nexplode()', { cellId: 'calls' });
    expect(result.errors[0]?.frames).toEqual([
      { name: '<module>', line: 2, column: 1, cellId: 'calls' },
      { name: 'explode', line: 2, column: 5, cellId: 'defines' },
    ]);
  });

  it('reports syntax errors with a line and column', async () => {
    const result = await engine.execute('x = 1\ndef f(:\n    pass', { cellId: 'syntax' });
    expect(result.errors).toEqual([
      { language: 'python', kind: 'syntax', name: 'SyntaxError', message: 'invalid syntax', cellId: 'syntax', line: 2, column: 7, frames: [] },
    ]);
  });

  it('sets and gets variables in the neutral model', async () => {
    const value = { name: 'orbit', sizes: [1, 2.5], raw: new Uint8Array([1, 2]), flag: true, nothing: null };
    await engine.setVariable('incoming', value);
    expect(await engine.getVariable('incoming')).toEqual(value);
    expect((await engine.execute('incoming["sizes"][1] * 2')).result).toBe(5);
    expect(await engine.getVariable('not_defined')).toBeUndefined();
  });

  it('gives fresh globals on reset, keeping the interpreter', async () => {
    await engine.execute('leftover = 1');
    await engine.reset();
    const result = await engine.execute('leftover');
    expect(result.errors[0]).toMatchObject({ name: 'NameError' });
    expect((await engine.execute('print("after reset")')).output).toEqual([{ stream: 'stdout', text: 'after reset\n' }]);
  });

  it('reports its real versions', async () => {
    const info = await engine.versionInfo();
    expect(info).toMatchObject({ language: 'python', platform: 'emscripten' });
    expect(info.languageVersion).toMatch(/^3\.\d+\.\d+$/);
    expect(info.runtime).toMatch(/^pyodide \d+\.\d+\.\d+/);
  });
});
