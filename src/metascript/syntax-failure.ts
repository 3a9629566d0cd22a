/**
 * How the readers report a syntax error. They throw `MetascriptParseFailure` from deep inside a
 * recursive read, and `parseMetascript` turns it into a `MetascriptSyntaxError` value, so the
 * public API never throws.
 */
import type { MetascriptSyntaxError } from './types';

/** A syntax error at a character offset; internal to the parser. */
export class MetascriptParseFailure extends Error {
  override readonly name = 'MetascriptParseFailure';
  /** The offset into the source text of the character the error points at. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** Aborts the current read with a syntax error at `offset`. */
export function fail(message: string, offset: number): never {
  throw new MetascriptParseFailure(message, offset);
}

/**
 * The 1-based line and column of `offset`. Columns count UTF-16 code units, as editors built on
 * JavaScript strings do. Only called once per failed parse, so a linear scan is fine.
 */
export function toSyntaxError(text: string, failure: MetascriptParseFailure): MetascriptSyntaxError {
  const offset = Math.min(Math.max(failure.offset, 0), text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { message: failure.message, line, column: offset - lineStart + 1 };
}
