/**
 * WASM cells in both engines, for real: a module compiled by wabt, instantiated in Pyodide's
 * and QuickJS's hosts, called with i32 and i64 arguments, its memory read and written, and
 * its traps and memory cap turned into each language's errors.
 */
import debugVariant from '@jitl/quickjs-wasmfile-debug-sync';
import { newQuickJSWASMModuleFromVariant, TestQuickJSWASMModule } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JavaScriptEngine } from '../../../../src/engines/javascript-engine';
import { PythonEngine } from '../../../../src/engines/python-engine';
import { compileWasmCell } from '../../../../src/engines/wasm/compile';
import type { WasmModuleSpec } from '../../../../src/engines/wasm/wasm-instances';
import { MATH_WAT } from '../../../support/math-wat';


/** The module compiled as a WASM cell is, under a cap of `maxPages`. */
export async function mathSpec(maxPages = 4): Promise<WasmModuleSpec> {
  const compiled = await compileWasmCell(MATH_WAT, false, maxPages);
  if (!compiled.ok) throw new Error(compiled.message);
  return { name: 'mathmod', module: compiled.module, info: compiled.info, maxPages, memory: null };
}

describe('a WASM module in Python', () => {
  let python: PythonEngine;
  beforeAll(async () => {
    python = new PythonEngine();
    await python.init();
    await python.loadWasm(await mathSpec());
  });
  afterAll(async () => {
    await python.dispose();
  });

  it('calls exports with ints, big ints and floats, by their signatures', async () => {
    const result = await python.execute('(mathmod.add(2, 3), mathmod.fib(50), mathmod.fib(90), mathmod.fib(10) + 2**60, mathmod.half(3), type(mathmod.half(4)).__name__, type(mathmod.fib(3)).__name__)');
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual([5, 12586269025, 2880067194370816120n, 1152921504606847031n, 1.5, 'float', 'int']);
  });

  it('reads and writes the memory as bytes', async () => {
    const result = await python.execute('mathmod.memory[16:20] = b"\\x01\\x02\\x03\\x04"\nmathmod.memory.write(20, bytearray([250]))\n(mathmod.sum(16, 5), bytes(mathmod.memory[16:21]), len(mathmod.memory), mathmod.memory[20], memoryview(mathmod.memory.read(16, 2)).tolist())');
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual([260, new Uint8Array([1, 2, 3, 4, 250]), 65536, 250, [1, 2]]);
    const changes = await python.takeWasmChanges();
    expect(Array.from(changes.mathmod?.subarray(16, 21) ?? [])).toEqual([1, 2, 3, 4, 250]);
    expect(await python.takeWasmChanges()).toEqual({});
  });

  it('raises a trap as WasmTrap with the trap message, and keeps working', async () => {
    const divide = await python.execute('mathmod.divide(1, 0)');
    expect(divide.errors[0]).toMatchObject({ kind: 'runtime', name: 'WasmTrap', message: 'mathmod.divide trapped: divide by zero' });
    const boom = await python.execute('mathmod.boom()');
    expect(boom.errors[0]).toMatchObject({ name: 'WasmTrap', message: 'mathmod.boom trapped: unreachable' });
    const outOfBounds = await python.execute('mathmod.peek(70000)');
    expect(outOfBounds.errors[0]).toMatchObject({ name: 'WasmTrap', message: 'mathmod.peek trapped: memory access out of bounds' });
    expect((await python.execute('mathmod.add(1, 1)')).result).toBe(2);
  });

  it('refuses to grow the memory past the cap, and wrong arguments, with clear errors', async () => {
    const grow = await python.execute('mathmod.memory.grow(100)');
    expect(grow.errors[0]).toMatchObject({ kind: 'memory', name: 'WasmMemoryError', message: "mathmod.memory cannot grow to 101 pages (6.3 MiB): the limit is 4 pages (256 KiB), the policy's memory limit" });
    expect((await python.execute('mathmod.memory.grow(1)')).result).toBe(1);
    const wrong = await python.execute('mathmod.add(1)');
    expect(wrong.errors[0]).toMatchObject({ name: 'TypeError', message: 'mathmod.add takes 2 arguments (i32, i32), not 1' });
    const text = await python.execute('mathmod.fib("ten")');
    expect(text.errors[0]).toMatchObject({ name: 'TypeError', message: 'argument 1 of mathmod.fib is an i64 and needs an integer, not the string "ten"' });
  });

  it('starts a new instance from the memory another engine left', async () => {
    const memory = new Uint8Array(65536);
    memory.set([9, 8, 7], 100);
    await python.loadWasm({ ...(await mathSpec()), memory });
    expect((await python.execute('mathmod.sum(100, 3)')).result).toBe(24);
  });
});

