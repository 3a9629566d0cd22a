import { describe, expect, it } from 'vitest';
import { openShareLinks, readShareHash } from '../../../src/share/open-share-link';
import { encodeShareHash } from '../../../src/share/share-link';
import { shareHashBomb } from '../../support/bomb';

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

describe('a share-link bomb', () => {
  it('is refused on a hash change with a message, and the current document stays', async () => {
    const bomb = await shareHashBomb(300);
    const loads: string[] = [];
    const errors: (string | null)[] = [];
    const location = { hash: encodeShareHash('current') };
    let onHashChange: () => void = () => undefined;
    openShareLinks(
      {
        load: (text) => loads.push(text) > 0,
        showError: (message) => errors.push(message),
      },
      location,
      { addEventListener: (_type, listener) => (onHashChange = listener) },
    );
    location.hash = bomb;
    onHashChange();
    expect(loads).toEqual(['current']);
    expect(errors.at(-1)).toMatch(/^The share link could not be opened: it holds more than 10 MB of text.*Your current document is unchanged\.$/);
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
