/**
 * Stream text cut into blocks of whole lines, so that a long output is laid out only where it
 * shows: each block skips layout while it is off screen (`content-visibility: auto`), and a
 * flood's live updates cost what is on screen, not the thousand lines kept at each end.
 */

/** Lines in one block. */
export const LINES_PER_BLOCK = 50;

/** Text as it is laid out: inline text, blocks of whole lines, inline text. */
export interface LineBlocks {
  /** Up to and with the first line break, inline, so that it joins the line the text before it left open. */
  readonly lead: string;
  /** Blocks of LINES_PER_BLOCK whole lines each. */
  readonly blocks: readonly string[];
  /** What is left after the last whole block: fewer lines, and a line not yet ended. */
  readonly rest: string;
}

/** Cuts text into blocks; text of fewer than two blocks' lines stays one inline piece. */
export function lineBlocks(text: string, linesPerBlock = LINES_PER_BLOCK): LineBlocks {
  const first = text.indexOf('\n');
  if (first === -1) return { lead: text, blocks: [], rest: '' };
  const blocks: string[] = [];
  let start = first + 1;
  let at = start;
  let lines = 0;
  for (let next = text.indexOf('\n', at); next !== -1; next = text.indexOf('\n', at)) {
    at = next + 1;
    lines += 1;
    if (lines === linesPerBlock) {
      blocks.push(text.slice(start, at));
      start = at;
      lines = 0;
    }
  }
  if (blocks.length < 2) return { lead: text, blocks: [], rest: '' };
  return { lead: text.slice(0, first + 1), blocks, rest: text.slice(start) };
}
