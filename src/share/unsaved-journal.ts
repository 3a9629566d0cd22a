/**
 * The last edits of a page that is going away. An IndexedDB write started as the page hides is
 * not sure to finish before a reload or a closed tab tears the page down, so autosave also
 * writes the unsaved document to localStorage, which is synchronous, and the next start puts it
 * into the store if it is newer than what the store holds. One entry per document, so that two
 * tabs closing at once do not overwrite each other.
 */
import { isDocumentRecord, type DocumentRecord, type DocumentStore } from './document-store';
import { MAX_DOCUMENT_BYTES, textPastCap } from './size-cap';

export interface UnsavedJournal {
  /** Keeps a record that may not reach the store; synchronous, and never throws. */
  write(record: DocumentRecord): void;
  /** Every kept record, each removed as it is read. */
  takeAll(): DocumentRecord[];
}

const PREFIX = 'tars-playground:unsaved:';

/** The part of localStorage the journal uses. */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** localStorage, or null where reading it throws (sandboxed frames, storage turned off). */
function pageStorage(): JournalStorage | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null;
  }
}

/** A journal in `storage`; an entry past `cap` (a little more than the document's text) is dropped unread. */
export function createUnsavedJournal(storage: JournalStorage | null = pageStorage(), cap: number = MAX_DOCUMENT_BYTES): UnsavedJournal {
  // The entry is JSON around the text: room for the escapes and the other fields.
  const entryCap = 2 * cap + 4096;
  return {
    write(record) {
      try {
        storage?.setItem(PREFIX + record.id, JSON.stringify(record));
      } catch {
        // A full or refused localStorage leaves the IndexedDB write as the only chance.
      }
    },
    takeAll() {
      if (!storage) return [];
      const records: DocumentRecord[] = [];
      try {
        const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter((key): key is string => key?.startsWith(PREFIX) === true);
        for (const key of keys) {
          const entry = storage.getItem(key);
          storage.removeItem(key);
          const value = entry !== null && entry.length <= entryCap ? readJson(entry) : null;
          if (isDocumentRecord(value) && !textPastCap(value.text, cap)) records.push(value);
        }
      } catch {
        // Unreadable storage holds nothing to recover.
      }
      return records;
    },
  };
}

function readJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Puts each journalled record into the store where it is newer than the stored one. */
export async function recoverUnsaved(journal: UnsavedJournal, store: DocumentStore): Promise<void> {
  for (const record of journal.takeAll()) {
    const stored = await store.get(record.id);
    if (stored === undefined || stored.updatedAt < record.updatedAt) await store.save(record);
  }
}
