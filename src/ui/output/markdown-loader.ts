/**
 * Loads the Markdown renderer the first time a document needs one. `marked` and DOMPurify
 * come in with `import()`, so a page without Markdown output never downloads them and the
 * entry chunk does not carry them.
 */
import type { MarkdownRenderer } from './markdown-html';

let loaded: MarkdownRenderer | undefined;
let loading: Promise<MarkdownRenderer> | undefined;

/** The renderer when it has loaded already, so that later views render at once. */
export function loadedMarkdownRenderer(): MarkdownRenderer | undefined {
  return loaded;
}

/** The renderer, loading it on the first call; every caller shares the one load. */
export function loadMarkdownRenderer(): Promise<MarkdownRenderer> {
  loading ??= Promise.all([import('./markdown-html'), import('dompurify')]).then(([markdown, purify]) => {
    loaded = markdown.createMarkdownRenderer(purify.default(window), document.baseURI);
    return loaded;
  });
  // A failed load (say, the page went offline before the chunk was cached) is tried again by
  // the next view rather than remembered.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
