import debugVariant from '@jitl/quickjs-wasmfile-debug-sync';
import { newQuickJSWASMModuleFromVariant, TestQuickJSWASMModule } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JavaScriptEngine } from '../../../src/engines/javascript-engine';
import { PythonEngine } from '../../../src/engines/python-engine';
import { TIERS } from '../../../src/engines/policy';
import { unpack, type PackedValue } from '../../../src/engines/packed-value';
import { ConversionError, type NeutralValue } from '../../../src/engines/value';

// Every row of the value model (SPEC §4), each way through each road: Python and QuickJS
// values to neutral ones and back, and across from one engine to the other. The debug build
// of QuickJS checks afterwards that no handle leaked.
let python: PythonEngine;
let module: TestQuickJSWASMModule;
let javascript: JavaScriptEngine;

// `same(a, b)`: equal, with the same types all the way down (1 == True and 1 == 1.0 in Python).
const SAME = `
import math
def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, set):
        return a == b
    return a == b
`;

beforeAll(async () => {
  python = new PythonEngine();
  module = new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(debugVariant));
  javascript = new JavaScriptEngine({ loadModule: () => Promise.resolve(module), policy: TIERS.unrestricted, memoryLimitBytes: 1024 * 1024 * 1024 });
  await Promise.all([python.init(), javascript.init()]);
  await python.setPolicy(TIERS.unrestricted);
  const prepared = await python.execute(`${SAME}\nimport array, datetime`);
  expect(prepared.errors).toEqual([]);
});

afterAll(async () => {
  await Promise.all([python.dispose(), javascript.dispose()]);
  expect([...module.contexts].filter((context) => context.alive)).toEqual([]);
  expect(module.getFFI().QTS_RecoverableLeakCheck()).toBe(0);
});

async function pythonTrue(code: string): Promise<void> {
  const result = await python.execute(code);
  expect(result.errors).toEqual([]);
  expect(result.result).toBe(true);
}

