import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JavaScriptEngine } from '../../../src/engines/javascript-engine';
import { PythonEngine } from '../../../src/engines/python-engine';
import { TIERS } from '../../../src/engines/policy';
import { ConversionError, type NeutralValue } from '../../../src/engines/value';

// Big values cross by the bulk roads and come out equal, and a value nested 100,000 deep is
// refused without harm. The release build of QuickJS, as users get it: the debug build's
// checks (value-crossing.test.ts) make these take minutes.
let python: PythonEngine;
let javascript: JavaScriptEngine;

beforeAll(async () => {
  python = new PythonEngine();
  javascript = new JavaScriptEngine({ policy: TIERS.unrestricted, memoryLimitBytes: 1024 * 1024 * 1024 });
  await Promise.all([python.init(), javascript.init()]);
  await python.setPolicy(TIERS.unrestricted);
  expect((await python.execute('import array')).errors).toEqual([]);
});

afterAll(async () => {
  await Promise.all([python.dispose(), javascript.dispose()]);
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

describe('big values', () => {
  const ints = Array.from({ length: 1_000_000 }, (_, index) => index);
  const records = Array.from({ length: 10_000 }, (_, index) => ({ id: index, name: `n${index}`, score: index * 0.5, ok: true }));

  it('a list of a million ints, both ways through both engines', async () => {
    await python.execute('ints = list(range(1_000_000))');
    const value = await read(python, 'ints');
    expect(value).toEqual(ints);
    await javascript.setVariable('ints', value);
    expect((await javascript.execute('ints.length === 1e6 && ints.every((x, i) => x === i)')).result).toBe(true);
    await javascript.execute('var made = Array.from({length: 1e6}, (_, i) => i)');
    const made = await read(javascript, 'made');
    expect(made).toEqual(ints);
    await python.setVariable('made', made);
    await pythonTrue('made == ints and set(map(type, made)) == {int}');
  });

  it('a dict of 200,000 str keys, both ways', async () => {
    await python.execute('table = {str(i): i for i in range(200_000)}');
    const value = await read(python, 'table');
    const expected = Object.fromEntries(Array.from({ length: 200_000 }, (_, index) => [String(index), index]));
    expect(value).toStrictEqual(expected);
    await javascript.setVariable('table', value);
    expect((await javascript.execute('Object.keys(table).length === 200000 && table["199999"] === 199999')).result).toBe(true);
    const back = await read(javascript, 'table');
    expect(back).toStrictEqual(expected);
    await python.setVariable('table_back', back);
    await pythonTrue('table_back == table and list(table_back) == list(table) and set(map(type, table_back.values())) == {int}');
  });

  it('10,000 records, both ways', async () => {
    await python.execute('records = [{"id": i, "name": "n" + str(i), "score": i * 0.5, "ok": True} for i in range(10_000)]');
    const value = await read(python, 'records');
    expect(value).toStrictEqual(records);
    await javascript.setVariable('records', value);
    expect(await read(javascript, 'records')).toStrictEqual(records);
    await python.setVariable('records_back', records);
    // A neutral number is an int in Python when it is integral, as 1.0 crossing alone would be.
    await pythonTrue('records_back == records and {type(r["ok"]) for r in records_back} == {bool} and {type(r["id"]) for r in records_back} == {int}');
  });

  it('bytes, array.array and a 10 MB Float64Array as whole buffers', async () => {
    await python.execute('blob = bytes(range(256)) * 4096\ncolumn = array.array("h", range(-1000, 1000))');
    expect(await read(python, 'blob')).toEqual(new Uint8Array(256 * 4096).map((_, index) => index % 256));
    expect(await read(python, 'column')).toEqual(Int16Array.from({ length: 2000 }, (_, index) => index - 1000));
    const samples = new Float64Array(10 * 1024 * 128).map((_, index) => index / 3);
    await python.setVariable('samples', samples);
    await pythonTrue(`samples.typecode == "d" and len(samples) == ${samples.length} and samples[3] == 1.0`);
    const fromPython = await read(python, 'samples');
    expect(fromPython).toBeInstanceOf(Float64Array);
    expect(Buffer.from((fromPython as Float64Array).buffer).equals(Buffer.from(samples.buffer))).toBe(true);
    await javascript.setVariable('samples', fromPython);
    const fromJavaScript = await read(javascript, 'samples');
    expect(fromJavaScript).toBeInstanceOf(Float64Array);
    expect(Buffer.from((fromJavaScript as Float64Array).buffer).equals(Buffer.from(samples.buffer))).toBe(true);
  });
});

describe('depth', () => {
  it('gives a ConversionError for a value nested 100,000 deep, and each engine keeps working', async () => {
    await python.execute('deep = []\nfor _ in range(100_000):\n    deep = [deep]\nkeyed = {}\nfor _ in range(100_000):\n    keyed = {"k": keyed}');
    await expect(python.getVariable('deep')).rejects.toThrow(ConversionError);
    await expect(python.getVariable('keyed')).rejects.toThrow(ConversionError);
    expect((await python.execute('1+1')).result).toBe(2);
    await javascript.execute('var deep = []; for (let i = 0; i < 100000; i++) deep = [deep]');
    await expect(javascript.getVariable('deep')).rejects.toThrow(ConversionError);
    expect((await javascript.execute('1+1')).result).toBe(2);
    let neutral: NeutralValue = [];
    for (let level = 0; level < 100_000; level++) neutral = [neutral];
    await expect(python.setVariable('injected', neutral)).rejects.toThrow(ConversionError);
    await expect(javascript.setVariable('injected', neutral)).rejects.toThrow(ConversionError);
    expect((await python.execute('1+1')).result).toBe(2);
    expect((await javascript.execute('1+1')).result).toBe(2);
  });
});
