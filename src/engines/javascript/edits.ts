/**
 * Applies text edits to source code and maps positions in the result back to the source, so
 * that errors in rewritten code point at what the user wrote.
 */

/** Replaces `source.slice(start, end)` with `text`; start === end inserts. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Maps a 1-based line and column of the rewritten code to the original. */
export type PositionMap = (line: number, column: number) => { line: number; column: number };

interface Segment {
  readonly generated: number;
  readonly original: number;
  readonly length: number;
}

export function applyEdits(source: string, edits: readonly Edit[]): { code: string; map: PositionMap } {
  // At one position, insertions go before a replacement; otherwise edits keep the order they
  // were made in.
  const isInsertion = (edit: Edit) => (edit.start === edit.end ? 0 : 1);
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || isInsertion(a.edit) - isInsertion(b.edit) || a.index - b.index);
  const pieces: string[] = [];
  const segments: Segment[] = [];
  let cursor = 0;
  let length = 0;
  for (const { edit } of ordered) {
    if (edit.start < cursor) continue; // overlapping replacements cannot both apply; the first wins
    const kept = source.slice(cursor, edit.start);
    segments.push({ generated: length, original: cursor, length: kept.length });
    pieces.push(kept, edit.text);
    length += kept.length + edit.text.length;
    cursor = edit.end;
  }
  segments.push({ generated: length, original: cursor, length: source.length - cursor });
  pieces.push(source.slice(cursor));
  const code = pieces.join('');
  const generatedLines = lineStarts(code);
  const originalLines = lineStarts(source);
  const map: PositionMap = (line, column) => {
    const offset = (generatedLines[line - 1] ?? code.length) + column - 1;
    return positionOf(originalLines, originalOffset(segments, offset));
  };
  return { code, map };
}

function originalOffset(segments: readonly Segment[], offset: number): number {
  let previous: Segment | undefined;
  for (const segment of segments) {
    if (offset < segment.generated) break;
    previous = segment;
  }
  if (!previous) return 0;
  // Past the end of a copied span means inside inserted text: point at where it was inserted.
  return previous.original + Math.min(offset - previous.generated, previous.length);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let line = 0;
  while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= offset) line++;
  return { line: line + 1, column: offset - (starts[line] ?? 0) + 1 };
}
