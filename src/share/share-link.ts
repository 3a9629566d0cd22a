/**
 * Share links (SPEC §8): `#v1/<payload>`, where the payload is base64url of deflate-raw of the
 * document's UTF-8 text. Pure functions; decoding never rejects, and refuses a link whose text
 * would pass the size cap (size-cap.ts) without decoding or inflating more than the cap.
 */
import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { inflateCapped, maxBase64Length, MAX_DOCUMENT_BYTES, tooLargeReason } from './size-cap';

const PREFIX = 'v1/';

export type DecodedLink = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/** The hash part of a share link for a document, `#` included. */
export function encodeShareHash(text: string): string {
  return `#${PREFIX}${toBase64Url(deflateSync(strToU8(text), { level: 9 }))}`;
}

/**
 * Reads a share link's hash (with or without `#`); a corrupt, future or too large link is an
 * error, never a rejection. `cap` is the most bytes of text it inflates.
 */
export async function decodeShareHash(hash: string, cap: number = MAX_DOCUMENT_BYTES): Promise<DecodedLink> {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const version = /^v(\d+)\//.exec(body);
  if (!version) return { ok: false, error: 'this is not a playground share link' };
  if (version[0] !== PREFIX) return { ok: false, error: `this link was made by a newer version of the playground (format v${version[1] ?? '?'})` };
  const payload = body.slice(PREFIX.length);
  if (payload.length > maxBase64Length(cap)) return { ok: false, error: tooLargeReason(cap) };
  try {
    const bytes = await inflateCapped(fromBase64Url(payload), cap);
    if (bytes === null) return { ok: false, error: tooLargeReason(cap) };
    return { ok: true, text: strFromU8(bytes) };
  } catch {
    return { ok: false, error: 'this share link is damaged or cut short; ask for the link again' };
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  // A plain loop: `Uint8Array.from` with a mapper walks the string by code points, several times slower on a long link.
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Links longer than this may be cut short by chat apps, mail clients and some servers; the Share
 * dialog then offers the document as a file as well.
 */
export const LONG_LINK_CHARACTERS = 8000;

/** Query parameters that open another document (`?src=`, `?example=`); a share link drops them. */
const DOCUMENT_PARAMETERS = ['src', 'example'];

/** The full share link for a document, made from the page's address: its other parameters stay. */
export function shareUrl(text: string, pageUrl: string): string {
  const url = new URL(pageUrl);
  for (const name of DOCUMENT_PARAMETERS) url.searchParams.delete(name);
  url.hash = '';
  return `${url.href.replace(/#$/, '')}${encodeShareHash(text)}`;
}
