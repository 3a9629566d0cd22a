import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore, type DocumentRecord, type DocumentStore } from '../../../src/share/document-store';
import { createFallbackStore } from '../../../src/share/fallback-store';

const RECORD: DocumentRecord = { id: 'a', title: 'A', text: 'PYTHON a {\n    pass\n}\n', trusted: true, updatedAt: 1 };

/** A store whose every call fails as IndexedDB does in private mode. */
function failingStore(): DocumentStore {
  const fail = () => Promise.reject(new DOMException('The operation failed for reasons unrelated to the database itself', 'UnknownError'));
  return { save: fail, get: fail, list: fail, remove: fail, current: fail, setCurrent: fail };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createFallbackStore', () => {
  it('passes calls through while storage works, and reports nothing', async () => {
    const primary = createMemoryStore();
    const onUnavailable = vi.fn();
    const store = createFallbackStore(primary, onUnavailable);
    await store.save(RECORD);
    await store.setCurrent('a');
    expect(await primary.get('a')).toEqual(RECORD);
    expect(await store.current()).toBe('a');
    expect(onUnavailable).not.toHaveBeenCalled();
  });

  it('keeps working in memory when storage fails, and says so once', async () => {
    const onUnavailable = vi.fn();
    const store = createFallbackStore(failingStore(), onUnavailable);
    await expect(store.current()).resolves.toBeNull();
    await store.save(RECORD);
    await store.setCurrent('a');
    expect(await store.get('a')).toEqual(RECORD);
    expect(await store.current()).toBe('a');
    expect((await store.list()).map((entry) => entry.id)).toEqual(['a']);
    await store.remove('a');
    expect(await store.list()).toEqual([]);
    expect(onUnavailable).toHaveBeenCalledOnce();
    expect(onUnavailable.mock.calls[0]?.[0]).toBeInstanceOf(DOMException);
  });

  it('also falls back when storage throws at once', async () => {
    const throwing: DocumentStore = {
      ...createMemoryStore(),
      list: () => {
        throw new ReferenceError('indexedDB is not defined');
      },
    };
    const onUnavailable = vi.fn();
    const store = createFallbackStore(throwing, onUnavailable);
    expect(await store.list()).toEqual([]);
    expect(onUnavailable).toHaveBeenCalledOnce();
  });

  it('gives up on a storage that does not answer', async () => {
    vi.useFakeTimers();
    const hanging: DocumentStore = { ...createMemoryStore(), current: () => new Promise<never>(() => undefined) };
    const onUnavailable = vi.fn();
    const store = createFallbackStore(hanging, onUnavailable, { timeoutMs: 1000 });
    const current = store.current();
    await vi.advanceTimersByTimeAsync(999);
    expect(onUnavailable).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(current).resolves.toBeNull();
    expect(onUnavailable).toHaveBeenCalledOnce();
  });
});
