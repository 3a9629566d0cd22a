/**
 * The canonical text of property values, and value equality. `readValue` reads everything
 * printed here back to an equal value.
 */
import type { PropertyValue } from './types';

/** A key that reads back bare; any other key is printed quoted. */
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;


/** Narrows to an array; `Array.isArray` alone does not narrow readonly arrays. */
export function isValueArray(value: PropertyValue): value is readonly PropertyValue[] {
  return Array.isArray(value);
}

/** Prints a key bare when it reads back bare, else as a JSON string. */
export function printKey(key: string): string {
  return BARE_KEY.test(key) ? key : JSON.stringify(key);
}

/**
 * Prints a value on one line, except that a string with line breaks prints as `"""…"""` when
 * it can (triple-quoted text is verbatim, so it must not contain `"""` or end with `"`).
 * Arrays print as `["a", 1]` and objects as `{key: 1, "odd key": 2}`. Infinities print as
 * `1e999`/`-1e999`, which read back as infinities; NaN has no literal and prints as `null`.
 */
export function printPropertyValue(value: PropertyValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return printString(value);
  if (typeof value === 'number') return printNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isValueArray(value)) return `[${value.map(printPropertyValue).join(', ')}]`;
  const members = Object.entries(value).map(([key, member]) => `${printKey(key)}: ${printPropertyValue(member)}`);
  return `{${members.join(', ')}}`;
}

/** Control characters other than tab and line feed would be invisible inside `"""…"""`. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) return true;
  }
  return false;
}

function printString(text: string): string {
  const verbatim = text.includes('\n') && !text.includes('"""') && !text.endsWith('"') && !hasControlCharacter(text);
  return verbatim ? `"""${text}"""` : JSON.stringify(text);
}

function printNumber(value: number): string {
  if (Number.isNaN(value)) return 'null';
  if (value === Infinity) return '1e999';
  if (value === -Infinity) return '-1e999';
  return Object.is(value, -0) ? '-0' : String(value);
}

/** Deep equality of two values; numbers compare with `Object.is`, so `-0` differs from `0`. */
export function propertyValuesEqual(a: PropertyValue, b: PropertyValue): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (isValueArray(a) || isValueArray(b)) {
    return isValueArray(a) && isValueArray(b) && a.length === b.length && a.every((item, i) => sameItem(item, b[i]));
  }
  const aKeys = Object.keys(a);
  return aKeys.length === Object.keys(b).length && aKeys.every((key) => Object.hasOwn(b, key) && sameItem(a[key], b[key]));
}

function sameItem(a: PropertyValue | undefined, b: PropertyValue | undefined): boolean {
  return a !== undefined && b !== undefined && propertyValuesEqual(a, b);
}
