/**
 * Opening a file the user picked or dropped. Its origin is unknown, so it opens untrusted and
 * the trust banner asks before anything runs. A file that does not parse takes the notebook's
 * load-failure path: the error and the text are shown and the current cells stay.
 */
import { importMarkdown } from '../metascript/markdown';
import { serializeMetascript } from '../metascript/serialize';
import type { Notebook } from '../runtime/notebook';
import { MAX_DOCUMENT_BYTES, tooLargeReason } from './size-cap';

/** The file types the picker offers, in the form of `<input accept>`. */
export const OPENABLE_TYPES = '.tars,.md,.meta,.txt';

const OPENABLE = /\.(tars|md|meta|txt|markdown)$/i;
const MARKDOWN = /\.(md|meta|markdown)$/i;

/** Whether a file name is one the playground opens. */
export function isOpenableFile(name: string): boolean {
  return OPENABLE.test(name);
}

/** A file's content as `.tars` text: Markdown (`.md`, fenced `.meta`) is imported, the rest read as is. */
export function documentTextOf(name: string, content: string): string {
  return MARKDOWN.test(name) ? serializeMetascript(importMarkdown(content)) : content;
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
    target.setNotice(`${file.name} was not opened: the playground opens .tars, .md, .meta and .txt files.`);
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
  const opened = target.notebook.load(documentTextOf(file.name, content), { trusted: false });
  if (opened) target.setNotice(null);
  return opened;
}
