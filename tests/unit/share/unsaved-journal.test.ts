import { describe, expect, it } from 'vitest';
import { createMemoryStore, type DocumentRecord } from '../../../src/share/document-store';
import { createUnsavedJournal, recoverUnsaved, type JournalStorage } from '../../../src/share/unsaved-journal';

/** localStorage's interface over a Map, optionally refusing writes as a full storage does. */
function memoryStorage({ full = false } = {}): JournalStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get length() {
      return entries.size;
    },
    key: (index) => [...entries.keys()][index] ?? null,
    getItem: (key) => entries.get(key) ?? null,
    setItem(key, value) {
      if (full) throw new DOMException('quota exceeded', 'QuotaExceededError');
      entries.set(key, value);
    },
    removeItem(key) {
      entries.delete(key);
    },
  };
}

const record = (id: string, text: string, updatedAt: number): DocumentRecord => ({ id, title: id, text, trusted: true, updatedAt });

describe('createUnsavedJournal', () => {
  it('keeps one entry per document and hands each back once', () => {
    const storage = memoryStorage();
    storage.setItem('theme', 'dark');
    const journal = createUnsavedJournal(storage);
    journal.write(record('a', 'first', 1));
    journal.write(record('b', 'other tab', 2));
    journal.write(record('a', 'first, edited', 3));
    expect(journal.takeAll().sort((x, y) => x.id.localeCompare(y.id))).toEqual([record('a', 'first, edited', 3), record('b', 'other tab', 2)]);
    expect(journal.takeAll()).toEqual([]);
    // Other keys of the page's storage are left alone.
    expect([...storage.entries.keys()]).toEqual(['theme']);
  });

  it('drops entries that are not records, and never throws', () => {
    const storage = memoryStorage();
    storage.setItem('tars-playground:unsaved:x', '{not json');
    storage.setItem('tars-playground:unsaved:y', JSON.stringify({ id: 'y' }));
    expect(createUnsavedJournal(storage).takeAll()).toEqual([]);
    expect(storage.entries.size).toBe(0);
    const full = createUnsavedJournal(memoryStorage({ full: true }));
    expect(() => {
      full.write(record('a', 'text', 1));
    }).not.toThrow();
    expect(full.takeAll()).toEqual([]);
    expect(createUnsavedJournal(null).takeAll()).toEqual([]);
  });
});

describe('recoverUnsaved', () => {
  it('puts a journalled record into the store only where it is newer than the stored one', async () => {
    const store = createMemoryStore();
    await store.save(record('older-in-store', 'stored', 10));
    await store.save(record('newer-in-store', 'stored later', 30));
    const journal = createUnsavedJournal(memoryStorage());
    journal.write(record('older-in-store', 'journalled', 20));
    journal.write(record('newer-in-store', 'journalled', 20));
    journal.write(record('not-in-store', 'only here', 5));
    await recoverUnsaved(journal, store);
    expect((await store.get('older-in-store'))?.text).toBe('journalled');
    expect((await store.get('newer-in-store'))?.text).toBe('stored later');
    expect((await store.get('not-in-store'))?.text).toBe('only here');
    expect(journal.takeAll()).toEqual([]);
  });
});

describe('the journal and the size cap', () => {
  it('drops an entry past the cap unread, and keeps the others', () => {
    const storage = memoryStorage();
    const journal = createUnsavedJournal(storage, 100);
    journal.write(record('small', 'x = 1', 1));
    journal.write(record('big', 'x'.repeat(101), 2));
    storage.setItem('tars-playground:unsaved:huge', 'x'.repeat(10_000));
    expect(journal.takeAll()).toEqual([record('small', 'x = 1', 1)]);
    expect(storage.entries.size).toBe(0);
  });
});
