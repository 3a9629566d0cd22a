/**
 * Decompression bombs for the size-cap tests (unit and e2e): a few hundred kilobytes of
 * deflate-raw or gzip that inflate to hundreds of megabytes of text. Built with Node's zlib, streamed
 * from one reused megabyte, so that building a 300 MB bomb takes about a second and little memory.
 */
import { createDeflateRaw, createGzip } from 'node:zlib';

const MEGABYTE = 1024 * 1024;

/** Deflate-raw of `megabytes` MB of spaces (plain text, as a document would be). */
export function deflateBomb(megabytes: number): Promise<Uint8Array> {
  return compress(megabytes, 'deflate-raw');
}

/** Gzip of `megabytes` MB of spaces, as a server would send it with `Content-Encoding: gzip`. */
export function gzipBomb(megabytes: number): Promise<Uint8Array> {
  return compress(megabytes, 'gzip');
}

async function compress(megabytes: number, format: 'deflate-raw' | 'gzip'): Promise<Uint8Array> {
  const deflate = format === 'gzip' ? createGzip({ level: 9 }) : createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const spaces = Buffer.alloc(MEGABYTE, 0x20);
  for (let index = 0; index < megabytes; index++) deflate.write(spaces);
  deflate.end();
  await ended;
  return new Uint8Array(Buffer.concat(parts));
}

/** Bytes as base64url without padding, as share links carry them. */
export function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A share link hash (`#v1/…`) whose document is `megabytes` MB of text. */
export async function shareHashBomb(megabytes: number): Promise<string> {
  return `#v1/${base64Url(await deflateBomb(megabytes))}`;
}
