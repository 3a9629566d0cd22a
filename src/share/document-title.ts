/** A document's title, as the header shows it and the Recent list keeps it. */
import { documentProperty } from '../runtime/document-settings';
import type { Notebook } from '../runtime/notebook';

/** The title of a document without a DESCRIBE name. */
export const UNTITLED = 'Untitled metascript';

/** What File ▸ New document opens: no cells, just the name it is listed under. */
export const NEW_DOCUMENT = `DESCRIBE {\n    name: "${UNTITLED}"\n}\n`;

/** The DESCRIBE name, or "Untitled metascript". */
export function documentTitle(notebook: Notebook): string {
  const name = documentProperty(notebook, 'DESCRIBE', 'name');
  return typeof name === 'string' && name.trim() !== '' ? name : UNTITLED;
}
