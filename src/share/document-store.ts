/**
 * Where documents are kept between visits: one small interface, with an IndexedDB adapter
 * (indexeddb-store.ts) for the page and an in-memory one for tests and for browsers that
 * refuse storage (fallback-store.ts).
 */
import type { Dialect } from '../metascript/types';

/** A saved document. */
export interface DocumentRecord {
  /** Stable for the document's life: a new document gets a new id, typing keeps it. */
  readonly id: string;
  /** The document's DESCRIBE name, or "Untitled metascript". */
  readonly title: string;
  /** The document's text, in its dialect. */
  readonly text: string;
  /** The dialect it was written in; absent in records saved before dialects, which are found from the text. */
  readonly dialect?: Dialect;
  /** Whether the document was trusted when saved; it opens again the same way. */
  readonly trusted: boolean;
  /** When it was last saved, in ms since the epoch. */
  readonly updatedAt: number;
}

/** What the Recent list shows: a record without its text. */
export type DocumentSummary = Omit<DocumentRecord, 'text'>;

export interface DocumentStore {
  /** Writes a record, replacing one with the same id, and drops the oldest beyond `MAX_DOCUMENTS`. */
  save(record: DocumentRecord): Promise<void>;
  /** The record with this id, if it is kept. */
  get(id: string): Promise<DocumentRecord | undefined>;
  /** Every kept document, most recently saved first. */
  list(): Promise<DocumentSummary[]>;
  /** Forgets a document; forgetting the current one also clears `current()`. */
  remove(id: string): Promise<void>;
  /** The id of the document this tab shows, so that a reload opens it again; null when none. */
  current(): Promise<string | null>;
  /** Records the document this tab shows (null: none). */
  setCurrent(id: string | null): Promise<void>;
}

/** How many documents are kept; a history, not an archive, so the oldest go. */
export const MAX_DOCUMENTS = 20;

/** A fresh document id. */
export function newDocumentId(): string {
  return crypto.randomUUID();
}

/** Most recent first; equal times by id, so that the order is stable. */
export function byRecency(a: DocumentSummary, b: DocumentSummary): number {
  return b.updatedAt - a.updatedAt || a.id.localeCompare(b.id);
}

/** The ids to drop so that at most `max` documents remain: the oldest. */
export function overflowIds(summaries: readonly DocumentSummary[], max: number = MAX_DOCUMENTS): string[] {
  return summaries
    .toSorted(byRecency)
    .slice(max)
    .map((summary) => summary.id);
}

export function summaryOf({ id, title, trusted, updatedAt }: DocumentRecord): DocumentSummary {
  return { id, title, trusted, updatedAt };
}

/** Whether a value read back from storage is a summary (storage may hold anything, or older shapes). */
export function isDocumentSummary(value: unknown): value is DocumentSummary {
  if (typeof value !== 'object' || value === null) return false;
  const field = (key: keyof DocumentSummary): unknown => Reflect.get(value, key);
  return typeof field('id') === 'string' && typeof field('title') === 'string' && typeof field('trusted') === 'boolean' && typeof field('updatedAt') === 'number';
}

/** Whether a value read back from storage is a whole record. */
export function isDocumentRecord(value: unknown): value is DocumentRecord {
  return isDocumentSummary(value) && typeof Reflect.get(value, 'text') === 'string';
}

/** A store in memory: for tests, and for the rest of the page's life when storage fails. */
export function createMemoryStore(max: number = MAX_DOCUMENTS): DocumentStore {
  const records = new Map<string, DocumentRecord>();
  let currentId: string | null = null;
  return {
    save(record) {
      records.set(record.id, record);
      for (const id of overflowIds([...records.values()], max)) records.delete(id);
      return Promise.resolve();
    },
    get: (id) => Promise.resolve(records.get(id)),
    list: () => Promise.resolve([...records.values()].map(summaryOf).sort(byRecency)),
    remove(id) {
      records.delete(id);
      if (currentId === id) currentId = null;
      return Promise.resolve();
    },
    current: () => Promise.resolve(currentId),
    setCurrent(id) {
      currentId = id;
      return Promise.resolve();
    },
  };
}
