/**
 * Which document the page opens first (SPEC §8), decided from its address alone: a `#v1/` share
 * link, then `?src=<same-origin path>`, then `?example=<name>`. With none of them (or when the
 * one asked for fails) the autosaved document opens, else the welcome document. Pure: the
 * fetching and loading are in open-start-document.ts.
 */
import { exampleUrl } from '../ui/examples-index';

/** What the address asks to open. */
export type StartRequest =
  /** Nothing: the autosaved or welcome document. */
  | { readonly kind: 'none' }
  /** A share link in the hash, opened by open-share-link.ts (untrusted). */
  | { readonly kind: 'link' }
  /** A file of this site, `?src` or `?example`, opened trusted; Markdown is imported. */
  | { readonly kind: 'fetch'; readonly url: string; readonly label: string; readonly markdown: boolean }
  /** A parameter that cannot be followed, and why. */
  | { readonly kind: 'refused'; readonly message: string };

const SHARE_HASH = /^#v\d+\//;
const MARKDOWN_PATH = /\.(md|markdown|meta)$/i;
const EXAMPLE_NAME = /^[\w-]+$/;

/**
 * Reads the page's address. `base` is the app's base path (`import.meta.env.BASE_URL`), under
 * which the examples are served.
 */
export function planStart(href: string, base: string): StartRequest {
  const page = new URL(href);
  if (SHARE_HASH.test(page.hash)) return { kind: 'link' };
  const src = page.searchParams.get('src');
  if (src !== null) return planSource(page, src);
  const example = page.searchParams.get('example');
  if (example !== null) {
    if (!EXAMPLE_NAME.test(example)) return { kind: 'refused', message: `There is no example called “${example}”.` };
    return { kind: 'fetch', url: new URL(exampleUrl(example, base), page).href, label: `the example “${example}”`, markdown: false };
  }
  return { kind: 'none' };
}

/**
 * `?src` opens trusted, so only a file of this very site may be named: anything that could
 * come from elsewhere would run someone else's code without the trust banner.
 */
function planSource(page: URL, src: string): StartRequest {
  const refused = (why: string): StartRequest => ({ kind: 'refused', message: `The file in ?src=${src} was not opened: ${why}.` });
  if (src.trim() === '') return refused('it names no file');
  let target: URL;
  try {
    target = new URL(src, page);
  } catch {
    return refused('it is not a valid path');
  }
  if ((target.protocol !== 'http:' && target.protocol !== 'https:') || target.origin !== page.origin) {
    return refused(`only files from this site (${page.origin}) can be opened this way; download the file and open it with File ▸ Open file… instead`);
  }
  return { kind: 'fetch', url: target.href, label: fileLabel(target.pathname), markdown: MARKDOWN_PATH.test(target.pathname) };
}

/** The file name at the end of a path, for messages. */
function fileLabel(pathname: string): string {
  const name = pathname.slice(pathname.lastIndexOf('/') + 1) || pathname;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * The address once its document has been opened: without the share link, `src` and `example`,
 * so that a reload shows the autosaved (perhaps edited) copy rather than the original. Other
 * parameters and hashes stay.
 */
export function addressWithoutDocument(href: string): string {
  const page = new URL(href);
  page.searchParams.delete('src');
  page.searchParams.delete('example');
  if (SHARE_HASH.test(page.hash)) page.hash = '';
  // An emptied hash would leave a bare `#` behind.
  return page.href.replace(/#$/, '');
}
