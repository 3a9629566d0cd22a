import { describe, expect, it } from 'vitest';
import { openShareLinks, readShareHash } from '../../../src/share/open-share-link';
import { encodeShareHash } from '../../../src/share/share-link';

describe('readShareHash', () => {
  it('ignores hashes that are not links', () => {
    expect(readShareHash('')).toEqual({ kind: 'none' });
    expect(readShareHash('#cells')).toEqual({ kind: 'none' });
  });

  it('reads a link, and explains a damaged or future one', () => {
    const text = 'PYTHON a {\n    print("héllo ✓")\n}\n';
    expect(readShareHash(encodeShareHash(text))).toEqual({ kind: 'document', text });
    const damaged = readShareHash(encodeShareHash(text).slice(0, 12));
    expect(damaged.kind).toBe('error');
    expect(damaged.kind === 'error' ? damaged.message : '').toMatch(/could not be opened: .*damaged.*unchanged/);
    const future = readShareHash('#v9/AAAA');
    expect(future.kind === 'error' ? future.message : '').toMatch(/newer version/);
  });
});

describe('openShareLinks', () => {
  it('loads a link untrusted, now and when the hash changes, and never loads a broken one', () => {
    const loads: [string, boolean][] = [];
    const errors: (string | null)[] = [];
    const location = { hash: encodeShareHash('first') };
    let onHashChange: () => void = () => undefined;
    openShareLinks(
      {
        load: (text, options) => {
          loads.push([text, options.trusted]);
          return true;
        },
        showError: (message) => errors.push(message),
      },
      location,
      {
        addEventListener: (_type, listener) => {
          onHashChange = listener;
        },
      },
    );
    location.hash = '#v1/%%%';
    onHashChange();
    location.hash = encodeShareHash('second');
    onHashChange();
    expect(loads).toEqual([
      ['first', false],
      ['second', false],
    ]);
    expect(errors.map((message) => message !== null)).toEqual([false, true, false]);
  });
});
