/**
 * Which bulk road a neutral value can take into an engine. The checks run in the host's own
 * JavaScript, at its speed; what they prove lets a value cross as one JSON text or one typed
 * array instead of a host call per element. JSON is the transport only where it loses nothing.
 */
import { ConversionError, MAX_DEPTH, type NeutralObject, type NeutralValue } from './value';

/** Whether JSON carries a number exactly to the other side. */
export type NumberTest = (value: number) => boolean;

/** A finite number other than -0: JSON writes it exactly and reads it back as the same double. */
export function jsonNumber(value: number): boolean {
  return Number.isFinite(value) && !Object.is(value, -0);
}

/**
 * For Python, where json.loads makes an int of every number written without a fraction: a
 * number crossing alone becomes an int only when it is a safe integer, so larger integral
 * numbers must not go as JSON.
 */
export function pythonJsonNumber(value: number): boolean {
  return jsonNumber(value) && (Number.isSafeInteger(value) || !Number.isInteger(value));
}

/**
 * Whether a neutral value is made only of null, booleans, strings, numbers that pass the test,
 * arrays and plain objects, so that JSON carries it exactly. Throws a ConversionError past
 * MAX_DEPTH, which no road could take.
 */
export function isJsonExact(value: NeutralValue, numberOk: NumberTest, depth = 0): boolean {
  if (depth > MAX_DEPTH) throw new ConversionError(`value is nested deeper than ${MAX_DEPTH} levels (or has a cycle)`);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return numberOk(value);
    case 'bigint':
      return false;
  }
  if (value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value as readonly NeutralValue[]) if (!isJsonExact(item, numberOk, depth + 1)) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  for (const item of Object.values(value)) if (!isJsonExact(item, numberOk, depth + 1)) return false;
  return true;
}

/** Whether an object is a plain one (Object.prototype or no prototype), as a neutral object is. */
export function isPlainObject(value: object): value is NeutralObject {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** How an array made only of numbers crosses as one buffer. */
export interface NumberColumn {
  /** `i`: every number is an int32 (and none is -0); `d`: none is a safe integer; `n`: mixed. */
  readonly kind: 'i' | 'd' | 'n';
  readonly data: Int32Array | Float64Array;
}

/** An array of numbers as one typed array, or null when it holds anything else or is empty. */
export function numberColumn(value: NeutralValue): NumberColumn | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const items = value as readonly NeutralValue[];
  for (const item of items) if (typeof item !== 'number') return null;
  return columnOf(items as readonly number[]);
}

/** Numbers as the narrowest column that keeps them (NaN, the infinities and -0 included). */
export function columnOf(numbers: ArrayLike<number>): NumberColumn {
  let int32 = true;
  let integral = false;
  for (let index = 0; index < numbers.length; index++) {
    const item = numbers[index] ?? 0;
    if (Number.isSafeInteger(item) && !Object.is(item, -0)) {
      integral = true;
      if ((item | 0) !== item) int32 = false;
    } else {
      int32 = false;
    }
  }
  if (int32) return { kind: 'i', data: Int32Array.from(numbers) };
  return { kind: integral ? 'n' : 'd', data: numbers instanceof Float64Array ? numbers : Float64Array.from(numbers) };
}
