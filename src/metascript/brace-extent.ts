/**
 * Where a brace block ends when it is read leniently: braces are matched, skipping strings and
 * comments as the strict reader does, but a quote or a comment that never closes is taken as a
 * single character, and a block whose braces never balance runs to the end of the text.
 */
import { lineEnd } from './text-cursor';

export interface BraceExtent {
  /** The offset where the block's closing line ends (before its line break), or the text's end. */
  readonly end: number;
  /** False when the braces never balance. */
  readonly balanced: boolean;
}

/**
 * Matches the braces of the block whose header starts at `start` and opens with the first `{`
 * at or after `brace`. The block runs to the end of the line where its braces balance, so a
 * `} ELSE {` continues it.
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
      if (end === i + 1 && ch === '"') doubleUnclosed = true;
      // Once a quote on this line found no partner, the rest of its quotes are taken as
      // characters too, which keeps a line of unpaired quotes linear.
      if (end === i + 1) unpairedUntil = lineEnd(text, i);
      i = end;
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

/**
 * The end of the string opening at `start`: `"""…"""` may span lines, as may `"…"` in TARS and
 * F#; `'…'` must close on its line (else it is an apostrophe, or F#'s `'a`). A quote that never
 * closes is one character.
 */
export function quotedEnd(text: string, start: number): number {
  if (text.startsWith('"""', start)) {
    const close = text.indexOf('"""', start + 3);
    return close === -1 ? start + 1 : close + 3;
  }
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'" && ch === '\n') break;
    if (ch === '\\') i++;
    else if (ch === quote) return i + 1;
  }
  return start + 1;
}
