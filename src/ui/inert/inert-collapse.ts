/**
 * How much of an inert block shows when it is collapsed. Long blocks start collapsed so that a
 * document full of them stays short to scroll and quick to paint.
 */

/** Blocks with more lines than this start collapsed. */
export const COLLAPSE_ABOVE_LINES = 30;

/** A collapsed block shows at most this many of its first lines. */
export const PREVIEW_LINES = 4;

/** The number of lines of a text; a final line break does not start another line. */
export function lineCount(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < text.length - 1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** Whether a block of this many lines starts collapsed. */
export function startsCollapsed(lines: number): boolean {
  return lines > COLLAPSE_ABOVE_LINES;
}

/**
 * The lines a collapsed block shows: its first few, and always fewer than it has, so that
 * collapsing hides something. Null for a one-line block, which cannot collapse.
 */
export function collapsedPreview(text: string, lines: number): string | null {
  if (lines < 2) return null;
  const shown = Math.min(PREVIEW_LINES, lines - 1);
  let end = -1;
  for (let line = 0; line < shown; line++) end = text.indexOf('\n', end + 1);
  return text.slice(0, end);
}
