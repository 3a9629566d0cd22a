/**
 * Markdown text to HTML that is safe to put in the page: `marked` (GitHub-flavoured) turns the
 * text into HTML, then DOMPurify keeps only the elements and attributes Markdown produces.
 *
 * Nothing outside the page may be fetched because of a document: the page is offline-capable
 * and a shared document is untrusted, so an image is shown only from a `data:` or `blob:` URL
 * or from this site, never from another one (a remote image would tell its host who opened it).
 *
 * Only `markdown-loader.ts` imports this module, with `import()`, so `marked` stays out of the
 * entry chunk. DOMPurify is passed in because it needs a window; everything else here is pure.
 */
import type { Config, DOMPurify } from 'dompurify';
import { Marked } from 'marked';

/** Markdown text to sanitized HTML, ready for `innerHTML`. */
export interface MarkdownRenderer {
  /** The HTML of the text, with scripts, handlers, frames, forms and remote images removed. */
  toHtml(text: string): string;
}

const marked = new Marked({ gfm: true, async: false });

/** The unsanitized HTML that GitHub-flavoured Markdown gives for the text. */
export function markdownToHtml(text: string): string {
  return marked.parse(text, { async: false });
}

/**
 * The elements kept: what Markdown and GFM produce, plus a few inline tags people write by
 * hand. Anything not listed (script, style, iframe, object, embed, form, svg, math, audio,
 * video, link, meta, …) is removed with its attributes.
 */
export const MARKDOWN_TAGS: readonly string[] = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li', 'mark', 'ol',
  'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul', 'var',
];

/**
 * The attributes kept. No `on…` handlers, `style` (CSS can fetch through `url()`), `srcset`,
 * `class` or `id` (neither may reach the page's own styles or globals).
 */
export const MARKDOWN_ATTRIBUTES: readonly string[] = [
  'align', 'alt', 'checked', 'colspan', 'disabled', 'height', 'href', 'open', 'rowspan', 'src',
  'start', 'title', 'type', 'width',
];

/** DOMPurify's default URL schemes, plus `blob:` for images made in the page. */
const ALLOWED_URI = /^(?:(?:https?|mailto|tel|blob):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const SANITIZE_CONFIG: Config = {
  ALLOWED_TAGS: [...MARKDOWN_TAGS],
  ALLOWED_ATTR: [...MARKDOWN_ATTRIBUTES],
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ALLOW_DATA_ATTR: false,
};

/**
 * Whether an image may load from `src`: a `data:` or `blob:` URL, or one that resolves to the
 * same origin as `base`. `//host/x.png` and `/\host/x.png` resolve elsewhere, so they do not.
 */
export function isAllowedImageSource(src: string, base: string): boolean {
  let url: URL;
  let page: URL;
  try {
    url = new URL(src, base);
    page = new URL(base);
  } catch {
    return false;
  }
  if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
  return url.origin === page.origin;
}

/** The parts of an element the policy reads and writes; a DOM `Element` has them. */
export interface PolicyElement {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

/** Whether the sanitizer keeps an element after the policy has seen it. */
export type PolicyVerdict = 'keep' | 'remove';

/** Shown on an image that was not loaded. */
export const BLOCKED_IMAGE_TITLE = 'Not loaded: a document shows images only from data: URLs or this site';

/**
 * What the playground adds after sanitizing: links open in a new tab without access to this
 * one, a remote image loses its `src` (its alt text shows instead), and the only input kept is
 * a GFM task-list box, always disabled.
 */
export function hardenElement(element: PolicyElement, base: string): PolicyVerdict {
  switch (element.tagName.toLowerCase()) {
    case 'a':
      if (element.getAttribute('href') === null) return 'keep';
      element.setAttribute('target', '_blank');
      element.setAttribute('rel', 'noopener noreferrer');
      return 'keep';
    case 'img': {
      const src = element.getAttribute('src');
      if (src === null || isAllowedImageSource(src, base)) return 'keep';
      element.removeAttribute('src');
      element.setAttribute('data-blocked', '');
      element.setAttribute('title', BLOCKED_IMAGE_TITLE);
      return 'keep';
    }
    case 'input':
      if (element.getAttribute('type')?.toLowerCase() !== 'checkbox') return 'remove';
      element.setAttribute('disabled', '');
      return 'keep';
    default:
      return 'keep';
  }
}

/**
 * A renderer over its own DOMPurify instance (its hook must not reach other users of the
 * library). `base` is the URL that relative image sources resolve against: the page's.
 */
export function createMarkdownRenderer(purify: DOMPurify, base: string): MarkdownRenderer {
  purify.addHook('afterSanitizeAttributes', (element) => {
    if (hardenElement(element, base) === 'remove') element.remove();
  });
  return {
    toHtml: (text) => purify.sanitize(markdownToHtml(text), SANITIZE_CONFIG),
  };
}
