/**
 * The serializer (SPEC §2): canonical text for blocks built in the app, and the exact source
 * text for blocks that were read from a file and not changed since. A block is written in its
 * own style: brace blocks as `.tars`, Markdown-style blocks as fences and prose.
 */
import { readBlockAt } from './brace-reader';
import { printCodeBlock } from './code-block';
import { newContext } from './lenient-context';
import { CELL_BREAK, printMarkdownBlock, readMarkdownDocument } from './markdown-reader';
import { printPropertyBlock } from './property-block';
import { propertyValuesEqual } from './property-value-printer';
import type { Block, CodeBlock, MetascriptDocument, PropertyBlock, PropertyEntry } from './types';

/**
 * Writes a document as text in its dialect. Each code, property and raw block is followed by a
 * line break (except the last when `trailingNewline` is false); trivia is written as it is, so
 * trivia placed before a block should end with a line break.
 */
export function serializeMetascript(doc: MetascriptDocument): string {
  const parts: string[] = [];
  const crlf = doc.lineBreak === '\r\n';
  // Two prose cells in a row would read back as one unless a cell break stands between them.
  let afterProse = false;
  for (const block of doc.blocks) {
    if (block.type === 'trivia') {
      parts.push(block.text);
      // A cell break, or a fence's line, already stands between them.
      if (block.text.trim() !== '') afterProse = false;
      continue;
    }
    const prose = isMarkdownProse(block);
    if (prose && afterProse) parts.push(`${CELL_BREAK}${crlf ? '\r' : ''}\n`);
    parts.push(`${blockText(block, crlf)}\n`);
    afterProse = prose;
  }
  const last = doc.blocks.at(-1);
  if (doc.trailingNewline === false && last !== undefined && last.type !== 'trivia') {
    parts[parts.length - 1] = blockText(last, crlf, true);
  }
  return parts.join('');
}

/**
 * Each block's text as the document writes it, and the 1-based line it starts on: what a
 * reader of one block (the TARS DSL) needs to say where in the document it is.
 */
export function blockSources(doc: MetascriptDocument): { readonly text: string; readonly line: number }[] {
  const crlf = doc.lineBreak === '\r\n';
  const sources: { text: string; line: number }[] = [];
  let line = 1;
  let afterProse = false;
  for (const block of doc.blocks) {
    if (block.type === 'trivia') {
      sources.push({ text: block.text, line });
      line += lineBreaks(block.text);
      if (block.text.trim() !== '') afterProse = false;
      continue;
    }
    const prose = isMarkdownProse(block);
    if (prose && afterProse) line += 1;
    const text = blockText(block, crlf);
    sources.push({ text, line });
    line += lineBreaks(text) + 1;
    afterProse = prose;
  }
  return sources;
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function isMarkdownProse(block: Block): boolean {
  return block.type === 'code' && block.kind === 'MARKDOWN' && block.style === 'markdown';
}

/**
 * A block's text, up to its last line break; a printed one in a CRLF document ends its lines
 * with CRLF, its last line too unless it ends the text (`final`).
 */
function blockText(block: Exclude<Block, { type: 'trivia' }>, crlf: boolean, final = false): string {
  const lines = (printed: string) => (crlf ? `${printed.replaceAll('\n', '\r\n')}${final ? '' : '\r'}` : printed);
  switch (block.type) {
    case 'code':
      if (typeof block.raw === 'string' && rawStillMatches(block.raw, block)) return block.raw;
      return lines(block.style === 'markdown' ? printMarkdownBlock(block) : printCodeBlock(block.kind, block.name, block.code, block.binary === true, block.indent));
    case 'properties':
      return block.raw !== null && rawStillMatches(block.raw, block) ? block.raw : lines(printPropertyBlock(block.kind, block.name, block.properties));
    case 'raw':
      return block.text;
    default:
      return assertNever(block);
  }
}

/** Source texts already read back, so that saving a large document does not read it all again. */
const reread = new Map<string, Block | null>();
const REREAD_LIMIT = 4096;

/** What `raw`, written in `block`'s style and indentation, reads as; null when it is not one block. */
function readBack(raw: string, block: CodeBlock | PropertyBlock): Block | null {
  const key = `${block.type === 'code' ? (block.style ?? 'brace') : 'properties'}|${block.type === 'code' ? (block.indent ?? '') : ''}|${raw}`;
  const known = reread.get(key);
  if (known !== undefined) return known;
  let result: Block | null;
  if (block.type === 'code' && block.style === 'markdown') {
    // A leading byte-order mark is the document's, not the block's: one put first is skipped.
    const blocks = readMarkdownDocument(`\uFEFF${raw}`).blocks.filter((candidate) => candidate.type !== 'trivia');
    result = blocks.length === 1 ? (blocks[0] ?? null) : null;
  } else if (/^[A-Za-z_]/.test(raw)) {
    const context = newContext(raw, (start, indent, depth) => readBlockAt(context, start, indent, depth));
    const read = readBlockAt(context, 0, block.type === 'code' ? (block.indent ?? '') : '', 0);
    result = read.end === raw.length ? read.block : null;
  } else {
    result = null;
  }
  if (reread.size >= REREAD_LIMIT) reread.clear();
  reread.set(key, result);
  return result;
}

/**
 * Whether `raw` still reads as `block`. An edit made with `{...block, code}` carries the old
 * `raw` along; checking here means such an edit is written, never silently replaced by the
 * text it was meant to change.
 */
function rawStillMatches(raw: string, block: CodeBlock | PropertyBlock): boolean {
  const again = readBack(raw, block);
  if (again === null || again.type !== block.type || again.kind !== block.kind || again.name !== block.name) return false;
  if (again.type === 'code' && block.type === 'code') return again.code === block.code && (again.binary === true) === (block.binary === true);
  if (again.type === 'properties' && block.type === 'properties') return entriesEqual(again.properties, block.properties);
  return false;
}

function entriesEqual(a: readonly PropertyEntry[], b: readonly PropertyEntry[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry.key === b[i]?.key && entry.verbatim === b[i].verbatim && propertyValuesEqual(entry.value, b[i].value));
}

function assertNever(value: never): never {
  throw new Error(`unexpected block ${JSON.stringify(value)}`);
}
