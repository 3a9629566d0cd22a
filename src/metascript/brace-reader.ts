/**
 * The lenient reader of the brace DSL and of Unified TRSX (SPEC §2: nothing is refused). Every
 * character lands in exactly one block, as with the strict reader, so an unedited document is
 * written back byte for byte. What the strict readers accept reads as they read it; what they
 * refuse becomes an inert block holding its exact text, with the error as a warning.
 *
 * - `program { … }` is a container: its header and closing lines are kept between blocks, and
 *   the blocks inside are read as if they stood at the top level, indented.
 * - Lines that are no block (prose, `title:` headers, a stray `}`) become inert text blocks;
 *   blank lines and `//`, `/* … *\/` and `#` comment lines are kept between blocks.
 */
import { isCodeKind, isPropertyKind, matchHeader, readHeader, type BlockHeader, type ReadBlock } from './block-header';
import { braceExtent } from './brace-extent';
import { readCodeBlock } from './code-block';
import { kindInfo, STRAY_TEXT, TRSX_HEADER, languageId, unreadInfo } from './inert-notes';
import { headerBrace, MAX_NESTING, newContext, type LenientContext } from './lenient-context';
import { readLenientPropertyBlock } from './lenient-properties';
import { readPropertyBlock } from './property-block';
import { MetascriptParseFailure } from './syntax-failure';
import { identifierEnd, lineEnd } from './text-cursor';
import type { Block, Dialect, MetascriptDocument, RawBlock } from './types';

const BYTE_ORDER_MARK = '\uFEFF';
const PROPERTY_LINE = /^\s*[A-Za-z_][\w-]*\s*:/;

/** Reads brace DSL or Unified TRSX text. Never throws. */
export function readBraceDocument(text: string, dialect: Extract<Dialect, 'brace' | 'unified'>): MetascriptDocument {
  const context = newContext(text, (start, indent, depth) => readBlockAt(context, start, indent, depth));
  const reader = new SequenceReader(context, dialect);
  reader.read(text.startsWith(BYTE_ORDER_MARK) ? 1 : 0, null);
  const blocks = reader.finish();
  const last = blocks.at(-1);
  const document: MetascriptDocument = last !== undefined && last.type !== 'trivia' && !text.endsWith('\n') ? { blocks, trailingNewline: false } : { blocks };
  return dialect === 'brace' ? document : { ...document, dialect };
}

/** Reads the block whose keyword starts at `start`, whose line starts with `indent`. Never throws. */
export function readBlockAt(context: LenientContext, start: number, indent: string, depth: number): ReadBlock<Block> {
  const { text } = context;
  const kind = text.slice(start, identifierEnd(text, start)).toUpperCase();
  const header = matchHeader(text, start);
  const brace = header?.brace ?? headerBrace(text, start, lineEnd(text, start));
  try {
    if (isCodeKind(kind)) return readCodeBlock(text, header ?? readHeader(text, start), kind, indent);
    if (isPropertyKind(kind)) return readProperties(context, header ?? readHeader(text, start), kind, depth);
  } catch (error) {
    if (!(error instanceof MetascriptParseFailure)) throw error;
    return unreadBlock(context, start, kind, header, brace, error);
  }
  const extent = braceExtent(text, brace);
  const info = kindInfo(kind);
  const block: RawBlock = {
    type: 'raw',
    kind,
    name: header?.name ?? null,
    text: text.slice(start, extent.end),
    inert: extent.balanced ? info : { ...info, warning: context.lines.at(start, `the ${kind} block is never closed: its braces do not balance`) },
  };
  // The body of a block in another language (F#, C#, …) is code, not blocks.
  const children = languageId(kind) === null ? nestedBlocks(context, brace, extent.end, depth + 1) : [];
  return { block: children.length > 0 ? { ...block, children } : block, end: extent.end };
}

function readProperties(context: LenientContext, header: BlockHeader, kind: Parameters<typeof readPropertyBlock>[2], depth: number) {
  try {
    return readPropertyBlock(context.text, header, kind);
  } catch (strict) {
    if (!(strict instanceof MetascriptParseFailure)) throw strict;
    try {
      return readLenientPropertyBlock(context, header, kind, depth);
    } catch (lenient) {
      // The strict reader's error is the one a writer of the format knows.
      throw lenient instanceof MetascriptParseFailure ? strict : lenient;
    }
  }
}

/** A known kind that did not read: its text, to where its braces balance, with the error. */
function unreadBlock(context: LenientContext, start: number, kind: string, header: BlockHeader | null, brace: number, failure: MetascriptParseFailure): ReadBlock<RawBlock> {
  const extent = braceExtent(context.text, brace);
  const warning = context.lines.at(failure.offset, failure.message);
  return {
    block: { type: 'raw', kind, name: header?.name ?? null, text: context.text.slice(start, extent.end), inert: unreadInfo(warning, kind === 'PYTHON' ? 'python' : null) },
    end: extent.end,
  };
}

