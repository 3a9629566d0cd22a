import { deflateSync, strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { capLabel, inflateCapped, maxBase64Length, MAX_DOCUMENT_BYTES, readStreamCapped, textPastCap, tooLargeReason } from '../../../src/share/size-cap';
import { base64Url, deflateBomb } from '../../support/bomb';

const MEGABYTE = 1024 * 1024;

/** A stream of `megabytes` one-megabyte chunks of spaces, counting how many were pulled and whether it was cancelled. */
function countingStream(megabytes: number): { stream: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled === megabytes) {
          controller.close();
          return;
        }
        pulled++;
        controller.enqueue(new Uint8Array(MEGABYTE).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

describe('the document size cap', () => {
  it('is about 10 MB, and says so', () => {
    expect(MAX_DOCUMENT_BYTES).toBe(10 * MEGABYTE);
    expect(capLabel()).toBe('10 MB');
    expect(tooLargeReason()).toMatch(/more than 10 MB of text/);
  });

  it('allows base64 long enough for any deflate of a document under the cap, even incompressible', () => {
    const cap = 256 * 1024;
    const noise = new Uint8Array(cap);
    let seed = 7;
    for (let index = 0; index < noise.length; index++) noise[index] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const stored = deflateSync(noise, { level: 0 });
    expect(stored.length).toBeGreaterThan(cap);
    expect(base64Url(stored).length).toBeLessThanOrEqual(maxBase64Length(cap));
    expect(maxBase64Length(cap)).toBeLessThan(((cap * 4) / 3) * 1.01);
  });
});

describe('inflateCapped', () => {
  let bomb: Uint8Array;
  beforeAll(async () => {
    bomb = await deflateBomb(300);
  });

  it('inflates a document under the cap exactly', async () => {
    const text = 'PYTHON a {\n    print("é✓🪐")\n}\n'.repeat(5000);
    expect(await inflateCapped(deflateSync(strToU8(text)))).toEqual(strToU8(text));
    expect(await inflateCapped(deflateSync(new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });

  it('refuses a 300 MB bomb of 300 KB', async () => {
    expect(bomb.length).toBeLessThan(400 * 1024);
    expect(await inflateCapped(bomb)).toBeNull();
  });

  it('takes text up to the cap and refuses one byte more', async () => {
    const exactly = deflateSync(new Uint8Array(MEGABYTE).fill(0x20));
    expect((await inflateCapped(exactly, MEGABYTE))?.length).toBe(MEGABYTE);
    expect(await inflateCapped(exactly, MEGABYTE - 1)).toBeNull();
  });

  it('rejects data that is corrupt or cut short', async () => {
    const whole = deflateSync(strToU8('x = 1\n'.repeat(1000)));
    await expect(inflateCapped(whole.subarray(0, whole.length >> 1))).rejects.toThrow();
    await expect(inflateCapped(new Uint8Array([0xff, 0xff, 0xff]))).rejects.toThrow();
  });
});

describe('readStreamCapped', () => {
  it('reads a stream under the cap whole', async () => {
    const { stream } = countingStream(3);
    expect((await readStreamCapped(stream, 4 * MEGABYTE))?.length).toBe(3 * MEGABYTE);
  });

  it('stops a 300 MB stream just past the cap and cancels the rest', async () => {
    const { stream, pulled, cancelled } = countingStream(300);
    expect(await readStreamCapped(stream)).toBeNull();
    expect(pulled()).toBe(11);
    expect(cancelled()).toBe(true);
  });
});

describe('textPastCap', () => {
  it('counts UTF-8 bytes, not UTF-16 units', () => {
    expect(textPastCap('a'.repeat(10), 10)).toBe(false);
    expect(textPastCap('a'.repeat(11), 10)).toBe(true);
    // Three characters of three bytes each: nine bytes.
    expect(textPastCap('✓✓✓', 9)).toBe(false);
    expect(textPastCap('✓✓✓', 8)).toBe(true);
  });

  it('answers for a 300 MB string at once, by its length', () => {
    expect(textPastCap(' '.repeat(300 * MEGABYTE))).toBe(true);
  });
});
