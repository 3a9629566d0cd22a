/**
 * Property blocks (DESCRIBE, CONFIG, VARIABLE, ACTION): `key: value` entries, one per line or
 * separated by commas. The block ends at its matching `}`, found by reading the values, so
 * braces inside strings, comments and objects never end it early.
 */
import { matchHeader, printHeader, type BlockHeader, type ReadBlock } from './block-header';
import { printKey, printPropertyValue } from './property-value-printer';
import { readEntry } from './property-value-reader';
import { fail } from './syntax-failure';
import { blockCommentEnd, isIdentifierStart, isInlineSpace, lineEnd, TextCursor } from './text-cursor';
import type { PropertyBlock, PropertyEntry, PropertyKind } from './types';

/** Reads the property block whose header is `header`. */
export function readPropertyBlock(text: string, header: BlockHeader, kind: PropertyKind): ReadBlock<PropertyBlock> {
  if (header.binary) fail(`only a WASM block can hold a binary module; remove (binary) from the ${kind} block`, header.start);
  const cursor = new TextCursor(text, header.brace + 1);
  const properties: PropertyEntry[] = [];
  for (;;) {
    cursor.skipSpace();
    const ch = cursor.peek();
    if (ch === undefined) fail(`the ${kind} block is never closed: missing }`, header.start);
    if (ch === '}') break;
    // A header at column 0 means the closing brace was forgotten; say so, not "expected :".
    if (cursor.atLineStart() && isIdentifierStart(ch) && matchHeader(text, cursor.pos) !== null) {
      fail(`the ${kind} block is never closed: missing } before the next block`, header.start);
    }
    properties.push(readEntry(cursor, 0));
    const crossedLine = cursor.skipSpace();
    const next = cursor.peek();
    if (next === ',') cursor.pos++;
    else if (next !== '}' && next !== undefined && !crossedLine) fail('expected a new line after the value', cursor.pos);
  }
  const end = closingLineEnd(text, cursor.pos + 1);
  const source = text.slice(header.start, end);
  const canonical = printPropertyBlock(kind, header.name, properties);
  return {
    block: { type: 'properties', kind, name: header.name, properties, raw: source === canonical ? null : source },
    end,
  };
}

/** After the closing brace only spaces and comments may follow on its line; returns where the line ends. */
export function closingLineEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    const ch = text[i];
    if (ch === undefined || ch === '\n') return i;
    if (isInlineSpace(ch)) i++;
    else if (ch === '/' && text[i + 1] === '/') i = lineEnd(text, i);
    else if (ch === '/' && text[i + 1] === '*') i = blockCommentEnd(text, i);
    else fail('unexpected text after the closing }', i);
  }
}

/** The canonical text of a property block, up to and including its closing `}`. */
export function printPropertyBlock(kind: PropertyKind, name: string | null, properties: readonly PropertyEntry[]): string {
  const lines = properties.map(({ key, value }) => `    ${printKey(key)}: ${printPropertyValue(value)}\n`);
  return `${printHeader(kind, name)}\n${lines.join('')}}`;
}
