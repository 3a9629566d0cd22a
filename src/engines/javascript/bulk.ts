/**
 * Bulk roads in and out of a QuickJS context: a value crosses as one JSON text or one number
 * buffer when that is exact, with a handful of host calls whatever its size. The prelude's
 * `exportBulk` proves exactness inside the VM; `isJsonExact` proves it on the way in. Out, the
 * text or buffer is kept as it is (packed-value.ts), for the other engine to build its value
 * from. Values neither road takes return null, and the caller uses the per-value road
 * (handles.ts).
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { columnOf, isJsonExact, isPlainObject, jsonNumber } from '../bulk-shapes';
import { packedJson, type PackedValue } from '../packed-value';
import { ConversionError, MAX_DEPTH, type NeutralValue } from '../value';
import { callHelper } from './handles';

/**
 * Reads a QuickJS value by a bulk road, packed; null when it needs the per-value road. Throws
 * a ConversionError for arrays and objects nested past MAX_DEPTH, as a cycle always is.
 */
export function readBulk(context: QuickJSContext, helpers: QuickJSHandle, handle: QuickJSHandle): PackedValue | null {
  const type = context.typeof(handle);
  if (type !== 'object') return null;
  const result = context.callMethod(helpers, 'exportBulk', [handle]);
  if (result.error) {
    // A getter or trap threw, or the deadline passed: the per-value road meets it again and
    // reports it as it always has.
    result.error.dispose();
    return null;
  }
  using exported = result.value;
  switch (context.typeof(exported)) {
    case 'string':
      return packedJson(context.getString(exported));
    case 'boolean':
      throw new ConversionError(`value is nested deeper than ${MAX_DEPTH} levels (or has a cycle)`);
    case 'object': {
      using view = context.getArrayBuffer(exported);
      // A copy: the view points into the VM's memory, which the next allocation may move.
      const { kind, data } = columnOf(new Float64Array(view.value.slice().buffer));
      return { form: 'numbers', kind, data };
    }
    default:
      return null;
  }
}

/**
 * Builds a QuickJS value from a packed one by its bulk road; null when it needs the per-value
 * road (a neutral value no bulk road takes, or JSON nested too deep for the VM's own stack).
 */
export function writePacked(context: QuickJSContext, helpers: QuickJSHandle, packed: PackedValue): QuickJSHandle | null {
  switch (packed.form) {
    case 'json': {
      using text = context.newString(packed.text);
      return parsedJson(context, helpers, text);
    }
    case 'numbers': {
      const { data } = packed;
      // The VM copies the bytes in; a view of part of a buffer is copied out first.
      const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
      using buffer = context.newArrayBuffer(whole.buffer);
      return callHelper(context, helpers, 'fromNumberColumn', buffer, data instanceof Int32Array ? context.true : context.false);
    }
    case 'value':
      return writeBulk(context, helpers, packed.value);
  }
}

/** Builds a QuickJS value by a bulk road; null when it needs the per-value road. */
export function writeBulk(context: QuickJSContext, helpers: QuickJSHandle, value: NeutralValue): QuickJSHandle | null {
  if (value === null || typeof value !== 'object') return null;
  if (numbersOnly(value)) {
    using buffer = context.newArrayBuffer(Float64Array.from(value).buffer);
    return callHelper(context, helpers, 'fromNumberColumn', buffer, context.false);
  }
  const fields = numberFields(value);
  if (fields !== null) {
    using keys = context.newString(JSON.stringify(fields.keys));
    using buffer = context.newArrayBuffer(fields.values.buffer);
    return callHelper(context, helpers, 'fromNumberFields', keys, buffer);
  }
  if (!isJsonExact(value, jsonNumber)) return null;
  using text = context.newString(JSON.stringify(value));
  return parsedJson(context, helpers, text);
}

/** JSON text parsed inside the VM; null when it is nested too deep for the VM's own stack. */
function parsedJson(context: QuickJSContext, helpers: QuickJSHandle, text: QuickJSHandle): QuickJSHandle | null {
  const parsed = context.callMethod(helpers, 'parseJson', [text]);
  // Too deep for the VM's own stack: the per-value road builds it from the host.
  if (parsed.error) {
    parsed.error.dispose();
    return null;
  }
  return parsed.value;
}

/**
 * A non-empty array of numbers. It crosses as one buffer whatever the numbers are (NaN, the
 * infinities and -0 included): QuickJS fills an array from a buffer faster than it parses JSON.
 */
function numbersOnly(value: NeutralValue): value is readonly number[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const item of value as readonly NeutralValue[]) if (typeof item !== 'number') return false;
  return true;
}

/** Below this many fields an object goes as JSON: the two-part road pays off on big tables. */
const MIN_NUMBER_FIELDS = 64;

/**
 * A plain object whose values are all numbers, as its keys and one Float64Array, or null. A
 * `__proto__` key would set the prototype when assigned, so such an object goes as JSON.
 */
function numberFields(value: NeutralValue): { keys: string[]; values: Float64Array } | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !isPlainObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length < MIN_NUMBER_FIELDS || Object.hasOwn(value, '__proto__')) return null;
  const values = new Float64Array(keys.length);
  let index = 0;
  for (const item of Object.values(value)) {
    if (typeof item !== 'number') return null;
    values[index++] = item;
  }
  return { keys, values };
}
