/**
 * How DSL values read as text and as conditions, and how they compare. DSL values are the
 * variable store's neutral values, so whatever Python or JavaScript exported reads here.
 */
import {
  isNeutralArray,
  isNeutralMap,
  isNeutralSet,
  isTypedArray,
  MAX_DEPTH,
  neutralEquals,
  type NeutralObject,
  type NeutralValue,
} from '../engines/value';
import { ExpressionError } from './expression-error';

/** A value of the DSL: the store's neutral values. */
export type DslValue = NeutralValue;

/**
 * How a value reads inside text: strings as themselves, null (and undefined) as "null", numbers
 * as JavaScript prints them, bigint as digits, Date as ISO, arrays, objects, Maps, Sets and typed
 * arrays as compact JSON (a Map as an object, a Set as an array).
 */
export function showValue(value: DslValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return showDate(value);
  if (typeof value === 'object') return toJson(value);
  return String(value);
}

/**
 * Compact JSON for any DSL value. Unlike JSON.stringify it accepts bigint (as digits), Map (as
 * an object keyed by each key's showValue), Set and typed arrays (as arrays); like it, a number
 * that is not finite reads as null.
 */
export function toJson(value: DslValue, depth = 0): string {
  if (depth > MAX_DEPTH) throw new ExpressionError(`a value nested deeper than ${MAX_DEPTH} levels cannot be shown`);
  const inner = (item: DslValue): string => toJson(item, depth + 1);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      break;
  }
  if (value instanceof Date) return JSON.stringify(showDate(value));
  if (isTypedArray(value)) return `[${Array.from(value, (item: number | bigint) => inner(item)).join(',')}]`;
  if (isNeutralArray(value)) return `[${value.map(inner).join(',')}]`;
  if (isNeutralSet(value)) return `[${Array.from(value, inner).join(',')}]`;
  if (isNeutralMap(value)) {
    return `{${Array.from(value, ([key, item]) => `${JSON.stringify(showValue(key))}:${inner(item)}`).join(',')}}`;
  }
  return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${inner(item)}`).join(',')}}`;
}

function showDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
}

/** Whether a value counts as true in IF/WHILE: JavaScript truthiness (empty string, 0, NaN, null false; empty array true). */
export function isTruthy(value: DslValue): boolean {
  if (value === null) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0 && !Number.isNaN(value);
    case 'bigint':
      return value !== 0n;
    case 'string':
      return value !== '';
    case 'object':
      return true;
  }
}

/**
 * `===` of the DSL: primitives as JavaScript compares them; arrays, objects, Maps, Sets and dates
 * by content, since values reach the DSL as copies and identity would never match.
 */
export function strictEquals(a: DslValue, b: DslValue): boolean {
  if (isComposite(a) && isComposite(b)) return neutralEquals(a, b);
  return a === b;
}

/** `==` of the DSL: JavaScript's loose equality between primitives, content equality between composites. */
export function looseEquals(a: DslValue, b: DslValue): boolean {
  if (isComposite(a) || isComposite(b)) return isComposite(a) && isComposite(b) && neutralEquals(a, b);
  if (a === null || b === null) return a === b;
  // Between primitives JavaScript's `==` cannot run user code, so it is used as it is.
  return a == b;
}

/** A value that is an object in JavaScript terms (everything but null and the primitives). */
export function isComposite(value: DslValue): value is Exclude<DslValue, null | boolean | number | bigint | string> {
  return typeof value === 'object' && value !== null;
}

/** Whether a value is a plain object (not an array, Map, Set, Date or typed array). */
export function isPlainObject(value: DslValue): value is NeutralObject {
  return isComposite(value) && !(value instanceof Date) && !isTypedArray(value) && !isNeutralArray(value) && !isNeutralMap(value) && !isNeutralSet(value);
}

/** Names a value's kind for an error message: "a string", "an array", "null". */
export function describeKind(value: DslValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'bigint':
      return 'a bigint';
    case 'object':
      break;
  }
  if (value instanceof Date) return 'a date';
  if (isTypedArray(value)) return `a ${value.constructor.name}`;
  if (isNeutralArray(value)) return 'an array';
  if (isNeutralMap(value)) return 'a Map';
  if (isNeutralSet(value)) return 'a Set';
  return 'an object';
}

/** Sets a key as an own data property, so that even an odd key stays plain data. */
export function defineOwn(object: Record<string, DslValue>, key: string, value: DslValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
