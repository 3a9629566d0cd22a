/**
 * Python variables in and out, by the bulk roads of crossing.py: JSON text where it is exact,
 * whole buffers for flat lists of numbers, and the general per-value converter (conversions.ts)
 * for everything else. Out, a value stays in the form its road gave (packed-value.ts), so that
 * it crosses to the other engine without being built here first.
 */
import type { PyodideAPI } from 'pyodide';
import { isJsonExact, numberColumn, pythonJsonNumber } from '../bulk-shapes';
import { packedJson, packedValue, unpack, type PackedValue } from '../packed-value';
import { ConversionError, type NeutralValue } from '../value';
import { encodeForPython, pythonToNeutral } from './conversions';

/** Calls a support function with JavaScript arguments; the caller owns the result. */
export type SupportCall = (name: string, ...args: unknown[]) => unknown;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Reads a user global in the form its bulk road gives; undefined when it is not set. */
export function exportPythonVariable(py: PyodideAPI, call: SupportCall, name: string, precise = false): PackedValue | undefined {
  const exported = call('export_variable', name, precise);
  if (exported === undefined || exported === null) return undefined;
  if (typeof exported === 'string') {
    const packed = packedJson(exported);
    // An integer past ±(2^53 - 1) may have been an int that JSON would round: prove it instead.
    return packed.form === 'json' && packed.wideIntegers ? exportPythonVariable(py, call, name, true) : packed;
  }
  if (!(exported instanceof py.ffi.PyProxyWithGet)) {
    destroy(py, exported);
    throw new ConversionError(`${name} could not be read`);
  }
  try {
    const road: unknown = exported.get(0);
    const payload: unknown = exported.get(1);
    switch (road) {
      case 'exact-json':
        if (typeof payload !== 'string') break;
        // Its ints were proven within ±(2^53 - 1).
        return { form: 'json', text: payload, wideIntegers: false };
      case 'int32':
        return { form: 'numbers', kind: 'i', data: bufferOf(py, payload, Int32Array) };
      case 'safe-int':
        return { form: 'numbers', kind: 'n', data: bufferOf(py, payload, Float64Array) };
      case 'int64':
        return packedValue(fromInt64(py, payload));
      case 'float64':
        return { form: 'numbers', kind: 'd', data: bufferOf(py, payload, Float64Array) };
      case 'error':
        throw new ConversionError(typeof payload === 'string' ? payload : `${name} cannot cross between languages`);
      case 'native':
        return packedValue(pythonToNeutral(py, payload));
    }
    destroy(py, payload);
    throw new ConversionError(`${name} came out of Python by an unknown road`);
  } finally {
    exported.destroy();
  }
}

/** Sets a user global from a packed value; throws a ConversionError for what cannot cross. */
export function importPythonVariable(call: SupportCall, name: string, packed: PackedValue): void {
  if (packed.form === 'numbers') {
    call('import_numbers', name, packed.data, packed.kind);
    return;
  }
  if (packed.form === 'json' && !packed.wideIntegers) {
    const failure: unknown = call('import_json', name, packed.text);
    if (typeof failure === 'string') throw new ConversionError(failure);
    return;
  }
  writePythonVariable(call, name, unpack(packed));
}

/** Sets a user global from a neutral value; throws a ConversionError for what cannot cross. */
export function writePythonVariable(call: SupportCall, name: string, value: NeutralValue): void {
  const column = numberColumn(value);
  if (column !== null) {
    call('import_numbers', name, column.data, column.kind);
    return;
  }
  const failure: unknown = isJsonExact(value, pythonJsonNumber)
    ? call('import_json', name, JSON.stringify(value))
    : call('set_variable', name, encodeForPython(value));
  if (typeof failure === 'string') throw new ConversionError(failure);
}

/** Ints of a list, from int64 values: numbers, and BigInts past ±(2^53 - 1). */
function fromInt64(py: PyodideAPI, payload: unknown): NeutralValue[] {
  const values = bufferOf(py, payload, BigInt64Array);
  const numbers: NeutralValue[] = new Array<NeutralValue>(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index] ?? 0n;
    numbers[index] = value > MAX_SAFE || value < -MAX_SAFE ? value : Number(value);
  }
  return numbers;
}

/** Copies an array.array's buffer out as the expected typed array, destroying its proxy. */
function bufferOf<T extends Float64Array | BigInt64Array | Int32Array>(py: PyodideAPI, payload: unknown, type: { new (...args: never[]): T; readonly name: string }): T {
  if (!(payload instanceof py.ffi.PyProxy)) throw new ConversionError('a Python array did not arrive as a buffer');
  try {
    const copied: unknown = payload.toJs();
    if (!(copied instanceof type)) throw new ConversionError(`a Python array did not arrive as a ${type.name}`);
    return copied;
  } finally {
    payload.destroy();
  }
}

function destroy(py: PyodideAPI, value: unknown): void {
  if (value instanceof py.ffi.PyProxy) value.destroy();
}
