/**
 * The size cap on every document the playground reads: share links, opened and dropped files,
 * `?src` fetches and autosaved documents. A document past it is refused before the tab spends
 * time or memory on it, so that a 400 KB link that inflates to 300 MB (a "bomb") is turned away
 * at once instead of freezing the page. Each reader stops as soon as the count passes
 * the cap, and never holds more than a little beyond it.
 */

/**
 * The largest document the playground opens: 10 MB of UTF-8 text. Real metascripts are a few
 * kilobytes; the biggest example is under 20 KB. Documented in the README ("Opening, saving and
 * sharing").
 */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The cap as people read it, for messages: "10 MB". */
export function capLabel(cap: number = MAX_DOCUMENT_BYTES): string {
  return `${String(Math.round(cap / (1024 * 1024)))} MB`;
}

/** The end of a refusal message: what the cap is. */
export function tooLargeReason(cap: number = MAX_DOCUMENT_BYTES): string {
  return `it holds more than ${capLabel(cap)} of text, the most the playground opens`;
}

/**
 * The longest base64 text whose bytes could still inflate to at most `cap` bytes: deflate's
 * stored blocks add 5 bytes per 64 KB at worst, plus the stream's own few bytes. Anything longer
 * is refused before it is decoded at all.
 */
export function maxBase64Length(cap: number = MAX_DOCUMENT_BYTES): number {
  const deflated = cap + 5 * Math.ceil(cap / 0xffff) + 64;
  return Math.ceil((deflated * 4) / 3);
}

// Deflate expands at most about 1032:1, so one 1 KB chunk of input yields at most about 1 MB:
// the cap is noticed within a megabyte of being passed.
const INFLATE_STEP = 1024;

/**
 * Inflates deflate-raw bytes, stopping as soon as the output passes `cap`. Resolves to null
 * when it would; rejects when the data is corrupt or cut short. The browser's own
 * DecompressionStream does the work (zlib, about ten times faster than a JavaScript inflate
 * that has not been optimized yet, which it never is on a page's first link); the input goes
 * in 1 KB at a time and only as the output is read, so no more than a chunk's worth is ever
 * inflated past the cap.
 */
export async function inflateCapped(bytes: Uint8Array, cap: number = MAX_DOCUMENT_BYTES): Promise<Uint8Array | null> {
  let offset = 0;
  const input = new ReadableStream<BufferSource>(
    {
      pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.slice(offset, offset + INFLATE_STEP));
        offset += INFLATE_STEP;
      },
    },
    { highWaterMark: 0 },
  );
  return readStreamCapped(input.pipeThrough(new DecompressionStream('deflate-raw')), cap);
}

/**
 * Reads a byte stream to its end, counting as it goes; cancels it and returns null once the
 * count passes `cap`.
 */
export async function readStreamCapped(stream: ReadableStream<Uint8Array>, cap: number = MAX_DOCUMENT_BYTES): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(chunks, total);
    total += value.length;
    if (total > cap) {
      // The rest is never downloaded.
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
}

/**
 * Whether a string is past the cap. UTF-16 length bounds UTF-8 length within a factor of
 * three, so only a string near the cap is encoded to count its bytes exactly.
 */
export function textPastCap(text: string, cap: number = MAX_DOCUMENT_BYTES): boolean {
  if (text.length > cap) return true;
  if (text.length * 3 <= cap) return false;
  return new TextEncoder().encode(text).length > cap;
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
