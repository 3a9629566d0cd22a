/**
 * Block headers: `KIND [name] {` at column 0, the keyword matched case-insensitively.
 */
import { fail } from './syntax-failure';
import { identifierEnd, isIdentifierStart } from './text-cursor';
import type { CodeKind, PropertyKind } from './types';

/** A header that matched `KIND [name] {`. */
export interface BlockHeader {
  /** The keyword in upper case. */
  readonly kind: string;
  readonly name: string | null;
  /** True for `KIND name (binary) {`: a WASM block whose body is a base64 module. */
  readonly binary: boolean;
  /** Offset of the keyword's first character, at column 0. */
  readonly start: number;
  /** Offset of the opening brace. */
  readonly brace: number;
}

/** A block read from the source, and the offset where its closing line ends (before the `\n`). */
export interface ReadBlock<B> {
  readonly block: B;
  readonly end: number;
}

/** Whether an upper-cased keyword names a code block. */
export function isCodeKind(kind: string): kind is CodeKind {
  return kind === 'PYTHON' || kind === 'JAVASCRIPT' || kind === 'WASM' || kind === 'MARKDOWN';
}

/** Whether an upper-cased keyword names a property block. */
export function isPropertyKind(kind: string): kind is PropertyKind {
  return kind === 'DESCRIBE' || kind === 'CONFIG' || kind === 'VARIABLE' || kind === 'ACTION';
}

/** The marker of a block whose body is a binary module in base64. */
export const BINARY_MARKER = '(binary)';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The header's first line as the serializer writes it; a name that is not a bare word is quoted. */
export function printHeader(kind: string, name: string | null, binary = false): string {
  const marker = binary ? ` ${BINARY_MARKER}` : '';
  if (name === null) return `${kind}${marker} {`;
  return `${kind} ${IDENTIFIER.test(name) ? name : JSON.stringify(name)}${marker} {`;
}

function skipBlanks(text: string, i: number): number {
  let at = i;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

/**
 * Matches `KIND [name] {` at `start`, where an identifier starts. Returns null when the line
 * has another shape, which only known kinds treat as an error.
 */
export function matchHeader(text: string, start: number): BlockHeader | null {
  const keywordEnd = identifierEnd(text, start);
  let i = skipBlanks(text, keywordEnd);
  let name: string | null = null;
  if (i > keywordEnd && isIdentifierStart(text[i])) {
    const nameEnd = identifierEnd(text, i);
    name = text.slice(i, nameEnd);
    i = skipBlanks(text, nameEnd);
  } else if (i > keywordEnd && text[i] === '"') {
    // Unified TRSX quotes its names: METASCRIPT "nightly report" {
    const close = quotedNameEnd(text, i);
    if (close === -1) return null;
    name = text.slice(i + 1, close);
    i = skipBlanks(text, close + 1);
  }
  let binary = false;
  if (i > keywordEnd && text.startsWith(BINARY_MARKER, i)) {
    binary = true;
    i = skipBlanks(text, i + BINARY_MARKER.length);
  }
  if (text[i] !== '{') return null;
  return { kind: text.slice(start, keywordEnd).toUpperCase(), name, binary, start, brace: i };
}

/** The offset of the `"` closing a quoted name on the header's line, or -1. */
function quotedNameEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') return i;
    if (ch === '\n' || ch === '\\') return -1;
  }
  return -1;
}

/** Like `matchHeader`, for a known kind, whose header must have the strict shape. */
export function readHeader(text: string, start: number): BlockHeader {
  const header = matchHeader(text, start);
  if (header !== null) return header;
  const keywordEnd = identifierEnd(text, start);
  let i = skipBlanks(text, keywordEnd);
  if (isIdentifierStart(text[i])) i = skipBlanks(text, identifierEnd(text, i));
  const keyword = text.slice(start, keywordEnd).toUpperCase();
  fail(`expected { to open the ${keyword} block (a block name is letters, digits and _)`, i);
}
