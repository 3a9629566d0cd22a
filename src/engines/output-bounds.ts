/**
 * Bounds on output: a flood keeps its beginning and its end, and what lies between is counted
 * instead of kept. The same bounder serves the engine, which keeps a run's output for the
 * download within KEPT_BOUNDS, and the page, which shows it within SHOWN_BOUNDS. Every write
 * costs time in proportion to its own size, never to the output so far, so a million of them
 * stay cheap. Pure: no DOM, no engine.
 */
import type { OmittedOutput, OutputChunk, StreamName } from './contract';

/** How much of an output's beginning and end is kept; a display bundle counts as one line. */
export interface OutputBounds {
  /** Line breaks kept from the beginning. */
  readonly headLines: number;
  /** Characters (UTF-16 code units) kept from the beginning. */
  readonly headChars: number;
  /** Line breaks kept at the end. */
  readonly tailLines: number;
  /** Characters kept at the end. */
  readonly tailChars: number;
}

/** Output with what was left out of it, if anything. */
export interface BoundedOutput {
  /** The kept chunks: the beginning, then the end; text is merged within each part, never across the gap. */
  readonly chunks: readonly OutputChunk[];
  /** What lay between the two parts, or null when nothing was left out. */
  readonly omitted: OmittedOutput | null;
}

/** What a cell shows: its first and last 1,000 lines, each part at most 64 KB. */
export const SHOWN_BOUNDS: OutputBounds = { headLines: 1000, headChars: 64 * 1024, tailLines: 1000, tailChars: 64 * 1024 };

/**
 * What an engine keeps of one run for the download: the first and the last 16 M characters
 * (16 MB of ASCII), whatever the lines. A million short lines come to about 7 MB.
 */
export const KEPT_BOUNDS: OutputBounds = { headLines: Infinity, headChars: 16 * 1024 * 1024, tailLines: Infinity, tailChars: 16 * 1024 * 1024 };

type TailPiece = { stream: StreamName; text: string; lines: number } | { readonly stream: 'display'; readonly chunk: OutputChunk };

/** Collects output within bounds; `view()` gives what is kept so far. */
export class OutputBounder {
  private readonly head: OutputChunk[] = [];
  private headLines = 0;
  private headChars = 0;
  /** Set once something could not go into the head: all later output goes to the tail. */
  private headClosed = false;
  private tail: TailPiece[] = [];
  /** The first piece still in the tail: the pieces before it were dropped. */
  private tailStart = 0;
  private tailLines = 0;
  private tailChars = 0;
  private gap = false;
  private omittedLines = 0;
  private omittedBytes = 0;
  private omittedDisplays = 0;
  /** Everything added, gaps aside: characters of text, and bundles. */
  private addedChars = 0;
  private addedDisplays = 0;
  /** Set once a gap left upstream was recorded. */
  private skipped = false;

  constructor(private readonly bounds: OutputBounds) {}

  /**
   * Whether this bounder was given exactly the output's chunks (output without a gap, and
   * nothing more): output arrives in order, so the same amount is the same output, and its view
   * can stand for bounding the output again.
   */
  holds(output: BoundedOutput): boolean {
    if (output.omitted !== null || this.skipped) return false;
    let chars = 0;
    let displays = 0;
    for (const chunk of output.chunks) {
      if (chunk.stream === 'display') displays += 1;
      else chars += chunk.text.length;
    }
    return chars === this.addedChars && displays === this.addedDisplays;
  }

  /** Adds a chunk after everything added so far. */
  add(chunk: OutputChunk): void {
    if (chunk.stream === 'display') this.addedDisplays += 1;
    else this.addedChars += chunk.text.length;
    if (chunk.stream === 'display') {
      if (!this.headClosed && this.headLines < this.bounds.headLines) {
        this.head.push(chunk);
        this.headLines += 1;
      } else {
        this.headClosed = true;
        this.tail.push({ stream: 'display', chunk });
        this.tailLines += 1;
        this.trimTail();
      }
      return;
    }
    if (chunk.text === '') return;
    const rest = this.headClosed ? chunk.text : this.addToHead(chunk.stream, chunk.text);
    if (rest !== '') this.addToTail(chunk.stream, rest);
  }

