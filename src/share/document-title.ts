/** A document's title, as the header shows it and the Recent list keeps it. */
import { unwrap } from 'solid-js/store';
import { documentProperty } from '../runtime/document-settings';
import type { Notebook } from '../runtime/notebook';

/** The title of a document without a DESCRIBE name. */
export const UNTITLED = 'Untitled metascript';

/** What File ▸ New document opens: no cells, just the name it is listed under. */
export const NEW_DOCUMENT = `DESCRIBE {\n    name: "${UNTITLED}"\n}\n`;

/**
 * The DESCRIBE name; else a Unified TRSX header's `title:`, or a Markdown metascript's first
 * heading; else "Untitled metascript".
 */
export function documentTitle(notebook: Notebook): string {
  const name = documentProperty(notebook, 'DESCRIBE', 'name');
  if (typeof name === 'string' && name.trim() !== '') return name;
  return writtenTitle(notebook) ?? UNTITLED;
}

/** Walks the items unwrapped, as documentProperty does; the Markdown cells' code stays tracked, since editing a heading retitles. */
function writtenTitle(notebook: Notebook): string | null {
  for (const item of unwrap(notebook.state.items)) {
    if (item.type === 'block' && item.block.type === 'raw' && item.block.kind === 'HEADER') {
      const title = /^\s*title:\s*"?([^"\n]*?)"?\s*$/m.exec(item.block.text)?.[1]?.trim();
      if (title) return title;
    }
    if (item.type === 'cell' && item.source?.style === 'markdown') {
      const cell = notebook.state.cells[item.cellId];
      const heading = cell?.kind === 'MARKDOWN' ? /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(cell.code)?.[1] : undefined;
      if (heading) return heading;
    }
  }
  return null;
}
