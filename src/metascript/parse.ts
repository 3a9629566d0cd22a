/**
 * The `.tars` parser (SPEC §2). Every character of the input lands in exactly one block, so
 * `serializeMetascript(parseMetascript(text).document)` gives back `text` byte for byte.
 */
import { isCodeKind, isPropertyKind, readHeader, type ReadBlock } from './block-header';
import { readCodeBlock } from './code-block';
import { readPropertyBlock } from './property-block';
import { readRawBlock } from './raw-block';
import { fail, MetascriptParseFailure, toSyntaxError } from './syntax-failure';
import { blockCommentEnd, identifierEnd, isIdentifierStart, lineEnd } from './text-cursor';
import type { Block, MetascriptDocument, ParseResult } from './types';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Parses `.tars` text into blocks. Never throws: malformed text gives `ok: false` with a
 * 1-based line and column. Text between blocks becomes `TriviaBlock`s; a block's text runs from
 * its header to the end of its closing line, and the line break after it is implied.
 */
export function parseMetascript(text: string): ParseResult {
  try {
    return { ok: true, document: readDocument(text) };
  } catch (error) {
    if (error instanceof MetascriptParseFailure) return { ok: false, error: toSyntaxError(text, error) };
    throw error;
  }
}

function readDocument(text: string): MetascriptDocument {
  const blocks: Block[] = [];
  // A byte-order mark from a Windows editor is kept as trivia, not taken for stray text.
  let pos = text.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
  let triviaStart = 0;
  while (pos < text.length) {
    if (!isIdentifierStart(text[pos])) {
      pos = triviaLineEnd(text, pos);
      continue;
    }
    if (pos > triviaStart) blocks.push({ type: 'trivia', text: text.slice(triviaStart, pos) });
    const { block, end } = readBlock(text, pos);
    blocks.push(block);
    pos = Math.min(end + 1, text.length);
    triviaStart = pos;
  }
  if (pos > triviaStart) blocks.push({ type: 'trivia', text: text.slice(triviaStart, pos) });
  const last = blocks.at(-1);
  const endsInBlock = last !== undefined && last.type !== 'trivia';
  return endsInBlock && !text.endsWith('\n') ? { blocks, trailingNewline: false } : { blocks };
}

function readBlock(text: string, start: number): ReadBlock<Block> {
  const kind = text.slice(start, identifierEnd(text, start)).toUpperCase();
  if (isCodeKind(kind)) return readCodeBlock(text, readHeader(text, start), kind);
  if (isPropertyKind(kind)) return readPropertyBlock(text, readHeader(text, start), kind);
  return readRawBlock(text, start);
}

/**
 * Checks one line between blocks, starting at `start`, and returns where the next line starts.
 * Blank lines, comments and indented text are trivia; anything else at column 0 is an error,
 * because it is most likely a block whose header is mistyped.
 */
function triviaLineEnd(text: string, start: number): number {
  const first = text[start];
  const opensComment = first === '/' && (text[start + 1] === '/' || text[start + 1] === '*');
  if (first === '}') fail('unmatched }', start);
  if (first !== ' ' && first !== '\t' && first !== '\r' && first !== '\n' && !opensComment) {
    fail('expected a block such as PYTHON name {', start);
  }
  let i = start;
  for (;;) {
    const ch = text[i];
    if (ch === undefined) return i;
    if (ch === '\n') return i + 1;
    if (ch === '/' && text[i + 1] === '/') i = lineEnd(text, i);
    else if (ch === '/' && text[i + 1] === '*') i = blockCommentEnd(text, i);
    else i++;
  }
}
