/**
 * Reads property values: strings (`"…"`, `'…'`, `"""…"""`), numbers, `true`/`false`/`null`,
 * `[arrays]` and `{objects}`, with comments wherever whitespace may go.
 */
import { readString } from './quoted-string';
import { fail, MetascriptParseFailure, toSyntaxError } from './syntax-failure';
import { isDigit, isIdentifierPart, isIdentifierStart, TextCursor } from './text-cursor';
import type { MetascriptSyntaxError, PropertyEntry, PropertyValue } from './types';

/** Deeper nesting is an error rather than a stack overflow, so the parser never throws. */
const MAX_DEPTH = 200;

/** Reads the value at the cursor. `depth` counts the arrays and objects around it. */
export function readValue(cursor: TextCursor, depth: number): PropertyValue {
  const start = cursor.pos;
  const ch = cursor.peek();
  if (ch === '"' || ch === "'") return readString(cursor);
  if (ch === '[' || ch === '{') {
    if (depth >= MAX_DEPTH) fail(`values nest more than ${MAX_DEPTH} levels deep`, start);
    return ch === '[' ? readArray(cursor, depth + 1) : readObject(cursor, depth + 1);
  }
  if (ch === '-' || ch === '.' || isDigit(ch)) return readNumber(cursor);
  if (isIdentifierStart(ch)) {
    while (isIdentifierPart(cursor.peek())) cursor.pos++;
    const word = cursor.text.slice(start, cursor.pos);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    fail(`invalid value ${word}: text values need quotes`, start);
  }
  if (ch === undefined || ch === '\n') fail('expected a value', start);
  fail(`invalid value: unexpected ${ch}`, start);
}

/** Reads `key: value`; keys are bare words (letters, digits, `_`, `-`) or quoted strings. */
export function readEntry(cursor: TextCursor, depth: number): PropertyEntry {
  const keyStart = cursor.pos;
  const ch = cursor.peek();
  let key: string;
  if (isIdentifierStart(ch)) {
    while (isIdentifierPart(cursor.peek()) || cursor.peek() === '-') cursor.pos++;
    key = cursor.text.slice(keyStart, cursor.pos);
  } else if ((ch === '"' || ch === "'") && !cursor.text.startsWith('"""', keyStart)) {
    key = readString(cursor);
  } else {
    fail('expected key: value', keyStart);
  }
  const keyEnd = cursor.pos;
  if (cursor.skipSpace() || cursor.peek() !== ':') fail(`expected : after ${key}`, keyEnd);
  cursor.pos++;
  const valueStart = cursor.pos;
  if (cursor.skipSpace()) fail(`expected a value after ${key}:`, valueStart);
  return { key, value: readValue(cursor, depth) };
}

/**
 * Reads a comma- or line-separated sequence up to `close`; the cursor is on the opening bracket.
 * A trailing comma is allowed, since hand-edited lists often have one.
 */
function readItems(cursor: TextCursor, close: ']' | '}', readItem: () => void): void {
  const open = cursor.pos;
  cursor.pos++;
  for (;;) {
    cursor.skipSpace();
    const ch = cursor.peek();
    if (ch === close) break;
    // The wrong closer (or none) means this bracket was left open; point at it, not at the closer.
    if (ch === undefined || ch === ']' || ch === '}') fail(`unclosed ${cursor.text[open] ?? ''}: missing ${close}`, open);
    readItem();
    const crossedLine = cursor.skipSpace();
    const next = cursor.peek();
    if (next === ',') cursor.pos++;
    else if (next !== close && next !== undefined && !crossedLine) fail(`expected , or ${close}`, cursor.pos);
  }
  cursor.pos++;
}

function readArray(cursor: TextCursor, depth: number): PropertyValue {
  const items: PropertyValue[] = [];
  readItems(cursor, ']', () => items.push(readValue(cursor, depth)));
  return items;
}

function readObject(cursor: TextCursor, depth: number): PropertyValue {
  const members: [string, PropertyValue][] = [];
  readItems(cursor, '}', () => {
    const { key, value } = readEntry(cursor, depth);
    members.push([key, value]);
  });
  // fromEntries defines own properties, so a `__proto__` key stays data instead of a prototype.
  return Object.fromEntries(members);
}

function readNumber(cursor: TextCursor): number {
  const { text } = cursor;
  const start = cursor.pos;
  let i = text[start] === '-' ? start + 1 : start;
  const intStart = i;
  while (isDigit(text[i])) i++;
  let digits = i - intStart;
  if (text[i] === '.') {
    const fractionStart = ++i;
    while (isDigit(text[i])) i++;
    digits += i - fractionStart;
  }
  if (digits === 0) fail('invalid number', start);
  if (text[i] === 'e' || text[i] === 'E') {
    let j = text[i + 1] === '+' || text[i + 1] === '-' ? i + 2 : i + 1;
    const exponentStart = j;
    while (isDigit(text[j])) j++;
    if (j === exponentStart) fail('invalid number: the exponent has no digits', start);
    i = j;
  }
  if (isIdentifierPart(text[i]) || text[i] === '.') fail('invalid number', start);
  cursor.pos = i;
  return Number(text.slice(start, i));
}

/** Parses one property value written alone, as in a value editor. Never throws. */
export function parsePropertyValue(
  text: string,
): { readonly ok: true; readonly value: PropertyValue } | { readonly ok: false; readonly error: MetascriptSyntaxError } {
  const cursor = new TextCursor(text, 0);
  try {
    cursor.skipSpace();
    const value = readValue(cursor, 0);
    cursor.skipSpace();
    if (!cursor.atEnd()) fail('unexpected text after the value', cursor.pos);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof MetascriptParseFailure) return { ok: false, error: toSyntaxError(text, error) };
    throw error;
  }
}
