/**
 * How a neutral value is written in the terms of the language it came from: a Python dict reads
 * `dict (2 keys)` and None reads `None`, where the same value from JavaScript reads
 * `Object {2 keys}` and `null`. Pure functions; value-shape.ts decides the layout, this names it.
 *
 * The neutral model keeps less than either language (SPEC §4), so some Python names are the best
 * guess the value allows: an array is a `list` (a tuple crossed as one too), a number that is a
 * whole number is written as an int, and a Map is a `dict` like a plain object.
 */
import { isNeutralArray, isNeutralMap, isNeutralSet, isTypedArray, isTypedArrayName, type NeutralTypedArray, type NeutralValue, type TypedArrayName } from '../../engines/value';
import type { Origin } from '../../runtime/variable-store';
import { isContainer, isRecord } from './value-shape';

/** The languages values are shown in. */
export type TermsLanguage = 'python' | 'javascript';

/**
 * The terms a value's source is shown in. Only Python has terms of its own: the neutral model is
 * JavaScript's shape, and document VARIABLE blocks, WASM cells (`null` from `languageOf`) and
 * anything else without an engine of its own have no better names than JavaScript's.
 */
export function termsLanguage(source: Origin | null): TermsLanguage {
  return source === 'python' ? 'python' : 'javascript';
}

/** Items a typed array's leaf lists before it stops with `…`. */
const LISTED_ITEMS = 8;
/** Items of each container a table cell's repr lists, and how deep it goes. */
const REPR_ITEMS = 100;
const REPR_DEPTH = 8;
/** Bytes a `b'…'` leaf shows. */
const LISTED_BYTES = 32;

/** A container's one-line summary: `list[3]`, `dict (2 keys)`; `Array(3)`, `Object {2 keys}`. */
export function summaryOf(value: NeutralValue, language: TermsLanguage): string {
  const python = language === 'python';
  if (isNeutralArray(value)) return python ? `list[${value.length}]` : `Array(${value.length})`;
  if (isNeutralSet(value)) return python ? `set (${count(value.size, 'item')})` : `Set(${value.size})`;
  if (isNeutralMap(value)) return python ? `dict (${count(value.size, 'key')})` : `Map(${value.size})`;
  const keys = isRecord(value) ? Object.keys(value).length : 0;
  return python ? `dict (${count(keys, 'key')})` : `Object {${count(keys, 'key')}}`;
}

/** The text of a value that is not opened up: `None`, `True`, `'text'`; `null`, `true`, `"text"`. */
export function leafText(value: NeutralValue, language: TermsLanguage): string {
  return language === 'python' ? pythonLeaf(value) : javascriptLeaf(value);
}

/** A Map key as a tree label: a Python tuple key reads `(1, 2)`. */
export function keyText(key: NeutralValue, language: TermsLanguage): string {
  return language === 'python' && isNeutralArray(key) ? pythonRepr(key, 0, true) : leafText(key, language);
}

/**
 * A table cell's text: text as itself, containers compactly (Python reprs, JavaScript JSON) and
 * everything else as its leaf text; empty for a record without the column.
 */
export function cellText(value: NeutralValue | undefined, language: TermsLanguage): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (language === 'python') return isContainer(value) ? pythonRepr(value, 0, false) : pythonLeaf(value);
  if (isNeutralArray(value) || isRecord(value)) {
    try {
      return JSON.stringify(value, (_, item: unknown) => (typeof item === 'bigint' ? `${item}` : item));
    } catch {
      return summaryOf(value, language);
    }
  }
  return javascriptLeaf(value);
}

function count(size: number, noun: string): string {
  return `${size} ${noun}${size === 1 ? '' : 's'}`;
}

// JavaScript -----------------------------------------------------------------------------------

function javascriptLeaf(value: NeutralValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
      return String(value);
    default:
      break;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (isTypedArray(value)) return `${value.constructor.name}(${value.length}) ${listed(value, (item) => javascriptLeaf(item))}`;
  return summaryOf(value, 'javascript');
}

// Python ---------------------------------------------------------------------------------------

/** The `array.array` type code each typed array becomes in Python (support.py's table). */
const TYPE_CODES: Record<Exclude<TypedArrayName, 'Uint8Array'>, string> = {
  Int8Array: 'b',
  Uint8ClampedArray: 'B',
  Int16Array: 'h',
  Uint16Array: 'H',
  Int32Array: 'i',
  Uint32Array: 'I',
  Float32Array: 'f',
  Float64Array: 'd',
  BigInt64Array: 'q',
  BigUint64Array: 'Q',
};

