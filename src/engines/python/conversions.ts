/**
 * Python values to neutral values, and the support code's results to plain JavaScript. Every
 * proxy that comes in is destroyed before these functions return.
 */
import type { PyodideAPI } from 'pyodide';
import type { PyCallable, PyProxy } from 'pyodide/ffi';
import type { UnifiedError } from '../contract';
import { EngineError } from '../contract';
import { errorFromRecord } from '../error-record';
import { ConversionError, fromEntries, isNeutralArray, isNeutralMap, isNeutralSet, isTypedArray, MAX_DEPTH, toNeutral, type NeutralValue } from '../value';

/** A run's outcome as the support code reports it. */
export interface Outcome {
  readonly result: NeutralValue;
  readonly resultText: string | null;
  readonly errors: readonly UnifiedError[];
  /** Top-level names the run assigned. */
  readonly exports: readonly string[];
}

/** Converts a value from Python to the neutral model, destroying the proxy it came in. */
export function pythonToNeutral(py: PyodideAPI, value: unknown): NeutralValue {
  if (!(value instanceof py.ffi.PyProxy)) return toNeutral(value);
  try {
    return toNeutral(
      value.toJs({
        dict_converter: fromEntries,
        create_pyproxies: false,
        default_converter: (item: PyProxy) => {
          if (item.type === 'datetime.datetime') return new Date(timestampOf(py, item));
          throw new ConversionError(`a Python ${item.type} cannot cross between languages`);
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConversionError) throw error;
    throw new ConversionError(`a Python ${value.type} cannot cross between languages`);
  } finally {
    value.destroy();
  }
}

/** Reads the dict that the support code's runners return, converting every proxy in it. */
export function readOutcome(py: PyodideAPI, value: unknown, cellId: string): Outcome {
  if (!(value instanceof py.ffi.PyDict)) throw new EngineError('the Python support code returned no outcome', 'python');
  try {
    const names: unknown = toPlain(py, value.get('exports') as unknown);
    const exports = Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
    const errorProxy: unknown = value.get('error');
    if (errorProxy instanceof py.ffi.PyProxy) {
      const record: unknown = toPlain(py, errorProxy);
      return { result: null, resultText: null, errors: [errorFromRecord('python', record, cellId)], exports };
    }
    const shown: unknown = value.get('repr');
    const resultText = typeof shown === 'string' ? shown : null;
    try {
      return { result: pythonToNeutral(py, value.get('value') as unknown), resultText, errors: [], exports };
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      // A value that cannot cross stays in Python; its repr is still shown.
      return { result: null, resultText, errors: [], exports };
    }
  } finally {
    value.destroy();
  }
}

/** Converts the support code's plain results (lists, str-keyed dicts, numbers, text, bytes). */
export function toPlain(py: PyodideAPI, value: unknown): unknown {
  if (!(value instanceof py.ffi.PyProxy)) return value;
  try {
    return value.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  } finally {
    value.destroy();
  }
}

/** The Python function that gives a datetime's milliseconds, compiled once per runtime. */
const timestampers = new WeakMap<PyodideAPI, PyCallable>();

function timestampOf(py: PyodideAPI, datetime: PyProxy): number {
  let toTimestamp = timestampers.get(py);
  if (!toTimestamp) {
    const compiled: unknown = py.runPython('from datetime import timezone\nlambda d: (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).timestamp() * 1000');
    if (!(compiled instanceof py.ffi.PyCallable)) throw new ConversionError('datetime conversion is not available');
    toTimestamp = compiled;
    timestampers.set(py, toTimestamp);
  }
  return Number(toTimestamp(datetime));
}

/** Stands for -0 on its way into Python, where a plain -0 would arrive as the int 0. */
class NegativeZero {
  get [Symbol.toStringTag]() {
    return 'NegativeZero';
  }
}

/**
 * Copies a neutral value for Python, replacing -0 with a marker the support code turns into
 * -0.0. Throws a ConversionError past MAX_DEPTH, so a cycle never hangs.
 */
export function encodeForPython(value: NeutralValue, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new ConversionError(`value is nested deeper than ${MAX_DEPTH} levels (or has a cycle)`);
  const encode = (item: NeutralValue) => encodeForPython(item, depth + 1);
  if (Object.is(value, -0)) return new NegativeZero();
  if (value === null || typeof value !== 'object' || value instanceof Date || isTypedArray(value)) return value;
  if (isNeutralArray(value)) return value.map(encode);
  if (isNeutralMap(value)) return new Map([...value].map(([key, item]) => [encode(key), encode(item)]));
  if (isNeutralSet(value)) return new Set([...value].map(encode));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)]));
}
