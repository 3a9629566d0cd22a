/**
 * What the lenient readers share while they read one document: the text, its line index for
 * warnings, and how deep blocks are nested, so that a hostile document cannot overflow the stack.
 */
import type { ReadBlock } from './block-header';
import { LineIndex } from './line-index';
import { identifierEnd, isIdentifierStart } from './text-cursor';
import type { Block } from './types';

/** Nested blocks deeper than this are kept inside their parent's text, unread. */
export const MAX_NESTING = 64;

export interface LenientContext {
  readonly text: string;
  readonly lines: LineIndex;
  /** Reads the block whose keyword starts at `start`; never throws. */
  readonly readBlockAt: (start: number, indent: string, depth: number) => ReadBlock<Block>;
}

export function newContext(text: string, readBlockAt: LenientContext['readBlockAt']): LenientContext {
  return { text, lines: new LineIndex(text), readBlockAt };
}

/**
 * The offset of the `{` that opens a block whose keyword starts at `start`, on the same line
 * (before `lineEnd`), or -1 when the line is no block header: `key: value` lines are not.
 */
export function headerBrace(text: string, start: number, lineEnd: number): number {
  if (!isIdentifierStart(text[start])) return -1;
  let i = identifierEnd(text, start);
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === ':') return -1;
  const brace = text.indexOf('{', i);
  return brace !== -1 && brace < lineEnd ? brace : -1;
}

/** The whitespace from the start of the line holding `offset` up to it, or null when text comes first. */
export function indentBefore(text: string, offset: number): string | null {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\uFEFF' ? text.slice(i, offset) : null;
}
