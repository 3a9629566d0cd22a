/**
 * Loads, once per language, the function that highlights an inert block's text.
 */
import type { Segment } from './highlight-segments';
import type { InertLanguage } from './inert-language';
import { importMode } from './legacy-modes';

/** Highlights a text: runs whose texts, joined, are the text exactly. */
export type Highlight = (text: string) => readonly Segment[];

const loaded = new Map<InertLanguage, Promise<Highlight | null>>();

/**
 * The highlighter of a language. Resolves to null when its chunks fail to load: the block stays
 * plain text, and the next block in that language tries again.
 */
export function loadHighlighter(language: InertLanguage): Promise<Highlight | null> {
  let highlight = loaded.get(language);
  if (!highlight) {
    highlight = Promise.all([import('./highlight-segments'), importMode(language)]).then(
      ([module, mode]): Highlight => (text) => module.highlightSegments(text, mode),
      () => {
        loaded.delete(language);
        return null;
      },
    );
    loaded.set(language, highlight);
  }
  return highlight;
}
