import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, isDocumentRecord, overflowIds, type DocumentRecord, type DocumentStore } from '../../../src/share/document-store';
import { createIndexedDbStore, type TabMemory } from '../../../src/share/indexeddb-store';

function record(id: string, updatedAt: number, text = `PYTHON ${id} {\n    pass\n}\n`): DocumentRecord {
  return { id, title: `Title ${id}`, text, trusted: id.endsWith('t'), updatedAt };
}

let databases = 0;
const factories: [string, (max?: number) => DocumentStore][] = [
  ['memory', (max) => createMemoryStore(max)],
  // A database of its own per store, so that tests do not see each other's documents.
  ['IndexedDB', (max) => createIndexedDbStore({ databaseName: `test-${String(++databases)}`, tab: null, ...(max === undefined ? {} : { max }) })],
];

describe.each(factories)('the %s store', (_name, create) => {
  it('gives back what was saved, and nothing for an unknown id', async () => {
    const store = create();
    const saved = record('a', 1, 'MARKDOWN {\n    héllo ✓ 🪐\n}\n');
    await store.save(saved);
    expect(await store.get('a')).toEqual(saved);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('lists summaries newest first, a saved-again document moving to the top', async () => {
    const store = create();
    await store.save(record('a', 1));
    await store.save(record('b', 3));
    await store.save(record('c', 2));
    expect((await store.list()).map((entry) => entry.id)).toEqual(['b', 'c', 'a']);
    await store.save(record('a', 4, 'changed'));
    const listed = await store.list();
    expect(listed.map((entry) => entry.id)).toEqual(['a', 'b', 'c']);
    expect(listed[0]).toEqual({ id: 'a', title: 'Title a', trusted: false, updatedAt: 4 });
    expect((await store.get('a'))?.text).toBe('changed');
  });

  it('keeps only the most recent documents', async () => {
    const store = create(3);
    for (let index = 1; index <= 5; index++) await store.save(record(`d${String(index)}`, index));
    expect((await store.list()).map((entry) => entry.id)).toEqual(['d5', 'd4', 'd3']);
    expect(await store.get('d1')).toBeUndefined();
    expect(await store.get('d2')).toBeUndefined();
    expect(await store.get('d3')).toBeDefined();
  });

  it('removes a document, and forgets it as the current one', async () => {
    const store = create();
    await store.save(record('a', 1));
    await store.save(record('b', 2));
    await store.setCurrent('a');
    expect(await store.current()).toBe('a');
    await store.remove('b');
    expect(await store.current()).toBe('a');
    await store.remove('a');
    expect(await store.list()).toEqual([]);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.current()).toBeNull();
  });

  it('remembers the current document and can clear it', async () => {
    const store = create();
    expect(await store.current()).toBeNull();
    await store.setCurrent('x');
    expect(await store.current()).toBe('x');
    await store.setCurrent(null);
    expect(await store.current()).toBeNull();
  });
});

describe('the IndexedDB store', () => {
  const tabMemory = (): TabMemory & { items: Map<string, string> } => {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => items.set(key, value),
      removeItem: (key) => items.delete(key),
    };
  };

  it('survives being opened again, as after a reload', async () => {
    const first = createIndexedDbStore({ databaseName: 'reopened', tab: null });
    await first.save(record('a', 1));
    await first.setCurrent('a');
    const second = createIndexedDbStore({ databaseName: 'reopened', tab: null });
    expect(await second.current()).toBe('a');
    expect(await second.get('a')).toEqual(record('a', 1));
  });

  it("reopens each tab's own document, and the last one shown in a new tab", async () => {
    const tabA = tabMemory();
    const tabB = tabMemory();
    const a = createIndexedDbStore({ databaseName: 'tabs', tab: tabA });
    const b = createIndexedDbStore({ databaseName: 'tabs', tab: tabB });
    await a.save(record('a', 1));
    await b.save(record('b', 2));
    await a.setCurrent('a');
    await b.setCurrent('b');
    expect(await a.current()).toBe('a');
    expect(await b.current()).toBe('b');
    expect(await createIndexedDbStore({ databaseName: 'tabs', tab: tabMemory() }).current()).toBe('b');
    // Tab B deletes A's document: A falls back to the last one any tab showed.
    await b.remove('a');
    expect(await a.current()).toBe('b');
  });

  it('still saves when the tab memory refuses to be written', async () => {
    const refusing: TabMemory = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const store = createIndexedDbStore({ databaseName: 'refusing-tab', tab: refusing });
    await store.save(record('a', 1));
    await store.setCurrent('a');
    expect(await store.current()).toBe('a');
  });
});

describe('helpers', () => {
  it('picks the oldest documents beyond the limit', () => {
    const summaries = [record('a', 5), record('b', 1), record('c', 3), record('d', 2)];
    expect(overflowIds(summaries, 2)).toEqual(['d', 'b']);
    expect(overflowIds(summaries, 10)).toEqual([]);
  });

  it('recognises a record and rejects other shapes', () => {
    expect(isDocumentRecord(record('a', 1))).toBe(true);
    expect(isDocumentRecord({ ...record('a', 1), text: 3 })).toBe(false);
    expect(isDocumentRecord({ id: 'a' })).toBe(false);
    expect(isDocumentRecord(null)).toBe(false);
    expect(isDocumentRecord('a')).toBe(false);
  });
});
