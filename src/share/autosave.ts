/**
 * Autosave: the open document is written to the store a moment after each edit, and at once
 * when the page is hidden or closed, so that a reload, a crash or a closed tab loses nothing.
 * Every newly opened document (a link, a file, an example, New) gets its own id and so its own
 * place in the Recent list; edits keep the id.
 */
import { createEffect, createRoot, on } from 'solid-js';
import type { Notebook } from '../runtime/notebook';
import { documentTitle } from './document-title';
import { newDocumentId, type DocumentRecord, type DocumentStore } from './document-store';
import { isDialect } from '../metascript/dialect';
import type { Dialect } from '../metascript/types';
import { MAX_DOCUMENT_BYTES, textPastCap, tooLargeReason } from './size-cap';
import type { UnsavedJournal } from './unsaved-journal';

/** What is written for the document: everything but the id and the time. */
interface Snapshot {
  readonly title: string;
  readonly text: string;
  readonly trusted: boolean;
  readonly dialect: Dialect;
}

export interface AutosaveOptions {
  readonly notebook: Notebook;
  readonly store: DocumentStore;
  /** The pause after the last edit before saving. */
  readonly delayMs?: number;
  readonly newId?: () => string;
  readonly now?: () => number;
  /** Registers a listener for the page being hidden or closed (see `onPageHide`). */
  readonly onPageHide?: (listener: () => void) => void;
  /** Where an edit still unsaved as the page hides is also written, synchronously. */
  readonly journal?: UnsavedJournal;
  /** The most bytes of text a saved document may hold; larger ones are neither saved nor reopened. */
  readonly cap?: number;
  /** Says why a document was not saved or not reopened (it is past the cap). */
  readonly warn?: (message: string) => void;
}

export interface Autosave {
  /** The id the open document is saved under; null while it has never been saved (the welcome document). */
  currentId(): string | null;
  /** The document was edited: saves it after a pause, under the current id. */
  changed(): void;
  /** Saves a pending edit now. */
  flush(): Promise<void>;
  /**
   * Opens a saved document under its own id, so that edits go on in its record; false if it no
   * longer parses, or if it is past the cap (then `warn` says so and the current document stays).
   */
  reopen(record: DocumentRecord): boolean;
}

export const AUTOSAVE_DELAY_MS = 300;

/** Calls `listener` when the page is hidden (tab switched, app backgrounded) or unloaded. */
export function onPageHide(listener: () => void): void {
  window.addEventListener('pagehide', listener);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') listener();
  });
}

function sameSnapshot(a: Snapshot | null, b: Snapshot): boolean {
  return a !== null && a.text === b.text && a.trusted === b.trusted;
}

/** Starts saving the notebook's documents; call `changed()` on each edit (`watchEdits` does). */
export function createAutosave(options: AutosaveOptions): Autosave {
  const { notebook, store, delayMs = AUTOSAVE_DELAY_MS, newId = newDocumentId, now = Date.now, cap = MAX_DOCUMENT_BYTES } = options;
  let id: string | null = null;
  /** What the store holds under `id`, so that an unchanged document is not written again. */
  let saved: Snapshot | null = null;
  /** The document as of the last edit; taken at once, because a load replaces it before the save. */
  let pending: Snapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The saved document being opened by `reopen`, whose load keeps its id. */
  let reopening: DocumentRecord | null = null;

  const snapshot = (): Snapshot => ({ title: documentTitle(notebook), text: notebook.text(), trusted: notebook.state.trusted, dialect: notebook.state.dialect });
  // The store never rejects in the page (fallback-store.ts); this keeps a test store's failure from surfacing.
  const quietly = (work: Promise<void>): Promise<void> => work.catch(() => undefined);
  const adopt = (next: string): void => {
    id = next;
    void quietly(store.setCurrent(next));
  };

  /** Whether a snapshot is too large to keep; the next start would refuse it anyway. */
  const pastCap = (next: Snapshot): boolean => {
    if (!textPastCap(next.text, cap)) return false;
    options.warn?.(`This document is not saved in this browser: ${tooLargeReason(cap)}. Use File ▸ Save as .tars to keep a copy.`);
    return true;
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const next = pending;
    pending = null;
    if (next === null || id === null || sameSnapshot(saved, next) || pastCap(next)) return Promise.resolve();
    saved = next;
    return quietly(store.save({ id, ...next, updatedAt: now() }));
  };

  notebook.onLoad(() => {
    // The last edits of the document being replaced still belong to its id.
    void flush();
    const record = reopening;
    reopening = null;
    if (record !== null) {
      saved = { title: record.title, text: record.text, trusted: record.trusted, dialect: notebook.state.dialect };
      adopt(record.id);
      return;
    }
    // A new document is saved at once, so that it is in the Recent list and survives a reload.
    saved = null;
    pending = snapshot();
    adopt(newId());
    void flush();
  });
  options.onPageHide?.(() => {
    // The IndexedDB write below may not outlive the page; the journal's write does.
    if (pending !== null && id !== null && !sameSnapshot(saved, pending) && !textPastCap(pending.text, cap)) options.journal?.write({ id, ...pending, updatedAt: now() });
    void flush();
  });

  return {
    currentId: () => id,
    changed() {
      if (id === null) adopt(newId());
      pending = snapshot();
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
    reopen(record) {
      // Saved by an older version, or written by hand: reading it in would freeze the tab.
      if (textPastCap(record.text, cap)) {
        options.warn?.(`“${record.title}” was not reopened: ${tooLargeReason(cap)}. Your current document is unchanged.`);
        return false;
      }
      reopening = record;
      try {
        notebook.load(record.text, { trusted: record.trusted, ...(isDialect(record.dialect) ? { dialect: record.dialect } : {}) });
        return true;
      } finally {
        reopening = null;
      }
    },
  };
}

/**
 * Tells autosave about every edit: a cell's code, name or kind, the blocks, and the trust flag.
 * Loads are left out (the first run is deferred and `createAutosave` hears loads itself), but a
 * load's effect run is harmless: its text is what was just saved. Returns the disposer.
 */
export function watchEdits(notebook: Notebook, autosave: Autosave): () => void {
  return createRoot((dispose) => {
    createEffect(
      on(
        () => [notebook.text(), notebook.state.trusted],
        () => {
          autosave.changed();
        },
        { defer: true },
      ),
    );
    return dispose;
  });
}
