/**
 * Opens any text as a document (SPEC §2, "nothing is refused"): the dialect is found, and the
 * dialect's lenient reader turns what parses into cells and the rest into inert blocks that
 * hold their exact text. `serializeMetascript(openMetascript(text))` is `text`, byte for byte.
 */
import { readBraceDocument } from './brace-reader';
import { detectDialect, XML_START } from './dialect';
import { documentInfo } from './inert-notes';
import { readMarkdownDocument } from './markdown-reader';
import { printCodeBlock } from './code-block';
import { printMarkdownBlock } from './markdown-reader';
import { printPropertyBlock } from './property-block';
import type { Block, Dialect, MetascriptDocument } from './types';

export interface OpenOptions {
  /** The file's name, when the text came from a file: its extension may settle the dialect. */
  readonly fileName?: string;
  /** Reads the text in this dialect rather than the one found. */
  readonly dialect?: Dialect;
}

/** Reads `text` in its dialect. Never throws, never refuses. */
export function openMetascript(text: string, options: OpenOptions = {}): MetascriptDocument {
  const document = readIn(text, options.dialect ?? detectDialect(text, options.fileName));
  // The first line break tells how the text's lines end.
  const firstBreak = text.indexOf('\n');
  if (firstBreak <= 0 || text[firstBreak - 1] !== '\r') return document;
  // Edited blocks are written with CRLF; so that an unedited block that was written with LF
  // keeps its LF, each one keeps its source text.
  return { ...document, blocks: document.blocks.map(withSource), lineBreak: '\r\n' };
}

function withSource(block: Block): Block {
  if (block.type === 'code' && typeof block.raw !== 'string') {
    const source = block.style === 'markdown' ? printMarkdownBlock(block) : printCodeBlock(block.kind, block.name, block.code, block.binary === true, block.indent);
    return { ...block, raw: source };
  }
  if (block.type === 'properties' && block.raw === null) return { ...block, raw: printPropertyBlock(block.kind, block.name, block.properties) };
  return block;
}

function readIn(text: string, dialect: Dialect): MetascriptDocument {
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
  const xml = XML_START.test(text);
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const block = { type: 'raw', kind: xml ? 'XML' : 'TEXT', name: null, text: body, inert: documentInfo(xml ? 'xml' : null) } as const;
  return text.endsWith('\n') ? { blocks: [block], dialect: 'text' } : { blocks: [block], trailingNewline: false, dialect: 'text' };
}
