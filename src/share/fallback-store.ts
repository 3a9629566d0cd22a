/**
 * A store that never fails: it uses the real one until that throws, rejects or hangs (private
 * browsing, a full disk, IndexedDB turned off), then keeps documents in memory for the rest of
 * the page's life and says so once. The UI never sees a storage error.
 */
import { createMemoryStore, type DocumentStore } from './document-store';

export interface FallbackOptions {
  /** How long a storage call may take before storage counts as unavailable. */
  readonly timeoutMs?: number;
}

/** Wraps `primary`; `onUnavailable` is called once, with the first failure. */
export function createFallbackStore(primary: DocumentStore, onUnavailable: (error: unknown) => void, options: FallbackOptions = {}): DocumentStore {
  const { timeoutMs = 5000 } = options;
  const memory = createMemoryStore();
  let failed = false;
  const giveUp = (error: unknown): void => {
    // Several calls may be in flight when storage fails; the user hears of it once.
    if (failed) return;
    failed = true;
    onUnavailable(error);
  };

  const attempt = async <T>(call: (store: DocumentStore) => Promise<T>): Promise<T> => {
    if (failed) return call(memory);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`storage did not answer within ${String(timeoutMs)} ms`));
        }, timeoutMs);
      });
      // Called synchronously, so that a save started as the page hides reaches IndexedDB in time.
      return await Promise.race([call(primary), timeout]);
    } catch (error) {
      giveUp(error);
      return await call(memory);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    save: (record) => attempt((store) => store.save(record)),
    get: (id) => attempt((store) => store.get(id)),
    list: () => attempt((store) => store.list()),
    remove: (id) => attempt((store) => store.remove(id)),
    current: () => attempt((store) => store.current()),
    setCurrent: (id) => attempt((store) => store.setCurrent(id)),
  };
}
