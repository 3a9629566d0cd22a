/**
 * Character classes and a cursor over the source text, shared by the block and value readers.
 */
import { fail } from './syntax-failure';

/** Whether `ch` may start a keyword, a block name or a bare property key. */
export function isIdentifierStart(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_');
}

/** Whether `ch` may continue a keyword or a block name. */
export function isIdentifierPart(ch: string | undefined): boolean {
  return isIdentifierStart(ch) || isDigit(ch);
}

/** Whether `ch` is an ASCII digit. */
export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Spaces inside a line; `\r` counts so that CRLF text reads like LF text. */
export function isInlineSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r';
}

/** The offset just past the identifier that starts at `start` (which must be an identifier start). */
export function identifierEnd(text: string, start: number): number {
  let i = start + 1;
  while (isIdentifierPart(text[i])) i++;
  return i;
}

/** The offset of the line break that ends the line holding `offset`, or the text's length. */
export function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/** The offset just past the `*` + `/` that closes the block comment opening at `start`. */
export function blockCommentEnd(text: string, start: number): number {
  const close = text.indexOf('*/', start + 2);
  if (close === -1) fail('unterminated /* comment', start);
  return close + 2;
}

/** A read position in the source text. */
export class TextCursor {
  readonly text: string;
  pos: number;

  constructor(text: string, pos: number) {
    this.text = text;
    this.pos = pos;
  }

  /** The character `ahead` places past the position, or undefined past the end. */
  peek(ahead = 0): string | undefined {
    return this.text[this.pos + ahead];
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Whether the position is the first column of a line. */
  atLineStart(): boolean {
    return this.pos === 0 || this.text[this.pos - 1] === '\n';
  }

  /**
   * Skips whitespace, line breaks and comments. Reports whether it crossed a line break, because
   * a line break separates entries the way a comma does.
   */
  skipSpace(): boolean {
    let crossedLine = false;
    for (;;) {
      const ch = this.text[this.pos];
      if (isInlineSpace(ch)) {
        this.pos++;
      } else if (ch === '\n') {
        crossedLine = true;
        this.pos++;
      } else if (ch === '/' && this.text[this.pos + 1] === '/') {
        this.pos = lineEnd(this.text, this.pos);
      } else if (ch === '/' && this.text[this.pos + 1] === '*') {
        const end = blockCommentEnd(this.text, this.pos);
        if (this.text.slice(this.pos, end).includes('\n')) crossedLine = true;
        this.pos = end;
      } else {
        return crossedLine;
      }
    }
  }
}