  /** Records a gap left upstream (an engine's own bounds) after everything added so far. */
  skip(omitted: OmittedOutput): void {
    this.skipped = true;
    this.headClosed = true;
    this.dropTail();
    this.gap = true;
    this.omittedLines += omitted.lines;
    this.omittedBytes += omitted.bytes;
    this.omittedDisplays += omitted.displays;
  }

  /** What is kept: the head's chunks are the same objects from one view to the next while the head is unchanged. */
  view(): BoundedOutput {
    const chunks = [...this.head];
    const at = chunks.length;
    const tail: OutputChunk[] = [];
    for (let index = this.tailStart; index < this.tail.length; index++) {
      const piece = this.tail[index];
      if (piece) appendChunk(tail, piece.stream === 'display' ? piece.chunk : { stream: piece.stream, text: piece.text });
    }
    if (!this.gap) {
      for (const chunk of tail) appendChunk(chunks, chunk);
      return { chunks, omitted: null };
    }
    chunks.push(...tail);
    return { chunks, omitted: { at, lines: this.omittedLines, bytes: this.omittedBytes, displays: this.omittedDisplays } };
  }

  /** Takes what fits of the text into the head, and returns the rest. */
  private addToHead(stream: StreamName, text: string): string {
    const room = Math.min(text.length, this.bounds.headChars - this.headChars);
    const { end, lines } = takeLines(text, this.bounds.headLines - this.headLines, room);
    if (end > 0) {
      appendChunk(this.head, { stream, text: end === text.length ? text : text.slice(0, end) });
      this.headLines += lines;
      this.headChars += end;
    }
    if (end < text.length) this.headClosed = true;
    return end === text.length ? '' : text.slice(end);
  }

  private addToTail(stream: StreamName, text: string): void {
    // Of a piece bigger than the whole tail, only its end can stay, and nothing before it.
    let keepFrom = Math.max(0, text.length - this.bounds.tailChars);
    if (Number.isFinite(this.bounds.tailLines)) keepFrom = Math.max(keepFrom, startOfLastLines(text, this.bounds.tailLines));
    if (keepFrom > 0) {
      this.dropTail();
      this.omitText(text.slice(0, keepFrom));
    }
    const kept = keepFrom > 0 ? text.slice(keepFrom) : text;
    const lines = countLines(kept);
    this.tail.push({ stream, text: kept, lines });
    this.tailLines += lines;
    this.tailChars += kept.length;
    this.trimTail();
  }

  /** Drops pieces, or the front of the first one, until the tail is within its bounds. */
  private trimTail(): void {
    const { tailLines, tailChars } = this.bounds;
    while (this.tailStart < this.tail.length && (this.tailLines > tailLines || this.tailChars > tailChars)) {
      const piece = this.tail[this.tailStart];
      if (!piece) break;
      if (piece.stream === 'display') {
        this.dropPiece();
        continue;
      }
      const extraLines = this.tailLines - tailLines;
      const extraChars = this.tailChars - tailChars;
      let cut = 0;
      if (extraLines > 0) cut = takeLines(piece.text, extraLines, piece.text.length).end;
      if (extraChars > cut) {
        // Cut at a line break where there is one, so that the end starts with a whole line.
        const lineEnd = piece.text.indexOf('\n', extraChars - 1);
        cut = lineEnd === -1 ? extraChars : lineEnd + 1;
      }
      if (cut >= piece.text.length) {
        this.dropPiece();
        continue;
      }
      const dropped = piece.text.slice(0, cut);
      const lines = countLines(dropped);
      this.omitText(dropped, lines);
      piece.text = piece.text.slice(cut);
      piece.lines -= lines;
      this.tailLines -= lines;
      this.tailChars -= cut;
    }
    // Dropped pieces are let go of now and then, not on every drop.
    if (this.tailStart > 1024 && this.tailStart * 2 > this.tail.length) {
      this.tail = this.tail.slice(this.tailStart);
      this.tailStart = 0;
    }
  }

  private dropPiece(): void {
    const piece = this.tail[this.tailStart];
    this.tailStart += 1;
    if (!piece) return;
    if (piece.stream === 'display') {
      this.gap = true;
      this.omittedDisplays += 1;
      this.tailLines -= 1;
      return;
    }
    this.omitText(piece.text, piece.lines);
    this.tailLines -= piece.lines;
    this.tailChars -= piece.text.length;
  }