describe('a WASM module in JavaScript', () => {
  let quickjs: TestQuickJSWASMModule;
  let javascript: JavaScriptEngine;
  beforeAll(async () => {
    quickjs = new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(debugVariant));
    // The Python engine above took fetch off the global scope it shares with this one.
    const noNetwork = () => Promise.reject(new Error('no network in this test'));
    javascript = new JavaScriptEngine({ loadModule: () => Promise.resolve(quickjs), maxStackBytes: 48 * 1024, fetch: noNetwork });
    await javascript.init();
    await javascript.loadWasm(await mathSpec());
  });
  afterAll(async () => {
    await javascript.dispose();
    expect([...quickjs.contexts].filter((context) => context.alive)).toEqual([]);
    expect(quickjs.getFFI().QTS_RecoverableLeakCheck()).toBe(0);
  });

  it('calls exports with numbers and BigInts, by their signatures', async () => {
    const result = await javascript.execute('[mathmod.add(2, 3), mathmod.fib(50), mathmod.fib(90n), mathmod.fib(10n) + 2n ** 60n, mathmod.half(3), mathmod.add.signature.params.join()]');
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual([5, 12586269025n, 2880067194370816120n, 1152921504606847031n, 1.5, 'i32,i32']);
  });

  it('reads and writes the memory as Uint8Array', async () => {
    const result = await javascript.execute('mathmod.memory.write(16, new Uint8Array([1, 2, 3]));\nmathmod.memory.write(19, [4]);\n[mathmod.sum(16, 4), mathmod.memory.read(16, 4), mathmod.memory.byteLength, mathmod.memory.read(16, 4) instanceof Uint8Array]');
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual([10, new Uint8Array([1, 2, 3, 4]), 65536, true]);
    expect(Array.from((await javascript.takeWasmChanges()).mathmod?.subarray(16, 20) ?? [])).toEqual([1, 2, 3, 4]);
  });

  it('throws a trap as WasmTrap, catchable, and keeps working', async () => {
    const thrown = await javascript.execute('mathmod.divide(1, 0)');
    expect(thrown.errors[0]).toMatchObject({ kind: 'runtime', name: 'WasmTrap', message: 'mathmod.divide trapped: divide by zero' });
    const caught = await javascript.execute('try { mathmod.boom(); } catch (error) { `${error.name}: ${error.message}` }');
    expect(caught.result).toBe('WasmTrap: mathmod.boom trapped: unreachable');
    expect((await javascript.execute('mathmod.add(1, 1)')).result).toBe(2);
  });

  it('refuses to grow the memory past the cap', async () => {
    const grow = await javascript.execute('mathmod.memory.grow(100)');
    expect(grow.errors[0]).toMatchObject({ name: 'WasmMemoryError', message: "mathmod.memory cannot grow to 101 pages (6.3 MiB): the limit is 4 pages (256 KiB), the policy's memory limit" });
    // Inside the module, memory.grow past the maximum fails as the spec says, by returning -1.
    expect((await javascript.execute('mathmod.memory.grow(3)')).result).toBe(1);
    expect((await javascript.execute('mathmod.memory.byteLength')).result).toBe(4 * 65536);
  });
});