/** The blocks that start lines inside a block's body, between its `{` and `end`. */
function nestedBlocks(context: LenientContext, brace: number, end: number, depth: number): Block[] {
  if (depth > MAX_NESTING) return [];
  const { text } = context;
  const children: Block[] = [];
  let pos = lineEnd(text, brace) + 1;
  while (pos < end) {
    const stop = lineEnd(text, pos);
    let first = pos;
    while (text[first] === ' ' || text[first] === '\t') first++;
    if (headerBrace(text, first, stop) === -1) {
      pos = stop + 1;
      continue;
    }
    const child = context.readBlockAt(first, text.slice(pos, first), depth);
    if (child.end > end) break;
    children.push(child.block);
    pos = child.end + 1;
  }
  return children;
}

/** Reads lines into blocks, keeping the text between them as trivia, through containers. */
class SequenceReader {
  private readonly blocks: Block[] = [];
  private triviaStart = 0;
  private strayStart = -1;
  private strayEnd = -1;

  constructor(
    private readonly context: LenientContext,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Reads lines from `from`, a line start. Inside a container (`closeIndent` set) it stops at
   * the container's closing line and returns that line's start; otherwise at the end.
   */
  read(from: number, closeIndent: string | null): number {
    const { text } = this.context;
    let pos = from;
    while (pos < text.length) {
      const stop = lineEnd(text, pos);
      let first = pos;
      while (text[first] === ' ' || text[first] === '\t') first++;
      const rest = text.slice(first, stop).trimEnd();
      if (rest === '') {
        this.endStray();
        pos = stop + 1;
        continue;
      }
      if (closeIndent !== null && rest === '}' && first - pos <= closeIndent.length) {
        this.endStray();
        return pos;
      }
      if (rest.startsWith('//') || rest.startsWith('#')) {
        this.endStray();
        pos = stop + 1;
        continue;
      }
      if (rest.startsWith('/*')) {
        const close = text.indexOf('*/', first + 2);
        if (close !== -1) {
          this.endStray();
          pos = lineEnd(text, close) + 1;
          continue;
        }
      }
      // At the top level a block starts at column 0, as the strict reader has it; inside a
      // container its blocks are indented.
      const brace = closeIndent === null && first > pos ? -1 : headerBrace(text, first, stop);
      if (brace === -1) {
        this.addStray(pos, stop);
        pos = stop + 1;
        continue;
      }
      this.endStray();
      if (this.isContainer(first, brace, stop)) {
        const close = this.read(stop + 1, text.slice(pos, first));
        pos = close >= text.length ? text.length : lineEnd(text, close) + 1;
        continue;
      }
      this.pushTrivia(first);
      const { block, end } = this.context.readBlockAt(first, text.slice(pos, first), 0);
      this.blocks.push(block);
      pos = Math.min(end + 1, text.length);
      this.triviaStart = pos;
    }
    this.endStray();
    return text.length;
  }

  /** The blocks read, the text after the last one included. */
  finish(): Block[] {
    this.endStray();
    this.pushTrivia(this.context.text.length);
    return this.blocks;
  }

  /** `program {` alone on its line, whose body is blocks. */
  private isContainer(first: number, brace: number, stop: number): boolean {
    const { text } = this.context;
    return text.slice(first, identifierEnd(text, first)).toLowerCase() === 'program' && text.slice(brace + 1, stop).trim() === '';
  }

  private addStray(lineStart: number, stop: number): void {
    if (this.strayStart === -1) this.strayStart = lineStart;
    this.strayEnd = stop;
  }

  /** Lines that are no block become one inert text block. */
  private endStray(): void {
    if (this.strayStart === -1) return;
    const { text } = this.context;
    this.pushTrivia(this.strayStart);
    const stray = text.slice(this.strayStart, this.strayEnd);
    const header = this.dialect === 'unified' && stray.split('\n').every((line) => PROPERTY_LINE.test(line));
    this.blocks.push({ type: 'raw', kind: header ? 'HEADER' : 'TEXT', name: null, text: stray, inert: header ? TRSX_HEADER : STRAY_TEXT });
    this.triviaStart = Math.min(this.strayEnd + 1, text.length);
    this.strayStart = -1;
  }

  private pushTrivia(upTo: number): void {
    if (upTo > this.triviaStart) this.blocks.push({ type: 'trivia', text: this.context.text.slice(this.triviaStart, upTo) });
    this.triviaStart = Math.max(this.triviaStart, upTo);
  }
}
