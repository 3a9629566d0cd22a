/**
 * Opening the first document (start-document.ts decides which): the autosaved document goes in
 * first, so that whatever the address asks for can fail without losing it, then the share link,
 * `?src` or `?example` is opened over it. Once it is open, it leaves the address bar.
 */
import type { Notebook } from '../runtime/notebook';
import type { Autosave } from './autosave';
import type { DocumentStore } from './document-store';
import type { LinkTarget } from './open-share-link';
import { MAX_DOCUMENT_BYTES, readStreamCapped, tooLargeReason } from './size-cap';
import type { StartRequest } from './start-document';
import { recoverUnsaved, type UnsavedJournal } from './unsaved-journal';

export interface StartContext {
  /** What the address asks for (`planStart`). */
  readonly request: StartRequest;
  readonly notebook: Pick<Notebook, 'load'>;
  readonly store: DocumentStore;
  readonly autosave: Pick<Autosave, 'reopen'>;
  /** Edits the last page wrote as it went away, put into the store before anything opens. */
  readonly journal: UnsavedJournal;
  /** Opens the hash's share link, now and on later hash changes (`openShareLinks`); resolves once the first is open. */
  readonly openLinks: (target: LinkTarget) => Promise<void>;
  /** The text of a file of this site; rejects with a message fit to show. */
  readonly fetchText: (url: string) => Promise<string>;
  readonly setNotice: (message: string | null) => void;
  /** Takes the opened document out of the address bar (`history.replaceState`). */
  readonly forgetAddress: () => void;
}

/**
 * Fetches a file for `?src` or `?example`; a missing file is an error, not a document. A file
 * past `cap` bytes is refused by its Content-Length when the server gives one, else as soon as
 * the running count of its body passes the cap (a compressed response's length says nothing of
 * the text, so the count always runs).
 */
export async function fetchText(url: string, fetcher: typeof fetch = fetch, cap: number = MAX_DOCUMENT_BYTES): Promise<string> {
  const response = await fetcher(url);
  if (!response.ok) throw new Error(`HTTP ${String(response.status)}${response.statusText ? ` ${response.statusText}` : ''}`);
  // Single-page hosts answer a missing path with the app's own page.
  if (response.headers.get('content-type')?.includes('text/html')) throw new Error('the server sent a web page, so the path is probably wrong');
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > cap) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(tooLargeReason(cap));
  }
  if (response.body === null) return '';
  const bytes = await readStreamCapped(response.body, cap);
  if (bytes === null) throw new Error(tooLargeReason(cap));
  return new TextDecoder().decode(bytes);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Opens the autosaved document this tab showed last; false when there is none or it was refused. */
async function restoreSaved(context: StartContext): Promise<boolean> {
  await recoverUnsaved(context.journal, context.store);
  const id = await context.store.current();
  const record = id === null ? undefined : await context.store.get(id);
  return record !== undefined && context.autosave.reopen(record);
}

/** Opens the page's first document. Never rejects: every failure becomes a notice. */
export async function openStartDocument(context: StartContext): Promise<void> {
  const { request, notebook, setNotice } = context;
  const restored = await restoreSaved(context).catch(() => false);
  const fallback = restored ? 'Your last document is shown instead.' : 'The welcome document is shown instead.';
  await context.openLinks({
    load(text, options) {
      notebook.load(text, options);
      context.forgetAddress();
    },
    showError: setNotice,
  });
  if (request.kind === 'refused') setNotice(`${request.message} ${fallback}`);
  if (request.kind !== 'fetch') return;
  let text: string;
  try {
    text = await context.fetchText(request.url);
  } catch (error) {
    setNotice(`Could not open ${request.label}: ${reason(error)}. ${fallback}`);
    return;
  }
  // Files of this site come with the app, so they are as trusted as the app itself (SPEC §8).
  // The file's extension helps to find its dialect.
  notebook.load(text, { trusted: true, fileName: new URL(request.url).pathname });
  context.forgetAddress();
}
