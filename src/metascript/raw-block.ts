/**
 * Blocks of unknown kinds (FSHARP, PROMPT, AGENT, TRY, …), kept byte for byte. Their end is
 * found by brace matching that skips strings and comments, so nested blocks and braces in
 * strings such as `let x = "}"` stay inside.
 */
import { matchHeader, type ReadBlock } from './block-header';
import { fail } from './syntax-failure';
import { blockCommentEnd, identifierEnd, lineEnd } from './text-cursor';
import type { RawBlock } from './types';

const EXPECTED_BLOCK = 'expected a block such as PYTHON name {';

/**
 * Reads the unknown block whose keyword starts at `start`. Its header is the keyword followed
 * by anything up to a `{` on the same line (TARS writes `FOR x IN xs {`). The block runs to the
 * end of the line where its braces balance, so `} ELSE {…}` continues it.
 */
export function readRawBlock(text: string, start: number): ReadBlock<RawBlock> {
  const keywordEnd = identifierEnd(text, start);
  const headerEnd = lineEnd(text, start);
  let depth = 0;
  let opened = false;
  let unpairedUntil = -1;
  let i = keywordEnd;
  for (;;) {
    const ch = text[i];
    if (ch === undefined || (ch === '\n' && depth === 0)) {
      if (!opened) fail(EXPECTED_BLOCK, start);
      if (depth > 0) fail(`the ${text.slice(start, keywordEnd).toUpperCase()} block is never closed: its braces do not balance`, start);
      break;
    }
    if (ch === '{') {
      if (!opened && i > headerEnd) fail(EXPECTED_BLOCK, start);
      opened = true;
      depth++;
      i++;
    } else if (ch === '}') {
      if (depth === 0) fail('unmatched }', i);
      depth--;
      i++;
    } else if (ch === '"') {
      i = doubleQuotedEnd(text, i);
    } else if (ch === "'") {
      // Once a quote on this line found no partner, later ones are taken as apostrophes too,
      // which keeps a long line of unpaired quotes linear instead of quadratic.
      const end = i < unpairedUntil ? i + 1 : singleQuotedEnd(text, i);
      if (end === i + 1) unpairedUntil = lineEnd(text, i);
      i = end;
    } else if (ch === '/' && text[i + 1] === '/') {
      i = lineEnd(text, i);
    } else if (ch === '/' && text[i + 1] === '*') {
      i = blockCommentEnd(text, i);
    } else {
      i++;
    }
  }
  const header = matchHeader(text, start);
  return {
    block: {
      type: 'raw',
      kind: text.slice(start, keywordEnd).toUpperCase(),
      name: header === null ? null : header.name,
      text: text.slice(start, i),
    },
    end: i,
  };
}

/** `"…"` may span lines in TARS and F#; `"""…"""` is verbatim. */
function doubleQuotedEnd(text: string, start: number): number {
  if (text.startsWith('"""', start)) {
    const close = text.indexOf('"""', start + 3);
    if (close === -1) fail('unterminated string: missing """', start);
    return close + 3;
  }
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  fail('unterminated string: missing "', start);
}

/**
 * A `'` closed on the same line is a string; otherwise it is an apostrophe or an F# type
 * variable (`'a`), and only that one character is skipped.
 */
function singleQuotedEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') break;
    if (ch === '\\' && text[i + 1] !== '\n') i++;
    else if (ch === "'") return i + 1;
  }
  return start + 1;
}
