/**
 * Opens any text as a document (SPEC §2, "nothing is refused"): the dialect is found, and the
 * dialect's lenient reader turns what parses into cells and the rest into inert blocks that
 * hold their exact text. `serializeMetascript(openMetascript(text))` is `text`, byte for byte.
 */
import { readBraceDocument } from './brace-reader';
import { detectDialect } from './dialect';
import { documentInfo } from './inert-notes';
import { readMarkdownDocument } from './markdown-reader';
import type { Dialect, MetascriptDocument } from './types';

export interface OpenOptions {
  /** The file's name, when the text came from a file: its extension may settle the dialect. */
  readonly fileName?: string;
  /** Reads the text in this dialect rather than the one found. */
  readonly dialect?: Dialect;
}

/** Reads `text` in its dialect. Never throws, never refuses. */
export function openMetascript(text: string, options: OpenOptions = {}): MetascriptDocument {
  const dialect = options.dialect ?? detectDialect(text, options.fileName);
  switch (dialect) {
    case 'brace':
    case 'unified':
      return readBraceDocument(text, dialect);
    case 'markdown':
      return readMarkdownDocument(text);
    case 'text':
      return textDocument(text);
  }
}

/** A document with no structure the playground knows: one inert block holding all of it. */
function textDocument(text: string): MetascriptDocument {
  if (text === '') return { blocks: [], dialect: 'text' };
  const xml = /^\uFEFF?\s*<(\?xml|[A-Za-z!])/.test(text);
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const block = { type: 'raw', kind: xml ? 'XML' : 'TEXT', name: null, text: body, inert: documentInfo(xml ? 'xml' : null) } as const;
  return text.endsWith('\n') ? { blocks: [block], dialect: 'text' } : { blocks: [block], trailingNewline: false, dialect: 'text' };
}