  private dropTail(): void {
    while (this.tailStart < this.tail.length) this.dropPiece();
    this.tail = [];
    this.tailStart = 0;
  }

  private omitText(text: string, lines = countLines(text)): void {
    this.gap = true;
    this.omittedLines += lines;
    this.omittedBytes += utf8Length(text);
  }
}

/** A bounder that holds output which may already have a gap, such as an engine's final output. */
export function bounderOf(output: BoundedOutput, bounds: OutputBounds): OutputBounder {
  const bounder = new OutputBounder(bounds);
  output.chunks.forEach((chunk, index) => {
    if (output.omitted !== null && index === output.omitted.at) bounder.skip(output.omitted);
    bounder.add(chunk);
  });
  if (output.omitted !== null && output.omitted.at >= output.chunks.length) bounder.skip(output.omitted);
  return bounder;
}

/** Bounds output that may already have a gap. */
export function boundOutput(output: BoundedOutput, bounds: OutputBounds): BoundedOutput {
  return bounderOf(output, bounds).view();
}

/** Counts as `998,000`; made once, since a flood's notice is written again at every repaint and `toLocaleString` sets one up each call. */
const COUNT = new Intl.NumberFormat('en-US');

/** The line that stands for what was left out, such as `… 998,000 lines (6.7 MB) left out …`. */
export function omittedNotice(omitted: OmittedOutput): string {
  const parts = [`${COUNT.format(omitted.lines)} ${omitted.lines === 1 ? 'line' : 'lines'} (${formatBytes(omitted.bytes)})`];
  if (omitted.displays > 0) parts.push(`${COUNT.format(omitted.displays)} displayed ${omitted.displays === 1 ? 'output' : 'outputs'}`);
  return `… ${parts.join(' and ')} left out …`;
}

/**
 * The stdout and stderr text of output, with the notice on a line of its own where something
 * was left out; displayed bundles are not text, so they are left out of it.
 */
export function outputText(output: BoundedOutput): string {
  const text = (chunks: readonly OutputChunk[]) => chunks.map((chunk) => (chunk.stream === 'display' ? '' : chunk.text)).join('');
  if (output.omitted === null) return text(output.chunks);
  const head = text(output.chunks.slice(0, output.omitted.at));
  const tail = text(output.chunks.slice(output.omitted.at));
  return `${head}${head === '' || head.endsWith('\n') ? '' : '\n'}${omittedNotice(output.omitted)}\n${tail}`;
}

/**
 * Appends a chunk in place, merging text into the last chunk when that is text of the same
 * stream. Live output and a run's final output are merged alike, so both have the same shape.
 */
export function appendChunk(chunks: OutputChunk[], chunk: OutputChunk): void {
  const last = chunks.at(-1);
  if (chunk.stream !== 'display' && last !== undefined && last.stream === chunk.stream) {
    chunks[chunks.length - 1] = { stream: chunk.stream, text: last.text + chunk.text };
  } else {
    chunks.push(chunk);
  }
}

/**
 * The end of the longest start of `text[0, limit)` with at most `maxLines` line breaks, which
 * ends right after the last of them when it reaches that many; and its line breaks.
 */
function takeLines(text: string, maxLines: number, limit: number): { end: number; lines: number } {
  if (maxLines <= 0 || limit <= 0) return { end: 0, lines: 0 };
  let lines = 0;
  let from = 0;
  for (;;) {
    const next = text.indexOf('\n', from);
    if (next === -1 || next >= limit) return { end: limit, lines };
    lines += 1;
    from = next + 1;
    if (lines >= maxLines) return { end: from, lines };
  }
}

/** Where the part of the text with at most `maxLines` line breaks at its end begins. */
function startOfLastLines(text: string, maxLines: number): number {
  let position = text.length;
  // A break that ends the text ends its last line; the one before starts it.
  for (let seen = 0; seen <= maxLines; seen++) {
    if (position === 0) return 0;
    const found = text.lastIndexOf('\n', position - 1);
    if (found === -1) return 0;
    position = found;
  }
  return position + 1;
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}

// eslint-disable-next-line no-control-regex -- the ASCII range, control characters included
const NON_ASCII = /[^\u0000-\u007f]/;

/** The text's length in UTF-8, without encoding it; a lone surrogate counts as U+FFFD, as TextEncoder writes it. */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Bytes as `512 B`, `3.2 KB`, `6.7 MB`. */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
