/**
 * Marks a line of a block shown as text, as the editor marks a failing line of a cell: through
 * the CSS Custom Highlight API, which paints a range without touching the DOM, so the block's
 * highlighting runs stay as they are and a wrapped line is marked whole.
 */

const NAME = 'failed-line';

/** The range of line `line` (1-based) of the text inside `element`, or null past its end. */
export function lineRange(element: HTMLElement, line: number): Range | null {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let current = 1;
  let started = line === 1;
  if (started) range.setStart(element, 0);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
      current++;
      if (started) {
        range.setEnd(node, index);
        return range;
      }
      if (current === line) {
        range.setStart(node, index + 1);
        started = true;
      }
    }
  }
  if (!started) return null;
  range.setEnd(element, element.childNodes.length);
  return range;
}

/** Paints `range` as a failed line until the returned function is called. */
export function markRange(range: Range): () => void {
  const registry = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
  if (registry === null || typeof Highlight !== 'function') return () => undefined;
  let highlight = registry.get(NAME);
  if (highlight === undefined) {
    highlight = new Highlight();
    registry.set(NAME, highlight);
  }
  highlight.add(range);
  const owner = highlight;
  return () => {
    owner.delete(range);
  };
}
