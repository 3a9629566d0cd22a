/**
 * Python variables in and out as neutral values, by the bulk roads of crossing.py: JSON text
 * where it is exact, whole buffers for flat lists of numbers, and the general per-value
 * converter (conversions.ts) for everything else.
 */
import type { PyodideAPI } from 'pyodide';
import { isJsonExact, numberColumn, pythonJsonNumber } from '../bulk-shapes';
import { ConversionError, type NeutralValue } from '../value';
import { encodeForPython, pythonToNeutral } from './conversions';

/** Calls a support function with JavaScript arguments; the caller owns the result. */
export type SupportCall = (name: string, ...args: unknown[]) => unknown;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Reads a user global as a neutral value; undefined when it is not set. */
export function readPythonVariable(py: PyodideAPI, call: SupportCall, name: string, precise = false): NeutralValue | undefined {
  const exported = call('export_variable', name, precise);
  if (exported === undefined || exported === null) return undefined;
  if (typeof exported === 'string') {
    const value = JSON.parse(exported) as NeutralValue;
    // An integer past ±(2^53 - 1) may have been an int that JSON rounded: prove it instead.
    return hasUnsafeInteger(value) ? readPythonVariable(py, call, name, true) : value;
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
        return JSON.parse(payload) as NeutralValue;
      case 'int64':
        return fromInt64(py, payload);
      case 'float64':
        return Array.from(bufferOf(py, payload, Float64Array));
      case 'error':
        throw new ConversionError(typeof payload === 'string' ? payload : `${name} cannot cross between languages`);
      case 'native':
        return pythonToNeutral(py, payload);
    }
    destroy(py, payload);
    throw new ConversionError(`${name} came out of Python by an unknown road`);
  } finally {
    exported.destroy();
  }
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

/** Whether parsed JSON holds an integral number outside ±(2^53 - 1). */
function hasUnsafeInteger(value: NeutralValue): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (value === null || typeof value !== 'object') return false;
  const items: Iterable<NeutralValue> = Array.isArray(value) ? (value as readonly NeutralValue[]) : Object.values(value);
  for (const item of items) if (hasUnsafeInteger(item)) return true;
  return false;
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
function bufferOf<T extends Float64Array | BigInt64Array>(py: PyodideAPI, payload: unknown, type: { new (...args: never[]): T; readonly name: string }): T {
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
