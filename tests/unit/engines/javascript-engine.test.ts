import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import debugVariant from '@jitl/quickjs-wasmfile-debug-sync';
import { newQuickJSWASMModuleFromVariant, TestQuickJSWASMModule } from 'quickjs-emscripten-core';
import { JavaScriptEngine } from '../../../src/engines/javascript-engine';
import type { OutputChunk } from '../../../src/engines/contract';

// The debug build of QuickJS, inside TestQuickJSWASMModule, which tracks every runtime and
// context the engine makes; JS_FreeRuntime aborts when a handle was never disposed and the
// leak sanitizer counts what stays allocated, so afterAll catches leaks.
let module: TestQuickJSWASMModule;
let engine: JavaScriptEngine;
const live: { chunk: OutputChunk; cellId: string | null }[] = [];

beforeAll(async () => {
  module = new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(debugVariant));
  // The debug build's frames are larger, so its stack cap is smaller than the release default.
  engine = new JavaScriptEngine({ loadModule: () => Promise.resolve(module), maxStackBytes: 48 * 1024 });
  await engine.init(undefined, (chunk, cellId) => live.push({ chunk, cellId }));
});

afterAll(async () => {
  // Freeing the runtime aborts if any object is still referenced by an undisposed handle.
  await engine.dispose();
  // The module keeps disposed runtimes in its set, so check liveness rather than the set's size.
  expect([...module.runtimes].filter((runtime) => runtime.alive)).toEqual([]);
  expect([...module.contexts].filter((context) => context.alive)).toEqual([]);
  expect(module.getFFI().QTS_RecoverableLeakCheck()).toBe(0);
});

describe('JavaScriptEngine on QuickJS', () => {
  it('captures console output, formatted as a console shows it', async () => {
    const result = await engine.execute('console.log([1,2,3].map(x => x*2))', { cellId: 'log' });
    expect(result.success).toBe(true);
    expect(result.output).toEqual([{ stream: 'stdout', text: '[2, 4, 6]\n' }]);
    expect(result.result).toBeNull();
    expect(live.at(-1)).toEqual({ chunk: { stream: 'stdout', text: '[2, 4, 6]\n' }, cellId: 'log' });
  });

  it('keeps stdout and stderr in the order they were written', async () => {
    const result = await engine.execute('console.log("a"); console.error("b"); console.warn("c"); console.info("d")');
    expect(result.output).toEqual([
      { stream: 'stdout', text: 'a\n' },
      { stream: 'stderr', text: 'b\nc\n' },
      { stream: 'stdout', text: 'd\n' },
    ]);
  });

  it('returns the last expression as a neutral value and as text', async () => {
    const result = await engine.execute('({ list: [1, "two", null], big: 2n ** 64n, when: new Date(0), tags: new Set(["x"]) })');
    expect(result.result).toEqual({ list: [1, 'two', null], big: 2n ** 64n, when: new Date(0), tags: new Set(['x']) });
    expect(result.resultText).toBe("{list: [1, 'two', null], big: 18446744073709551616n, when: 1970-01-01T00:00:00.000Z, tags: Set(1) {'x'}}");
  });

  it('keeps top-level declarations between runs, as a REPL does', async () => {
    await engine.execute('const base = 10;\nlet count = 2;\nfunction triple(n) { return n * 3 }\nclass Box { constructor(v) { this.v = v } }');
    const result = await engine.execute('triple(base) + count + new Box(1).v');
    expect(result.result).toBe(33);
  });

  it('reports runtime errors with the name, message, line and column in the cell', async () => {
    const code = 'function fail() {\n  throw new RangeError("too far")\n}\n\nfail()';
    const result = await engine.execute(code, { cellId: 'thrower' });
    expect(result.success).toBe(false);
    expect(result.errors).toEqual([
      {
        language: 'javascript',
        kind: 'runtime',
        name: 'RangeError',
        message: 'too far',
        cellId: 'thrower',
        line: 2,
        column: 23,
        frames: [
          { name: '<cell>', cellId: 'thrower', line: 5, column: 5 },
          { name: 'fail', cellId: 'thrower', line: 2, column: 23 },
        ],
      },
    ]);
  });

  it('reports syntax errors with a line and column', async () => {
    const result = await engine.execute('const ok = 1;\nlet = = 2', { cellId: 'syntax' });
    expect(result.errors[0]).toMatchObject({ kind: 'syntax', name: 'SyntaxError', line: 2, column: 7 });
  });

  it('unwraps a settled promise and reports a rejected one as an error', async () => {
    expect((await engine.execute('Promise.resolve(42)')).result).toBe(42);
    const rejected = await engine.execute('Promise.reject(new TypeError("no"))');
    expect(rejected.errors[0]).toMatchObject({ name: 'TypeError', message: 'no' });
  });

  it('shows values that cannot cross as text only', async () => {
    const result = await engine.execute('class Point { constructor() { this.x = 1 } }\nnew Point()');
    expect(result.result).toBeNull();
    expect(result.resultText).toBe('Point {x: 1}');
  });

  it('survives deep recursion with a clean stack overflow error', async () => {
    const result = await engine.execute('function down(n) { return down(n + 1) + 1 }\ndown(0)');
    expect(result.errors[0]).toMatchObject({ name: 'InternalError', message: 'stack overflow' });
    expect((await engine.execute('1 + 1')).result).toBe(2);
  });

  it('sets and gets variables in the neutral model', async () => {
    const value = { name: 'orbit', sizes: [1, 2.5], raw: new Uint8Array([1, 2, 3]), lookup: new Map([[1, 'one']]) };
    await engine.setVariable('incoming', value);
    expect(await engine.getVariable('incoming')).toEqual(value);
    expect((await engine.execute('incoming.sizes[1] * 2')).result).toBe(5);
    expect(await engine.getVariable('base')).toBe(10);
    expect(await engine.getVariable('notDefinedAnywhere')).toBeUndefined();
  });

  it('reports memory use and time for each run', async () => {
    const result = await engine.execute('new Array(1000).fill(7).length');
    expect(result.memoryBytes).toBeGreaterThan(0);
    expect(result.executionTimeMs).toBeGreaterThanOrEqual(0);
  });

  it('gives fresh globals on reset', async () => {
    await engine.execute('globalThis.leftover = 1');
    await engine.reset();
    const result = await engine.execute('typeof leftover');
    expect(result.result).toBe('undefined');
    expect((await engine.execute('console.log("after reset")')).output).toEqual([{ stream: 'stdout', text: 'after reset\n' }]);
  });

  it('reports its real versions', async () => {
    const info = await engine.versionInfo();
    expect(info).toMatchObject({ language: 'javascript', platform: 'wasm32' });
    expect(info.runtime).toMatch(/^QuickJS \d{4}-\d{2}-\d{2} \(quickjs-emscripten 0\.\d+\.\d+\)$/);
  });
});
