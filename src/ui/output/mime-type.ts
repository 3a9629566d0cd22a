/**
 * Which form of a MIME bundle the page shows: the richest one it can render. Pure, so that the
 * choice is tested without a DOM.
 */
import type { MimeBundle } from '../../engines/contract';

/** The forms the output view renders, richest first. */
// Markdown ranks just below HTML, as in JupyterLab: a bundle that offers both an image and
// Markdown meant the Markdown as its formatted form.
export const RENDERED_TYPES = ['text/html', 'text/markdown', 'image/svg+xml', 'image/png', 'image/jpeg', 'image/gif', 'application/json', 'text/plain'] as const;

/** A form the output view renders. */
export type RenderedType = (typeof RENDERED_TYPES)[number];

/** The richest form in the bundle that the view renders, with its data; null when there is none. */
export function pickForm(bundle: MimeBundle): { readonly type: RenderedType; readonly data: string } | null {
  for (const type of RENDERED_TYPES) {
    const data = bundle[type];
    if (data !== undefined) return { type, data };
  }
  return null;
}

/** Text as base64 of its UTF-8 bytes, for a `data:` URL. */
export function base64OfText(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A `data:` URL for an image form; SVG text is encoded, the others are base64 already. */
export function imageUrl(type: 'image/svg+xml' | 'image/png' | 'image/jpeg' | 'image/gif', data: string): string {
  return `data:${type};base64,${type === 'image/svg+xml' ? base64OfText(data) : data.replace(/\s+/g, '')}`;
}
