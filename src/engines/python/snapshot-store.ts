/**
 * The start-up snapshot in IndexedDB, in a database of its own. The database is opened when the
 * store is made: the worker makes it before any policy takes IndexedDB off the worker's global
 * scope, so that the engine can still keep the snapshot it makes after that.
 */
import { createStore, del, get, set } from 'idb-keyval';
import type { SnapshotStore, StoredSnapshot } from './snapshot';

const KEY = 'python';

function isStoredSnapshot(value: unknown): value is StoredSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const field = (name: keyof StoredSnapshot): unknown => Reflect.get(value, name);
  return typeof field('key') === 'string' && field('bytes') instanceof Uint8Array && typeof field('sha256') === 'string' && typeof field('normalStartMs') === 'number';
}

/** The store, or null where this scope has no IndexedDB (Node, or a browser that refuses it). */
export function createIndexedDbSnapshotStore(databaseName = 'tars-python-snapshot'): SnapshotStore | null {
  let database: ReturnType<typeof createStore>;
  try {
    if (typeof indexedDB === 'undefined') return null;
    database = createStore(databaseName, 'snapshots');
  } catch {
    return null;
  }
  return {
    async read() {
      const value: unknown = await get(KEY, database);
      return isStoredSnapshot(value) ? value : null;
    },
    write: (snapshot) => set(KEY, snapshot, database),
    clear: () => del(KEY, database),
  };
}
