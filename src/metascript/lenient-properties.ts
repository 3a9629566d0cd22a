/**
 * Property blocks as TARS writes them in the wild: values that are no strict literal
 * (`Date.now()`, `"run_" + id`, objects holding spreads, YAML `|` literals, unbalanced quotes)
 * are kept as the text written, and blocks nested among the entries (`ACTION { … FSHARP { … } }`)
 * are read as the block's children. What still cannot be read fails, and the caller keeps the
 * block as inert text.
 */
import type { BlockHeader, ReadBlock } from './block-header';
import { quotedEnd } from './brace-extent';
import { headerBrace, indentBefore, MAX_NESTING, type LenientContext } from './lenient-context';
import { readString } from './quoted-string';
import { closingLineEnd } from './property-block';
import { readValue } from './property-value-reader';
import { fail, MetascriptParseFailure } from './syntax-failure';
import { blockCommentEnd, isIdentifierPart, isIdentifierStart, isInlineSpace, lineEnd, TextCursor } from './text-cursor';
import type { Block, PropertyBlock, PropertyEntry, PropertyKind } from './types';

/** Reads the property block whose header is `header`, leniently. Throws a parse failure when it cannot. */
export function readLenientPropertyBlock(context: LenientContext, header: BlockHeader, kind: PropertyKind, depth: number): ReadBlock<PropertyBlock> {
  const { text } = context;
  const children: Block[] = [];
  const { properties, close } = readLenientBody(context, header, depth, (start, indent, childDepth) => {
    const child = context.readBlockAt(start, indent, childDepth);
    children.push(child.block);
    return child.end;
  });
  const end = closingLineEnd(text, close + 1);
  const block: PropertyBlock = { type: 'properties', kind, name: header.name, properties, raw: text.slice(header.start, end) };
  return { block: children.length > 0 ? { ...block, children } : block, end };
}

/** A block body as the lenient reader reads it: its entries, and the offset of its closing `}`. */
export interface LenientBody {
  readonly properties: readonly PropertyEntry[];
  readonly close: number;
}

/**
 * Reads the entries of the block whose header is `header` up to its closing `}`, leniently.
 * Each block nested among them is handed to `readChild` (its keyword's offset, its line's
 * indent, its depth), which reads it and returns where its closing line ends. Throws a parse
 * failure when the body cannot be read.
 */
export function readLenientBody(context: LenientContext, header: BlockHeader, depth: number, readChild: (start: number, indent: string, depth: number) => number): LenientBody {
  const { text } = context;
  const cursor = new TextCursor(text, header.brace + 1);
  const properties: PropertyEntry[] = [];
  for (;;) {
    cursor.skipSpace();
    const ch = cursor.peek();
    if (ch === undefined) fail(`the ${header.kind} block is never closed: missing }`, header.start);
    if (ch === '}') break;
    const indent = indentBefore(text, cursor.pos);
    if (indent !== null && depth < MAX_NESTING && headerBrace(text, cursor.pos, lineEnd(text, cursor.pos)) !== -1) {
      cursor.pos = readChild(cursor.pos, indent, depth + 1);
      continue;
    }
    properties.push(readLenientEntry(cursor, indent ?? ''));
    const crossedLine = cursor.skipSpace();
    const next = cursor.peek();
    if (next === ',') cursor.pos++;
    else if (next !== '}' && next !== undefined && !crossedLine) fail('expected a new line after the value', cursor.pos);
  }
  return { properties, close: cursor.pos };
}

/** Reads `key: value`; a value that is no strict literal becomes its text, marked verbatim. */
function readLenientEntry(cursor: TextCursor, lineIndent: string): PropertyEntry {
  const { text } = cursor;
  const keyStart = cursor.pos;
  const ch = cursor.peek();
  let key: string;
  if (isIdentifierStart(ch)) {
    while (isIdentifierPart(cursor.peek()) || cursor.peek() === '-') cursor.pos++;
    key = text.slice(keyStart, cursor.pos);
  } else if ((ch === '"' || ch === "'") && !text.startsWith('"""', keyStart)) {
    key = readString(cursor);
  } else {
    fail('expected key: value', keyStart);
  }
  while (cursor.peek() === ' ' || cursor.peek() === '\t') cursor.pos++;
  if (cursor.peek() !== ':') fail(`expected : after ${key}`, cursor.pos);
  cursor.pos++;
  while (cursor.peek() === ' ' || cursor.peek() === '\t') cursor.pos++;
  const valueStart = cursor.pos;
  try {
    const value = readValue(cursor, 0);
    if (endsCleanly(text, cursor.pos)) return { key, value };
  } catch (error) {
    if (!(error instanceof MetascriptParseFailure)) throw error;
  }
  const end = isBlockScalar(text, valueStart) ? blockScalarEnd(text, valueStart, lineIndent.length) : expressionEnd(text, valueStart);
  const value = text.slice(valueStart, end).replace(/[ \t\r]+$/, '');
  if (value === '') fail(`expected a value after ${key}:`, valueStart);
  cursor.pos = valueStart + value.length;
  return { key, value, verbatim: true };
}

/** Whether only spaces, a comment, a comma, the block's `}` or the line's end follow a value. */
function endsCleanly(text: string, from: number): boolean {
  let i = from;
  while (isInlineSpace(text[i])) i++;
  const ch = text[i];
  return ch === undefined || ch === '\n' || ch === ',' || ch === '}' || (ch === '/' && (text[i + 1] === '/' || text[i + 1] === '*'));
}

/** A YAML block scalar: `|` or `>` with its chomping and indent marks, alone on its line. */
function isBlockScalar(text: string, start: number): boolean {
  return /^[|>][-+0-9]*[ \t]*\r?(\n|$)/.test(text.slice(start, start + 8));
}

/** Where a block scalar ends: after the last line indented deeper than its key. */
function blockScalarEnd(text: string, start: number, keyIndent: number): number {
  let end = lineEnd(text, start);
  let lineStart = end + 1;
  while (lineStart < text.length) {
    const lineStop = lineEnd(text, lineStart);
    const line = text.slice(lineStart, lineStop);
    const blank = line.trim() === '';
    if (!blank && line.length - line.trimStart().length <= keyIndent) break;
    if (!blank) end = lineStop;
    lineStart = lineStop + 1;
  }
  return end;
}

/**
 * Where a value written as an expression ends: at a comma, a line break or the block's `}`
 * outside any bracket or string. Brackets may span lines; one that never closes ends the
 * value at the end of the text, and the block then fails for want of its `}`.
 */
function expressionEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = ch === '`' ? templateEnd(text, i) : quotedEnd(text, i);
      // An unpaired quote is text, so that `say "hi` still reads.
      i = end === -1 ? i + 1 : end;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      if (depth === 0) return i;
      i = lineEnd(text, i);
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      i = blockCommentEnd(text, i);
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || (ch === '}' && depth > 0)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === '\n' || ch === ',' || ch === '}')) return i;
    i++;
  }
  return i;
}

/** The end of a JavaScript template literal, or one character when it never closes. */
function templateEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '`') return i + 1;
  }
  return start + 1;
}