async function read(engine: PythonEngine | JavaScriptEngine, name: string): Promise<NeutralValue> {
  const value = await engine.getVariable(name);
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

async function packed(engine: PythonEngine | JavaScriptEngine, name: string): Promise<PackedValue> {
  const value = await engine.exportValue(name);
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

function expectExact(actual: NeutralValue, expected: NeutralValue): void {
  expect(actual).toEqual(expected);
  // toEqual takes -0 for 0 inside containers; a structured clone keeps both apart.
  expect(Object.is(actual, -0)).toBe(Object.is(expected, -0));
  expect(structuredClone(actual)).toStrictEqual(structuredClone(expected));
}

// Python expression, the neutral value, and the Python value it comes back as.
const ROWS: [string, string, NeutralValue, string?][] = [
  ['None', 'None', null],
  ['bool', 'True', true],
  ['ints and bools mixed', '[True, 1, False, 0, 2**53 - 1]', [true, 1, false, 0, 2 ** 53 - 1]],
  ['int past 2^53', '2**53', 2n ** 53n],
  ['ints past 2^53 in a list', '[1, -(2**53), 2**63 - 1]', [1, -(2n ** 53n), 2n ** 63n - 1n]],
  ['ints past 64 bits in a list', '[1, 2**70]', [1, 2n ** 70n]],
  ['float', '2.5', 2.5],
  ['floats, NaN, infinities and -0.0 in a list', '[0.5, float("nan"), float("inf"), float("-inf"), -0.0]', [0.5, NaN, Infinity, -Infinity, -0]],
  ['-0.0', '-0.0', -0],
  ['floats and ints in records', '[{"x": -0.0, "y": 1.5, "n": 3}]', [{ x: -0, y: 1.5, n: 3 }]],
  ['astral characters', '"orbit 🪐 𝔘"', 'orbit 🪐 𝔘'],
  ['astral characters in a list', '["🪐", "é", "\\u0000"]', ['🪐', 'é', '\u0000']],
  ['bytes', 'b"\\x00\\xffab"', new Uint8Array([0, 255, 97, 98])],
  ['bytearray', 'bytearray(b"hi")', new Uint8Array([104, 105]), 'b"hi"'],
  ['list', '[1, [2, [3, "x"]], []]', [1, [2, [3, 'x']], []]],
  ['tuple', '(1, "a", (2,))', [1, 'a', [2]], '[1, "a", [2]]'],
  ['dict with str keys, order and __proto__ kept', '{"b": 1, "__proto__": {"c": None}, "a": [True]}', JSON.parse('{"b": 1, "__proto__": {"c": null}, "a": [true]}') as NeutralValue],
  ['dict with other keys', '{1: "one", 2.5: "two", None: [1]}', new Map<NeutralValue, NeutralValue>([[1, 'one'], [2.5, 'two'], [null, [1]]])],
  ['set', '{1, "a"}', new Set<NeutralValue>([1, 'a'])],
  ['datetime', 'datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)', new Date(Date.UTC(2024, 0, 2, 3, 4, 5))],
  ['array.array of doubles', 'array.array("d", [1.5, -0.0])', new Float64Array([1.5, -0])],
  ['array.array of int32', 'array.array("i", [-1, 2**31 - 1])', new Int32Array([-1, 2 ** 31 - 1])],
  ['array.array of int64', 'array.array("q", [-(2**63), 5])', new BigInt64Array([-(2n ** 63n), 5n])],
  ['bytes and dates inside records', '[{"raw": b"\\x01", "when": datetime.datetime(2020, 5, 1, tzinfo=datetime.timezone.utc)}]', [{ raw: new Uint8Array([1]), when: new Date(Date.UTC(2020, 4, 1)) }]],
];

// Alone, and 300 times in a list: small values take the per-value roads, big ones the bulk roads.
const CASES = ROWS.flatMap(([label, expression, expected, back]): [string, string, NeutralValue, string][] => [
  [label, expression, expected, back ?? expression],
  [`${label}, 300 times`, `[${expression}] * 300`, Array<NeutralValue>(300).fill(expected), `[${back ?? expression}] * 300`],
]);

describe('every row of the value model', () => {
  it.each(CASES)('%s: Python to neutral and back', async (_, expression, expected, back) => {
    await python.execute(`value = ${expression}`);
    expectExact(await read(python, 'value'), expected);
    await python.setVariable('again', expected);
    await pythonTrue(`same(again, ${back})`);
  });

  it.each(CASES)('%s: JavaScript to neutral and back, and across both ways', async (_, expression, expected, back) => {
    await javascript.setVariable('value', expected);
    expectExact(await read(javascript, 'value'), expected);
    // Python to JavaScript, then back from JavaScript to Python.
    await python.execute(`value = ${expression}`);
    await javascript.setVariable('fromPython', await read(python, 'value'));
    expectExact(await read(javascript, 'fromPython'), expected);
    await python.setVariable('fromJavaScript', await read(javascript, 'fromPython'));
    await pythonTrue(`same(fromJavaScript, ${back})`);
  });

  it.each(CASES)('%s: across both ways packed, as the session moves it, and unpacked as the page shows it', async (_, expression, expected, back) => {
    await python.execute(`value = ${expression}`);
    const fromPython = await packed(python, 'value');
    expectExact(unpack(fromPython), expected);
    await javascript.importValue('packedFromPython', fromPython);
    expectExact(await read(javascript, 'packedFromPython'), expected);
    const fromJavaScript = await packed(javascript, 'packedFromPython');
    expectExact(unpack(fromJavaScript), expected);
    await python.importValue('packedFromJavaScript', fromJavaScript);
    await pythonTrue(`same(packedFromJavaScript, ${back})`);
  });

  it('keeps JavaScript values made inside QuickJS exact', async () => {
    const made = await javascript.execute('var one = [{ a: -0, b: NaN, c: 2 ** 60, d: "x\\ud800y", e: [1, , 3] }, [0.1, -0, Infinity], { ["__proto__"]: [1] }]; var made = [Array(300).fill({ s: "x\\ud800y", n: 2 ** 60, e: [1, , 3] }), Array(300).fill(0.5)]; var column = Array.from({ length: 300 }, (_, i) => (i % 2 ? -0 : NaN))');
    expect(made.errors).toEqual([]);
    const one = [{ a: -0, b: NaN, c: 2 ** 60, d: 'x\ud800y', e: [1, null, 3] }, [0.1, -0, Infinity], JSON.parse('{"__proto__": [1]}') as NeutralValue];
    expectExact(await read(javascript, 'one'), one);
    expectExact(await read(javascript, 'made'), [Array<NeutralValue>(300).fill({ s: 'x\ud800y', n: 2 ** 60, e: [1, null, 3] }), Array<NeutralValue>(300).fill(0.5)]);
    expectExact(await read(javascript, 'column'), Array.from({ length: 300 }, (_, index) => (index % 2 ? -0 : NaN)));
  });

  it('keeps number fields exact in objects big enough to cross as keys and one buffer', async () => {
    const fields: Record<string, NeutralValue> = { z: -0, a: NaN, '10': Infinity, '2': 2 ** 60 };
    for (let index = 0; index < 100; index++) fields[`f${index}`] = index / 7;
    await javascript.setVariable('fields', fields);
    const back = await read(javascript, 'fields');
    expectExact(back, fields);
    // Index-like keys come first in ascending order, as in any JavaScript object.
    expect(Object.keys(back as object).slice(0, 4)).toEqual(['2', '10', 'z', 'a']);
    const withProto: Record<string, NeutralValue> = JSON.parse('{"__proto__": 1}') as Record<string, NeutralValue>;
    for (let index = 0; index < 100; index++) withProto[`f${index}`] = index;
    await javascript.setVariable('withProto', withProto);
    expect((await javascript.execute('Object.getPrototypeOf(withProto) === Object.prototype && withProto.__proto__ === 1')).result).toBe(true);
  });

  it('keeps lone surrogates in strings, both ways', async () => {
    await python.execute('lone = ["a\\ud800b", {"k\\udc00": "\\udfff"}] * 200');
    const value = await read(python, 'lone');
    expectExact(value, Array.from({ length: 400 }, (_, index) => (index % 2 === 0 ? 'a\ud800b' : { 'k\udc00': '\udfff' })));
    await javascript.setVariable('lone', value);
    expectExact(await read(javascript, 'lone'), value);
    expect((await javascript.execute('lone[0].charCodeAt(1)')).result).toBe(0xd800);
    await python.setVariable('lone_back', await read(javascript, 'lone'));
    await pythonTrue('same(lone_back, lone)');
  });

  it('keeps a bool a bool and a number an int or a float, as a number alone would be', async () => {
    await python.setVariable('numbers', [1, 2.5, 2 ** 60, true, -0, 1e300]);
    await pythonTrue('same(numbers, [1, 2.5, float(2**60), True, -0.0, 1e300])');
    await python.setVariable('records', Array<NeutralValue>(300).fill({ i: 1, f: 2.5, big: 2 ** 60, flag: true }));
    await pythonTrue('same(records, [{"i": 1, "f": 2.5, "big": float(2**60), "flag": True}] * 300)');
    await python.setVariable('column', [1, 2.5, 2 ** 60, -0, NaN]);
    await pythonTrue('same(column, [1, 2.5, float(2**60), -0.0, float("nan")])');
    await python.setVariable('ints', [1, -2, 2 ** 31 - 1]);
    await pythonTrue('same(ints, [1, -2, 2**31 - 1])');
  });

  it('keeps the same rule for values made in QuickJS that cross to Python packed', async () => {
    const made = await javascript.execute('var records = Array(300).fill({ i: 1, f: 2.5, big: 2 ** 60, flag: true }); var column = [1, 2.5, 2 ** 60, -0, NaN]; var ints = Array.from({ length: 300 }, (_, i) => i - 150); var wide = Array.from({ length: 300 }, (_, i) => 2 ** 53 + i * 2)');
    expect(made.errors).toEqual([]);
    for (const name of ['records', 'column', 'ints', 'wide']) await python.importValue(name, await packed(javascript, name));
    await pythonTrue('same(records, [{"i": 1, "f": 2.5, "big": float(2**60), "flag": True}] * 300)');
    await pythonTrue('same(column, [1, 2.5, float(2**60), -0.0, float("nan")])');
    await pythonTrue('same(ints, list(range(-150, 150)))');
    await pythonTrue('same(wide, [float(2**53 + i * 2) for i in range(300)])');
  });
});

describe('cycles and depth', () => {
  it('gives a ConversionError for cycles in each engine', async () => {
    await python.execute('loop = []\nloop.append(loop)\nring = {}\nring["self"] = [ring]\nfan = []\nfan.extend([fan, fan])');
    for (const name of ['loop', 'ring', 'fan']) await expect(python.getVariable(name)).rejects.toThrow(ConversionError);
    await javascript.execute('var loop = []; loop.push(loop); var ring = {}; ring.self = [ring]; var fan = []; fan.push(fan, fan)');
    for (const name of ['loop', 'ring', 'fan']) await expect(javascript.getVariable(name)).rejects.toThrow(ConversionError);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    await expect(python.setVariable('cyclic', cyclic as NeutralValue)).rejects.toThrow(ConversionError);
    await expect(javascript.setVariable('cyclic', cyclic as NeutralValue)).rejects.toThrow(ConversionError);
  });

  it('gives a ConversionError past the depth limit with leaves no bulk road takes', async () => {
    await python.execute('odd = [{1, 2}]\nfor _ in range(2000):\n    odd = [odd]');
    await expect(python.getVariable('odd')).rejects.toThrow(ConversionError);
    let neutral: NeutralValue = [new Date(0)];
    for (let level = 0; level < 2000; level++) neutral = [neutral];
    await expect(python.setVariable('odd', neutral)).rejects.toThrow(ConversionError);
    await expect(javascript.setVariable('odd', neutral)).rejects.toThrow(ConversionError);
  });
});
