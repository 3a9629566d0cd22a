/**
 * Quoted strings in property values: `"…"` and `'…'` with backslash escapes on one line, and
 * verbatim `"""…"""` across lines.
 */
import { fail } from './syntax-failure';
import type { TextCursor } from './text-cursor';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** Reads a quoted string; `"""…"""` is verbatim and may span lines, the others may not. */
export function readString(cursor: TextCursor): string {
  const { text } = cursor;
  const start = cursor.pos;
  if (text.startsWith('"""', start)) {
    const close = text.indexOf('"""', start + 3);
    if (close === -1) fail('unterminated string: missing """', start);
    cursor.pos = close + 3;
    return text.slice(start + 3, close);
  }
  const quote = text[start];
  let value = '';
  let chunkStart = start + 1;
  for (let i = chunkStart; ; ) {
    const ch = text[i];
    if (ch === undefined || ch === '\n') fail(`unterminated string: missing ${quote ?? ''}`, start);
    if (ch === quote) {
      cursor.pos = i + 1;
      return value + text.slice(chunkStart, i);
    }
    if (ch !== '\\') {
      i++;
      continue;
    }
    value += text.slice(chunkStart, i);
    const [decoded, length] = readEscape(text, i);
    value += decoded;
    i += length;
    chunkStart = i;
  }
}

/**
 * Decodes the escape at `start` (a backslash) into its text and source length. An unknown
 * escape such as `\U` in a Windows path stays as written rather than failing the whole file.
 */
function readEscape(text: string, start: number): [string, number] {
  const ch = text[start + 1];
  if (ch === undefined || ch === '\n') fail('unterminated string', start);
  const simple = SIMPLE_ESCAPES[ch];
  if (simple !== undefined) return [simple, 2];
  if (ch === 'u') {
    if (text[start + 2] === '{') {
      const close = text.indexOf('}', start + 3);
      const hex = close === -1 ? '' : text.slice(start + 3, close);
      const code = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (code <= 0x10ffff) return [String.fromCodePoint(code), close - start + 1];
    } else {
      const hex = text.slice(start + 2, start + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), 6];
    }
    return ['\\u', 2];
  }
  if (ch === '\\' || ch === '"' || ch === "'" || ch === '/') return [ch, 2];
  return ['\\' + ch, 2];
}
