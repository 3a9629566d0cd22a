/**
 * Offsets to 1-based lines and columns, for the warnings of a document that may hold many:
 * the line starts are found once, and each position is a binary search.
 */
import type { MetascriptSyntaxError } from './types';

export class LineIndex {
  private starts: number[] | null = null;

  constructor(private readonly text: string) {}

  /** The warning `message` at `offset`; columns count UTF-16 code units, as editors do. */
  at(offset: number, message: string): MetascriptSyntaxError {
    const starts = this.lineStarts();
    const clamped = Math.min(Math.max(offset, 0), this.text.length);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= clamped) low = middle;
      else high = middle - 1;
    }
    return { message, line: low + 1, column: clamped - (starts[low] ?? 0) + 1 };
  }

  private lineStarts(): number[] {
    if (this.starts !== null) return this.starts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    return starts;
  }
}
