import { describe, expect, it, vi } from 'vitest';
import { openShareLinks, readShareHash } from '../../../src/share/open-share-link';
import { encodeShareHash } from '../../../src/share/share-link';
import { shareHashBomb } from '../../support/bomb';

describe('readShareHash', () => {
  it('ignores hashes that are not links', async () => {
    expect(await readShareHash('')).toEqual({ kind: 'none' });
    expect(await readShareHash('#cells')).toEqual({ kind: 'none' });
  });

  it('reads a link, and explains a damaged or future one', async () => {
    const text = 'PYTHON a {\n    print("héllo ✓")\n}\n';
    expect(await readShareHash(encodeShareHash(text))).toEqual({ kind: 'document', text });
    const damaged = await readShareHash(encodeShareHash(text).slice(0, 12));
    expect(damaged.kind).toBe('error');
    expect(damaged.kind === 'error' ? damaged.message : '').toMatch(/could not be opened: .*damaged.*unchanged/);
    const future = await readShareHash('#v9/AAAA');
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
    await openShareLinks(
      {
        load: (text) => loads.push(text) > 0,
        showError: (message) => errors.push(message),
      },
      location,
      {
        addEventListener: (_type, listener) => {
          onHashChange = listener;
        },
      },
    );
    location.hash = bomb;
    onHashChange();
    await vi.waitFor(() => {
      expect(errors.at(-1)).toMatch(/^The share link could not be opened: it holds more than 10 MB of text.*Your current document is unchanged\.$/);
    });
    expect(loads).toEqual(['current']);
  });
});

describe('openShareLinks', () => {
  /** Opens links into lists of what was loaded and shown; `change` sets the hash and fires hashchange. */
  async function opened(first: string) {
    const loads: [string, boolean][] = [];
    const errors: (string | null)[] = [];
    const location = { hash: first };
    let onHashChange: () => void = () => undefined;
    await openShareLinks(
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
    const change = (hash: string) => {
      location.hash = hash;
      onHashChange();
    };
    return { loads, errors, change };
  }

  it('loads a link untrusted, now and when the hash changes, and never loads a broken one', async () => {
    const { loads, errors, change } = await opened(encodeShareHash('first'));
    expect(loads).toEqual([['first', false]]);
    change('#v1/%%%');
    await vi.waitFor(() => {
      expect(errors).toHaveLength(2);
    });
    change(encodeShareHash('second'));
    await vi.waitFor(() => {
      expect(loads).toHaveLength(2);
    });
    expect(loads).toEqual([
      ['first', false],
      ['second', false],
    ]);
    expect(errors.map((message) => message !== null)).toEqual([false, true, false]);
  });

  it('acts only on the latest of quick hash changes', async () => {
    const { loads, errors, change } = await opened('');
    change(encodeShareHash('overtaken'));
    change(encodeShareHash('latest'));
    await vi.waitFor(() => {
      expect(loads).toEqual([['latest', false]]);
    });
    expect(errors).toEqual([null]);
  });
});
