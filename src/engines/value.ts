/**
 * The neutral value model (SPEC §4): what a value looks like while it crosses from one
 * language to another. Every member is structured-cloneable; JSON is never the transport.
 */

/** A neutral value. */
export type NeutralValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Date
  | Uint8Array
  | NeutralTypedArray
  | NeutralArray
  | NeutralObject
  | NeutralMap
  | NeutralSet;

/** Typed arrays other than Uint8Array (which stands for bytes); they cross as whole buffers. */
export type NeutralTypedArray =
  | Int8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** The constructors of the typed arrays the model knows, by name. */
export const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;

export type TypedArrayName = keyof typeof TYPED_ARRAYS;

export function isTypedArrayName(name: string): name is TypedArrayName {
  return Object.hasOwn(TYPED_ARRAYS, name);
}

/** Whether a value is one of the model's typed arrays (DataView is not). */
export function isTypedArray(value: unknown): value is Uint8Array | NeutralTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) && isTypedArrayName(value.constructor.name);
}

/** A list, tuple or Array. */
export type NeutralArray = readonly NeutralValue[];

/** A dict with string keys, or a plain object; key order is kept. */
export interface NeutralObject {
  readonly [key: string]: NeutralValue;
}

/** A dict with keys that are not all strings. */
export type NeutralMap = ReadonlyMap<NeutralValue, NeutralValue>;

/** A set. */
export type NeutralSet = ReadonlySet<NeutralValue>;

/** Thrown when a value cannot be expressed in the neutral model. */
export class ConversionError extends Error {
  override readonly name = 'ConversionError';
}

/**
 * A value whose reading was stopped at the time limit: its getters or traps never returned.
 * Not a property of the value, so unlike a ConversionError it bars nothing, and the cell that
 * asked for it ends with a timeout. Known across a worker boundary by its name.
 */
export class ReadTimeoutError extends Error {
  override readonly name = 'ReadTimeoutError';
}

export function isReadTimeout(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReadTimeoutError';
}

/** How deep a nested value may go before conversion gives up, so cycles never hang. */
export const MAX_DEPTH = 1000;

/**
 * Builds a plain object when every key is a string, and a Map otherwise. The entries are
 * taken as they are; `toNeutral` checks the whole value afterwards.
 */
export function fromEntries(entries: Iterable<readonly [unknown, unknown]>): object {
  const list = Array.from(entries);
  if (!list.every(([key]) => typeof key === 'string')) return new Map(list);
  const object: Record<string, unknown> = {};
  for (const [key, value] of list) defineOwn(object, key as string, value);
  return object;
}

/** Sets a key as an own data property, so that a key such as `__proto__` stays plain data. */
function defineOwn<T>(object: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Checks that a host value is in the neutral model and returns it in canonical form
 * (`undefined` becomes null). Throws a ConversionError on functions, class instances,
 * cycles and nesting past MAX_DEPTH.
 */
export function toNeutral(value: unknown, depth = 0): NeutralValue {
  if (depth > MAX_DEPTH) throw new ConversionError(`value is nested deeper than ${MAX_DEPTH} levels (or has a cycle)`);
  switch (typeof value) {
    case 'undefined':
      return null;
    case 'boolean':
    case 'number':
    case 'bigint':
    case 'string':
      return value;
    case 'function':
      throw new ConversionError('a function cannot cross between languages');
    case 'symbol':
      throw new ConversionError('a symbol cannot cross between languages');
    case 'object':
      return objectToNeutral(value, depth);
  }
}

function objectToNeutral(value: object | null, depth: number): NeutralValue {
  if (value === null || value instanceof Date || isTypedArray(value)) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => toNeutral(item, depth + 1));
  if (value instanceof Map) {
    const map = new Map<NeutralValue, NeutralValue>();
    for (const [key, item] of value as Map<unknown, unknown>) map.set(toNeutral(key, depth + 1), toNeutral(item, depth + 1));
    return map;
  }
  if (value instanceof Set) {
    const set = new Set<NeutralValue>();
    for (const item of value as Set<unknown>) set.add(toNeutral(item, depth + 1));
    return set;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new ConversionError(`an instance of ${value.constructor.name} cannot cross between languages`);
  }
  const object: Record<string, NeutralValue> = {};
  for (const [key, item] of Object.entries(value)) defineOwn(object, key, toNeutral(item, depth + 1));
  return object;
}

/** Narrows to a Map without widening its members to `any`, as `instanceof Map` would. */
export function isNeutralMap(value: NeutralValue): value is NeutralMap {
  return value instanceof Map;
}

/** Narrows to a Set without widening its members to `any`. */
export function isNeutralSet(value: NeutralValue): value is NeutralSet {
  return value instanceof Set;
}

/** Narrows to an array without widening its members to `any`, as `Array.isArray` would. */
export function isNeutralArray(value: NeutralValue): value is NeutralArray {
  return Array.isArray(value);
}

/**
 * Whether two neutral values are the same value: numbers by Object.is (NaN equals NaN, -0 is
 * not 0), dates by time, typed arrays by type and bytes, sets whatever their order, everything
 * else item by item in order. Past MAX_DEPTH it answers false, which at worst counts an
 * unchanged value as changed.
 */
export function neutralEquals(a: NeutralValue, b: NeutralValue, depth = 0): boolean {
  if (Object.is(a, b)) return true;
  if (depth > MAX_DEPTH || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const same = (x: NeutralValue, y: NeutralValue) => neutralEquals(x, y, depth + 1);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (isTypedArray(a) || isTypedArray(b)) return isTypedArray(a) && isTypedArray(b) && a.constructor === b.constructor && sameBytes(a, b);
  if (isNeutralArray(a) || isNeutralArray(b)) return isNeutralArray(a) && isNeutralArray(b) && a.length === b.length && a.every((item, index) => same(item, b[index] ?? null));
  if (isNeutralMap(a) || isNeutralMap(b)) {
    if (!isNeutralMap(a) || !isNeutralMap(b) || a.size !== b.size) return false;
    const right = [...b];
    return [...a].every(([key, item], index) => {
      const pair = right[index];
      return pair !== undefined && same(key, pair[0]) && same(item, pair[1]);
    });
  }
  if (isNeutralSet(a) || isNeutralSet(b)) {
    if (!isNeutralSet(a) || !isNeutralSet(b) || a.size !== b.size) return false;
    // A Python set keeps no order, so members are matched, not compared in turn.
    const rest = [...b].filter((item) => typeof item === 'object' && item !== null);
    return [...a].every((item) => {
      if (typeof item !== 'object' || item === null) return b.has(item);
      const at = rest.findIndex((other) => same(item, other));
      if (at === -1) return false;
      rest.splice(at, 1);
      return true;
    });
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && same(a[key] ?? null, b[key] ?? null));
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const left = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const right = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return false;
  return true;
}
