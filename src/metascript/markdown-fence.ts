/**
 * Fenced code blocks in Markdown, as CommonMark defines them: how a fence opens and closes, and
 * how to write one that the code inside cannot close early.
 */

/** A line that opens a fenced code block. */
export interface FenceOpening {
  /** The fence characters as written, e.g. ``` or ~~~~. */
  readonly marker: string;
  /** Spaces before the opening fence; each content line loses up to this many. */
  readonly indent: number;
  /** The info string's first word in lower case, or '' when there is none. */
  readonly language: string;
  /** The info string's second word (```python area), or null. */
  readonly label: string | null;
}

// Four spaces of indent would make an indented code block, not a fence.
const OPENING = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** Reads `line` as an opening fence, or returns null when it is not one. */
export function readFenceOpening(line: string): FenceOpening | null {
  const match = OPENING.exec(line);
  if (match === null) return null;
  const [, indent = '', marker = '', info = ''] = match;
  // A backtick in the info string means the line is inline code, such as ```a` b```.
  if (marker.startsWith('`') && info.includes('`')) return null;
  const [language = '', label] = info.trim().split(/\s+/);
  return { marker, indent: indent.length, language: language.toLowerCase(), label: label ?? null };
}

/** Whether `line` closes the fence that `opening` opened: the same character, at least as many. */
export function closesFence(line: string, opening: FenceOpening): boolean {
  const marker = CLOSING.exec(line)?.[1];
  return marker !== undefined && marker[0] === opening.marker[0] && marker.length >= opening.marker.length;
}

/** A content line with the opening fence's indentation taken off, as far as it has spaces. */
export function stripFenceIndent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && line[i] === ' ') i++;
  return line.slice(i);
}

/**
 * Writes `code` in a backtick fence tagged `info`. The fence is longer than any backtick run in
 * the code, so no line of the code can close it.
 */
export function printFence(info: string, code: string): string {
  const longestRun = Math.max(0, ...Array.from(code.matchAll(/`+/g), (match) => match[0].length));
  const marker = '`'.repeat(Math.max(3, longestRun + 1));
  return code === '' ? `${marker}${info}\n${marker}` : `${marker}${info}\n${code}\n${marker}`;
}
