/**
 * Where a brace block ends when it is read leniently: braces are matched, skipping strings and
 * comments as the strict reader does, but a quote or a comment that never closes is taken as a
 * single character, and a block whose braces never balance runs to the end of the text.
 */
import { headerBrace } from './lenient-context';
import { lineEnd } from './text-cursor';

export interface BraceExtent {
  /** The offset where the block's closing line ends (before its line break), or the text's end. */
  readonly end: number;
  /** False when the braces never balance. */
  readonly balanced: boolean;
}

/**
 * Matches the braces of the block that opens with the `{` at `brace`. The block runs to the
 * end of the line where its braces balance, so a `} ELSE {` continues it.
 */
export function braceExtent(text: string, brace: number): BraceExtent {
  let depth = 0;
  let unpairedUntil = -1;
  // Once a `"` finds no partner before the end, no later one can: they are characters too.
  let doubleUnclosed = false;
  let i = brace;
  for (;;) {
    const ch = text[i];
    // Run to the end, the last line break stays after the block, as every block's does.
    if (ch === undefined) return { end: text.endsWith('\n') ? text.length - 1 : text.length, balanced: depth === 0 };
    if (ch === '\n' && depth === 0) return { end: i, balanced: true };
    if (ch === '{') {
      depth++;
      i++;
    } else if (ch === '}') {
      // A stray closer past the balance point belongs to the same line's text.
      if (depth > 0) depth--;
      i++;
    } else if ((ch === "'" && i >= unpairedUntil) || (ch === '"' && !doubleUnclosed && i >= unpairedUntil)) {
      const end = quotedEnd(text, i);
      if (end === -1) doubleUnclosed = true;
      // Once a quote on this line found no partner, the rest of its quotes are taken as
      // characters too, which keeps a line of unpaired quotes linear.
      if (end <= i + 1) unpairedUntil = lineEnd(text, i);
      i = Math.max(end, i + 1);
    } else if (ch === '/' && text[i + 1] === '/') {
      i = lineEnd(text, i);
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? i + 2 : close + 2;
    } else {
      i++;
    }
  }
}

const TRIPLE = '"""';

/**
 * The end of the string opening at `start`. A triple-quoted string may span lines, as may a
 * double-quoted one in TARS and F#, but not past a line that closes or opens a block, which a
 * string is not likely to hold; `'…'` must close on its line (else it is an apostrophe, or
 * F#'s `'a`). A quote that finds no partner is one character: `start + 1`, or -1 when the
 * text ran out first.
 */
export function quotedEnd(text: string, start: number): number {
  const triple = text.startsWith(TRIPLE, start);
  const quote = text[start];
  for (let i = start + (triple ? 3 : 1); i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' && (quote === "'" || endsString(text, i + 1))) return start + 1;
    if (ch === '\\' && !triple) i++;
    else if (triple ? text.startsWith(TRIPLE, i) : ch === quote) return i + (triple ? 3 : 1);
  }
  return -1;
}

/** Whether the line starting at `lineStart` is a block's `}` or a block's header. */
function endsString(text: string, lineStart: number): boolean {
  let first = lineStart;
  while (text[first] === ' ' || text[first] === '\t') first++;
  const stop = lineEnd(text, first);
  const line = text.slice(first, stop).trim();
  return line === '}' || (line.endsWith('{') && headerBrace(text, first, stop) !== -1);
}
