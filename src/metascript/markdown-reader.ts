/**
 * Markdown metascripts as a dialect of their own (SPEC §2): a `# Title`, prose, and fenced
 * blocks. Fences tagged python/py, javascript/js or wat are cells, named by the info string's
 * second word; a ```tars fence holds brace blocks; every other fence (yaml, fsharp, bash, json,
 * untagged, …) and `---` front matter is an inert block. Prose between fences is MARKDOWN cells.
 * Every character lands in one block or in the blank lines between them, so an unedited
 * document is written back byte for byte.
 */
import { readBraceDocument } from './brace-reader';
import { FRONT_MATTER, fenceInfo } from './inert-notes';
import { LineIndex } from './line-index';
import { closesFence, printFence, readFenceOpening, stripFenceIndent, type FenceOpening } from './markdown-fence';
import { lineEnd } from './text-cursor';
import type { Block, CodeBlock, CodeKind, MetascriptDocument } from './types';

/** Fence languages that become cells; the info string's first word is matched in lower case. */
export const CELL_LANGUAGES: ReadonlyMap<string, CodeKind> = new Map([
  ['python', 'PYTHON'],
  ['py', 'PYTHON'],
  ['javascript', 'JAVASCRIPT'],
  ['js', 'JAVASCRIPT'],
  ['wat', 'WASM'],
]);

/** The fence language each kind of cell is written with. */
const FENCE_LANGUAGE: Record<Exclude<CodeKind, 'MARKDOWN'>, string> = { PYTHON: 'python', JAVASCRIPT: 'javascript', WASM: 'wat' };

/**
 * Written between two MARKDOWN cells in a row, which would otherwise read back as one. It is an
 * HTML comment, so Markdown viewers show nothing.
 */
export const CELL_BREAK = '<!-- cell -->';

const BYTE_ORDER_MARK = '\uFEFF';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads a Markdown metascript. Never throws. */
export function readMarkdownDocument(text: string): MetascriptDocument {
  const reader = new MarkdownReader(text);
  const blocks = reader.read();
  const last = blocks.at(-1);
  return last !== undefined && last.type !== 'trivia' && !text.endsWith('\n') ? { blocks, trailingNewline: false, dialect: 'markdown' } : { blocks, dialect: 'markdown' };
}

/** A cell as a fence, or prose as itself: how a Markdown-style block is written. */
export function printMarkdownBlock(block: CodeBlock): string {
  if (block.kind === 'MARKDOWN') return block.code;
  const language = FENCE_LANGUAGE[block.kind];
  return printFence(block.name === null ? language : `${language} ${block.name}`, block.code);
}

/** The cell's name in a fence's info string: its second word, when that is an identifier. */
function fenceName(opening: FenceOpening): string | null {
  return opening.label !== null && IDENTIFIER.test(opening.label) ? opening.label : null;
}

