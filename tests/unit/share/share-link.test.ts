import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeShareHash, encodeShareHash, shareUrl } from '../../../src/share/share-link';
import { MAX_DOCUMENT_BYTES } from '../../../src/share/size-cap';
import { shareHashBomb } from '../../support/bomb';
import { seededRandom } from '../seeded-random';

describe('share links', () => {
  it('round-trips any document text, astral characters included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (text) => {
        expect(await decodeShareHash(encodeShareHash(text))).toEqual({ ok: true, text });
      }),
      { numRuns: 300 },
    );
  });

  it('uses the v1 format: base64url of deflate-raw of UTF-8', async () => {
    const hash = encodeShareHash('PYTHON x {\n    print("🪐")\n}\n');
    expect(hash).toMatch(/^#v1\/[A-Za-z0-9_-]+$/);
    expect(await decodeShareHash(hash.slice(1))).toEqual({ ok: true, text: 'PYTHON x {\n    print("🪐")\n}\n' });
  });

  it('reports corrupt, truncated, foreign and future links without throwing', async () => {
    const hash = encodeShareHash('PYTHON x {\n    1\n}\n'.repeat(20));
    expect(await decodeShareHash(hash.slice(0, hash.length / 2))).toMatchObject({ ok: false, error: /damaged or cut short/ });
    expect(await decodeShareHash('#v1/!!!')).toMatchObject({ ok: false, error: /damaged/ });
    expect(await decodeShareHash('#v2/abc')).toMatchObject({ ok: false, error: /newer version/ });
    expect(await decodeShareHash('#section-3')).toMatchObject({ ok: false, error: /not a playground share link/ });
  });

  it('round-trips text in many scripts, combining marks, emoji sequences, CRLF and lone surrogates as the editor can hold them', async () => {
    const text = [
      'DESCRIBE {\r\n    name: "Grüße, 世界, مرحبا, שלום, नमस्ते"\r\n}',
      'PYTHON greet {\n    print("e\u0301 vs \u00e9; 👩🏽‍🚀 ⚛︎ 🇳🇴")\n}',
      'JAVASCRIPT odd {\n    const s = "\ud800 alone, \udc00 too";\n}',
      '\u0000\u0001\t\u2028\u2029\ufeff',
    ].join('\n');
    const decoded = await decodeShareHash(encodeShareHash(text));
    expect(decoded).toEqual({ ok: true, text: new TextDecoder().decode(new TextEncoder().encode(text)) });
    // Well-formed text comes back code unit for code unit.
    const wellFormed = text.replace('\ud800 alone, \udc00 too', 'paired 𝄞');
    expect(await decodeShareHash(encodeShareHash(wellFormed))).toEqual({ ok: true, text: wellFormed });
  });

  it('round-trips a 1 MB document, compressible or not', async () => {
    const random = seededRandom(8);
    const cells: string[] = [];
    let size = 0;
    for (let index = 0; size < 1024 * 1024; index++) {
      const noise = Array.from({ length: 40 }, () => String.fromCodePoint(0x20 + Math.floor(random() * 0x2fff))).join('');
      const cell = `PYTHON cell_${String(index)} {\n    values_${String(index)} = [${String(index)}, ${String(index * 7)}]  # ${noise}\n}\n`;
      cells.push(cell);
      size += new TextEncoder().encode(cell).length;
    }
    const text = cells.join('');
    expect(new TextEncoder().encode(text).length).toBeGreaterThanOrEqual(1024 * 1024);
    const hash = encodeShareHash(text);
    expect(await decodeShareHash(hash)).toEqual({ ok: true, text });
    expect(await decodeShareHash(hash.slice(0, -100))).toMatchObject({ ok: false });
  });

  it('builds the full link from the page address, dropping an old link and the parameters that open other documents', () => {
    const link = shareUrl('x', 'https://host.example/some/folder/?src=docs/a.tars&theme=dark&example=orbit#v1/old');
    expect(link).toBe(`https://host.example/some/folder/?theme=dark${encodeShareHash('x')}`);
    expect(shareUrl('x', 'http://localhost:4173/')).toBe(`http://localhost:4173/${encodeShareHash('x')}`);
  });

  it('refuses a 300 MB bomb (a link of about 400 KB) past the cap, and says why', async () => {
    const bomb = await shareHashBomb(300);
    expect(bomb.length).toBeLessThan(420 * 1024);
    expect(await decodeShareHash(bomb)).toEqual({ ok: false, error: expect.stringMatching(/more than 10 MB of text/) as unknown });
  });

  it('opens a link up to the cap and refuses one past it', async () => {
    const text = 'x'.repeat(4096);
    expect(await decodeShareHash(encodeShareHash(text), 4096)).toEqual({ ok: true, text });
    expect(await decodeShareHash(encodeShareHash(`${text}x`), 4096)).toMatchObject({ ok: false, error: /more than/ });
  });

  it('refuses a payload too long for any document under the cap before decoding it', async () => {
    // Not even base64url: a decode would call it damaged, so "too large" shows it was never decoded.
    expect(await decodeShareHash(`#v1/${'!'.repeat(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 1024)}`)).toMatchObject({ ok: false, error: /more than 10 MB/ });
  });
});