function pythonLeaf(value: NeutralValue): string {
  if (value === null) return 'None';
  switch (typeof value) {
    case 'string':
      return pythonString(value);
    case 'number':
      return pythonNumber(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'True' : 'False';
    default:
      break;
  }
  if (value instanceof Date) return pythonDate(value);
  if (value instanceof Uint8Array) return `bytes[${value.length}] ${pythonBytes(value, LISTED_BYTES)}`;
  if (isTypedArray(value)) return `array('${typeCode(value)}')[${value.length}] ${listed(value, typedItem(value))}`;
  return summaryOf(value, 'python');
}

/**
 * A number as Python writes it. A whole number within ±(2^53-1) may have been an int, so it is
 * written as one; past that an int would have crossed as a BigInt, so it was a float.
 */
function pythonNumber(value: number): string {
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  return pythonFloat(value);
}

/** A float as Python's repr writes it: `1.0`, `-0.0`, `nan`, `inf`, `1e-05`, `1e+16`. */
function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  // Both write the shortest digits that read back the same; Python switches to an exponent
  // outside 1e-4 ≤ |x| < 1e16 and writes it with at least two digits.
  const [digits = '', exponent = '0'] = value.toExponential().split('e');
  const power = Number(exponent);
  if (power < -4 || power >= 16) return `${digits}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
  const fixed = String(value);
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/** A character Python's repr escapes: not printable, in Unicode's terms (str.isprintable). */
const UNPRINTABLE = /^(?:[\p{C}\p{Zl}\p{Zp}]|(?! )\p{Zs})$/u;

/** A str as Python's repr writes it: single quotes unless the text holds only single quotes. */
function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let written = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === quote || char === '\\') written += `\\${char}`;
    else if (char === '\n') written += '\\n';
    else if (char === '\r') written += '\\r';
    else if (char === '\t') written += '\\t';
    else if (UNPRINTABLE.test(char)) written += escapeCode(code);
    else written += char;
  }
  return `${quote}${written}${quote}`;
}

function escapeCode(code: number): string {
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Bytes as Python's repr writes them, the first `limit` of them: `b'hi\x00'`. */
function pythonBytes(bytes: Uint8Array, limit: number): string {
  const shown = bytes.subarray(0, limit);
  const quote = shown.includes(0x27) && !shown.includes(0x22) ? '"' : "'";
  let written = '';
  for (const byte of shown) {
    const char = String.fromCharCode(byte);
    if (char === quote || char === '\\') written += `\\${char}`;
    else if (char === '\n') written += '\\n';
    else if (char === '\r') written += '\\r';
    else if (char === '\t') written += '\\t';
    else if (byte < 0x20 || byte >= 0x7f) written += `\\x${hex(byte, 2)}`;
    else written += char;
  }
  return `b${quote}${written}${quote}${bytes.length > limit ? '…' : ''}`;
}

/** A Date as the UTC datetime it becomes in Python, written as its repr is (less the module). */
function pythonDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  const fields = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds() * 1000];
  // datetime's repr leaves out zero microseconds, and then zero seconds.
  if (fields.at(-1) === 0) fields.pop();
  if (fields.length === 6 && fields.at(-1) === 0) fields.pop();
  return `datetime(${fields.join(', ')}, tzinfo=timezone.utc)`;
}

function typeCode(array: NeutralTypedArray): string {
  const name = array.constructor.name;
  return isTypedArrayName(name) && name !== 'Uint8Array' ? TYPE_CODES[name] : '?';
}

/** How an item of a typed array reads in Python: the items of a float array are floats. */
function typedItem(array: NeutralTypedArray): (item: number | bigint) => string {
  const floats = array instanceof Float32Array || array instanceof Float64Array;
  return (item) => (typeof item === 'bigint' ? String(item) : floats ? pythonFloat(item) : pythonNumber(item));
}

/** The first items of a typed array in brackets: `[0, 1, 2, …]`. */
function listed(array: Uint8Array | NeutralTypedArray, write: (item: number | bigint) => string): string {
  return `[${joined(Array.from(array.subarray(0, LISTED_ITEMS), (item: number | bigint) => write(item)), array.length)}]`;
}

/**
 * A value as Python's repr writes it, with at most REPR_ITEMS items of each container and
 * REPR_DEPTH levels (`…` stands for the rest). `tuple` writes an array as a tuple, as a dict
 * key or set item that crossed as an array was one.
 */
function pythonRepr(value: NeutralValue, depth: number, tuple: boolean): string {
  if (value instanceof Uint8Array) return pythonBytes(value, REPR_ITEMS);
  if (isTypedArray(value)) {
    const write = typedItem(value);
    return `array('${typeCode(value)}', [${joined(Array.from(value.subarray(0, REPR_ITEMS), (item: number | bigint) => write(item)), value.length)}])`;
  }
  if (!isContainer(value)) return pythonLeaf(value);
  if (depth >= REPR_DEPTH) return '…';
  const inner = (item: NeutralValue, asTuple = false) => pythonRepr(item, depth + 1, asTuple);
  if (isNeutralArray(value)) {
    const items = joined(value.slice(0, REPR_ITEMS).map((item) => inner(item)), value.length);
    if (!tuple) return `[${items}]`;
    return value.length === 1 ? `(${items},)` : `(${items})`;
  }
  if (isNeutralSet(value)) return value.size === 0 ? 'set()' : `{${joined(first(value, REPR_ITEMS).map((item) => inner(item, true)), value.size)}}`;
  if (isNeutralMap(value)) return `{${joined(first(value, REPR_ITEMS).map(([key, item]) => `${inner(key, true)}: ${inner(item)}`), value.size)}}`;
  const entries = isRecord(value) ? Object.entries(value) : [];
  return `{${joined(entries.slice(0, REPR_ITEMS).map(([key, item]) => `${pythonString(key)}: ${inner(item)}`), entries.length)}}`;
}

/** The first `limit` items of an iterable, without walking the rest. */
function first<T>(items: Iterable<T>, limit: number): T[] {
  const taken: T[] = [];
  for (const item of items) {
    if (taken.length >= limit) break;
    taken.push(item);
  }
  return taken;
}

/** Written items joined with commas, and `…` when they are fewer than the container holds. */
function joined(shown: readonly string[], total: number): string {
  return `${shown.join(', ')}${total > shown.length ? ', …' : ''}`;
}
