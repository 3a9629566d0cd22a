/** One replacement of a range of text, in UTF-16 offsets as CodeMirror counts them. */
export interface Replacement {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/**
 * The smallest single replacement that turns `before` into `after`, keeping their common
 * start and end, or null when they are equal. Replacing only what changed keeps the cursor
 * and the undo history of the untouched text when code changes from outside the editor.
 */
export function replacementBetween(before: string, after: string): Replacement | null {
  if (before === after) return null;
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}
