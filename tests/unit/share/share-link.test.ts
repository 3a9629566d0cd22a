import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeShareHash, encodeShareHash } from '../../../src/share/share-link';

describe('share links', () => {
  it('round-trips any document text, astral characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(decodeShareHash(encodeShareHash(text))).toEqual({ ok: true, text });
      }),
      { numRuns: 300 },
    );
  });

  it('uses the v1 format: base64url of deflate-raw of UTF-8', () => {
    const hash = encodeShareHash('PYTHON x {\n    print("🪐")\n}\n');
    expect(hash).toMatch(/^#v1\/[A-Za-z0-9_-]+$/);
    expect(decodeShareHash(hash.slice(1))).toEqual({ ok: true, text: 'PYTHON x {\n    print("🪐")\n}\n' });
  });

  it('reports corrupt, truncated, foreign and future links without throwing', () => {
    const hash = encodeShareHash('PYTHON x {\n    1\n}\n'.repeat(20));
    expect(decodeShareHash(hash.slice(0, hash.length / 2))).toMatchObject({ ok: false, error: /damaged or cut short/ });
    expect(decodeShareHash('#v1/!!!')).toMatchObject({ ok: false, error: /damaged/ });
    expect(decodeShareHash('#v2/abc')).toMatchObject({ ok: false, error: /newer version/ });
    expect(decodeShareHash('#section-3')).toMatchObject({ ok: false, error: /not a playground share link/ });
  });
});