/** The offset of the first character of the line that is not white space, or `stop`. */
function firstVisible(text: string, start: number, stop: number): number {
  let i = start;
  while (i < stop && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  return i;
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

class MarkdownReader {
  private readonly blocks: Block[] = [];
  private triviaStart = 0;
  private proseStart = -1;
  private proseEnd = -1;
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  read(): Block[] {
    const { text } = this;
    let pos = text.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
    pos = this.frontMatter(pos);
    while (pos < text.length) {
      const stop = lineEnd(text, pos);
      const first = firstVisible(text, pos, stop);
      const ch = text[first];
      // Most lines are prose: only a line that starts like a fence or a cell break is looked at closer.
      const opening = (ch === '`' || ch === '~') && first - pos <= 3 ? readFenceOpening(withoutCarriageReturn(text.slice(pos, stop))) : null;
      if (opening !== null) {
        this.endProse();
        pos = this.fence(pos, stop, opening);
      } else if (ch === '<' && text.slice(first, stop).trim() === CELL_BREAK) {
        this.endProse();
        pos = stop + 1;
      } else if (first === stop) {
        // Blank lines inside prose belong to it; those after its last line stay between blocks.
        pos = stop + 1;
      } else {
        if (this.proseStart === -1) this.proseStart = pos;
        this.proseEnd = stop;
        pos = stop + 1;
      }
    }
    this.endProse();
    this.pushTrivia(text.length);
    return this.blocks;
  }

  /** `---` on the first line opens YAML front matter, closed by `---` or `...`. */
  private frontMatter(from: number): number {
    const { text } = this;
    const first = lineEnd(text, from);
    if (withoutCarriageReturn(text.slice(from, first)) !== '---') return from;
    let pos = first + 1;
    while (pos < text.length) {
      const stop = lineEnd(text, pos);
      const line = withoutCarriageReturn(text.slice(pos, stop));
      if (line === '---' || line === '...') {
        this.pushTrivia(from);
        this.blocks.push({ type: 'raw', kind: 'FRONTMATTER', name: null, text: text.slice(from, stop), inert: FRONT_MATTER });
        this.triviaStart = Math.min(stop + 1, text.length);
        return this.triviaStart;
      }
      pos = stop + 1;
    }
    // Never closed: it is a thematic break, and prose.
    return from;
  }

  /** Reads the fenced block whose opening line runs from `start` to `stop`; returns the next line's start. */
  private fence(start: number, stop: number, opening: FenceOpening): number {
    const { text } = this;
    // An unclosed fence runs to the end of the file, as in CommonMark.
    let closeStart = text.length;
    let closeStop = text.endsWith('\n') ? text.length - 1 : text.length;
    const contentLines: string[] = [];
    let pos = stop + 1;
    while (pos < text.length) {
      const lineStop = lineEnd(text, pos);
      const line = withoutCarriageReturn(text.slice(pos, lineStop));
      const ch = text[firstVisible(text, pos, lineStop)];
      if (ch === opening.marker[0] && closesFence(line, opening)) {
        closeStart = pos;
        closeStop = lineStop;
        break;
      }
      contentLines.push(stripFenceIndent(line, opening.indent));
      pos = lineStop + 1;
    }
    const end = Math.max(closeStop, stop);
    const source = text.slice(start, end);
    const next = Math.min(end + 1, text.length);
    const kind = CELL_LANGUAGES.get(opening.language);
    if (kind !== undefined) {
      const cell: CodeBlock = { type: 'code', kind, name: fenceName(opening), code: contentLines.join('\n'), style: 'markdown' };
      this.push(printMarkdownBlock(cell) === source ? cell : { ...cell, raw: source }, start, next);
      return next;
    }
    if (opening.language === 'tars' && opening.indent === 0 && closeStart < text.length) {
      this.tarsFence(stop + 1, closeStart);
      return next;
    }
    const tag = opening.language;
    this.push({ type: 'raw', kind: tag === '' ? 'TEXT' : tag.toUpperCase(), name: null, text: source, inert: fenceInfo(tag) }, start, next);
    return next;
  }

  /** A ```tars fence: its fence lines stay between blocks, and the brace blocks inside are read. */
  private tarsFence(contentStart: number, contentEnd: number): void {
    const inner = readBraceDocument(this.text.slice(contentStart, contentEnd), 'brace');
    const lineOffset = this.lines.at(contentStart, '').line - 1;
    this.pushTrivia(contentStart);
    for (const block of inner.blocks) {
      if (block.type === 'raw' && block.inert?.warning) {
        const { warning } = block.inert;
        this.blocks.push({ ...block, inert: { ...block.inert, warning: { ...warning, line: warning.line + lineOffset } } });
      } else {
        this.blocks.push(block);
      }
    }
    // The content ends with a line break, so the brace blocks' implied line breaks are all there.
    this.triviaStart = contentEnd;
  }

  private endProse(): void {
    if (this.proseStart === -1) return;
    const source = this.text.slice(this.proseStart, this.proseEnd);
    const code = source.split('\n').map(withoutCarriageReturn).join('\n');
    const cell: CodeBlock = { type: 'code', kind: 'MARKDOWN', name: null, code, style: 'markdown' };
    this.push(code === source ? cell : { ...cell, raw: source }, this.proseStart, Math.min(this.proseEnd + 1, this.text.length));
    this.proseStart = -1;
  }

  private push(block: Block, start: number, next: number): void {
    this.pushTrivia(start);
    this.blocks.push(block);
    this.triviaStart = next;
  }

  private pushTrivia(upTo: number): void {
    if (upTo > this.triviaStart) this.blocks.push({ type: 'trivia', text: this.text.slice(this.triviaStart, upTo) });
    this.triviaStart = Math.max(this.triviaStart, upTo);
  }
}

