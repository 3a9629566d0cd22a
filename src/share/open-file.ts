/**
 * Opening a file the user picked or dropped. Its origin is unknown, so it opens untrusted and
 * the trust banner asks before anything runs. Any text file of a metascript's kind opens: its
 * dialect is found from its content and its extension, and what does not parse is kept as
 * inert blocks.
 */
import type { Notebook } from '../runtime/notebook';
import { MAX_DOCUMENT_BYTES, tooLargeReason } from './size-cap';

/** The file types the picker offers, in the form of `<input accept>`. */
export const OPENABLE_TYPES = '.tars,.trsx,.md,.meta,.txt,.xml';

const OPENABLE = /\.(tars|trsx|md|meta|txt|markdown|xml)$/i;

/** Whether a file name is one the playground opens. */
export function isOpenableFile(name: string): boolean {
  return OPENABLE.test(name);
}

/** Where an opened file goes, and where a refusal is said. */
export interface FileTarget {
  readonly notebook: Pick<Notebook, 'load'>;
  readonly setNotice: (message: string | null) => void;
}

/**
 * Reads and opens a file, untrusted. Resolves to whether it became the document; never rejects.
 * A file past `cap` bytes is refused by its size, before a byte of it is read.
 */
export async function openFile(file: Pick<File, 'name' | 'size' | 'text'>, target: FileTarget, cap: number = MAX_DOCUMENT_BYTES): Promise<boolean> {
  if (!isOpenableFile(file.name)) {
    target.setNotice(`${file.name} was not opened: the playground opens .tars, .trsx, .md, .meta, .txt and .xml files.`);
    return false;
  }
  if (file.size > cap) {
    target.setNotice(`${file.name} was not opened: ${tooLargeReason(cap)}. Your current document is unchanged.`);
    return false;
  }
  let content: string;
  try {
    content = await file.text();
  } catch (error) {
    target.setNotice(`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}.`);
    return false;
  }
  target.notebook.load(content, { trusted: false, fileName: file.name });
  target.setNotice(null);
  return true;
}
