/**
 * The document store in IndexedDB, through idb-keyval, in a database of the playground's own.
 * Records live under `document:<id>`; an index of their summaries lets the Recent list and the
 * pruning read a few hundred bytes instead of every document's text. Which document a tab shows
 * is kept per tab in sessionStorage (so that two tabs each reload their own), and in IndexedDB
 * for the next new tab.
 */
import { createStore, del, get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { byRecency, isDocumentRecord, isDocumentSummary, MAX_DOCUMENTS, overflowIds, summaryOf, type DocumentStore, type DocumentSummary } from './document-store';

const INDEX_KEY = 'index';
const CURRENT_KEY = 'current';
const TAB_KEY = 'tars-playground:current-document';

/** The part of sessionStorage the store uses. */
export type TabMemory = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface IndexedDbStoreOptions {
  /** The IndexedDB database; tests use their own. */
  readonly databaseName?: string;
  /** This tab's memory; null when there is none (Node). */
  readonly tab?: TabMemory | null;
  readonly max?: number;
}

function recordKey(id: string): string {
  return `document:${id}`;
}

function readIndex(value: unknown): DocumentSummary[] {
  return Array.isArray(value) ? value.filter(isDocumentSummary) : [];
}

/** sessionStorage, or null where reading it throws (sandboxed frames, storage turned off). */
function pageTabMemory(): TabMemory | null {
  try {
    return globalThis.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Opens the store. IndexedDB is opened on first use, so a browser without it (or one that
 * refuses it in private mode) rejects a call instead of throwing here.
 */
export function createIndexedDbStore(options: IndexedDbStoreOptions = {}): DocumentStore {
  const { databaseName = 'tars-playground', max = MAX_DOCUMENTS } = options;
  const tab = options.tab === undefined ? pageTabMemory() : options.tab;
  let opened: UseStore | undefined;
  const database = (): UseStore => (opened ??= createStore(databaseName, 'documents'));
  // Writing the tab's memory is a convenience; a tab that refuses it still saves documents.
  const tabRead = (): string | null => {
    try {
      return tab?.getItem(TAB_KEY) ?? null;
    } catch {
      return null;
    }
  };
  const tabWrite = (id: string | null): void => {
    try {
      if (id === null) tab?.removeItem(TAB_KEY);
      else tab?.setItem(TAB_KEY, id);
    } catch {
      // Nothing to do: the shared pointer below still reopens the document.
    }
  };

  const store: DocumentStore = {
    async save(record) {
      // One transaction, so that the record and the index never disagree.
      await database()('readwrite', (objects) => {
        objects.put(record, recordKey(record.id));
        const request = objects.get(INDEX_KEY);
        request.onsuccess = () => {
          const summaries = [summaryOf(record), ...readIndex(request.result).filter((summary) => summary.id !== record.id)];
          const dropped = new Set(overflowIds(summaries, max));
          for (const id of dropped) objects.delete(recordKey(id));
          objects.put(summaries.filter((summary) => !dropped.has(summary.id)).sort(byRecency), INDEX_KEY);
        };
        return promisifyRequest(objects.transaction);
      });
    },
    async get(id) {
      const value: unknown = await get(recordKey(id), database());
      return isDocumentRecord(value) && value.id === id ? value : undefined;
    },
    async list() {
      return readIndex(await get(INDEX_KEY, database())).sort(byRecency);
    },
    async remove(id) {
      await database()('readwrite', (objects) => {
        objects.delete(recordKey(id));
        const index = objects.get(INDEX_KEY);
        index.onsuccess = () => {
          objects.put(
            readIndex(index.result).filter((summary) => summary.id !== id),
            INDEX_KEY,
          );
        };
        const current = objects.get(CURRENT_KEY);
        current.onsuccess = () => {
          if (current.result === id) objects.delete(CURRENT_KEY);
        };
        return promisifyRequest(objects.transaction);
      });
      if (tabRead() === id) tabWrite(null);
    },
    async current() {
      const own = tabRead();
      // Another tab may have deleted this tab's document; then the last one any tab showed.
      if (own !== null && (await store.get(own))) return own;
      const shared: unknown = await get(CURRENT_KEY, database());
      return typeof shared === 'string' ? shared : null;
    },
    async setCurrent(id) {
      tabWrite(id);
      await (id === null ? del(CURRENT_KEY, database()) : set(CURRENT_KEY, id, database()));
    },
  };
  return store;
}
