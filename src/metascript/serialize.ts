/**
 * The `.tars` serializer (SPEC §2): canonical text for blocks built in the app, and the exact
 * source text for blocks that were parsed from a file and not changed since.
 */
import { printCodeBlock } from './code-block';
import { parseMetascript } from './parse';
import { printPropertyBlock } from './property-block';
import { propertyValuesEqual } from './property-value-printer';
import type { Block, CodeBlock, MetascriptDocument, PropertyBlock, PropertyEntry } from './types';

/**
 * Writes a document as `.tars` text. Each code, property and raw block is followed by a line
 * break (except the last when `trailingNewline` is false); trivia is written as it is, so trivia
 * placed before a block should end with a line break.
 */
export function serializeMetascript(doc: MetascriptDocument): string {
  const parts = doc.blocks.map((block) => (block.type === 'trivia' ? block.text : `${blockText(block)}\n`));
  const last = doc.blocks.at(-1);
  if (doc.trailingNewline === false && last !== undefined && last.type !== 'trivia') {
    parts[parts.length - 1] = blockText(last);
  }
  return parts.join('');
}

function blockText(block: Exclude<Block, { type: 'trivia' }>): string {
  switch (block.type) {
    case 'code':
      return typeof block.raw === 'string' && rawStillMatches(block.raw, block)
        ? block.raw
        : printCodeBlock(block.kind, block.name, block.code, block.binary === true);
    case 'properties':
      return block.raw !== null && rawStillMatches(block.raw, block)
        ? block.raw
        : printPropertyBlock(block.kind, block.name, block.properties);
    case 'raw':
      return block.text;
    default:
      return assertNever(block);
  }
}

/**
 * Whether `raw` still reads as `block`. An edit made with `{...block, code}` carries the old
 * `raw` along; checking here means such an edit is written, never silently replaced by the
 * text it was meant to change.
 */
function rawStillMatches(raw: string, block: CodeBlock | PropertyBlock): boolean {
  const parsed = parseMetascript(raw);
  if (!parsed.ok || parsed.document.blocks.length !== 1) return false;
  const [reread] = parsed.document.blocks;
  if (reread === undefined || reread.type !== block.type || reread.kind !== block.kind || reread.name !== block.name) {
    return false;
  }
  if (reread.type === 'code' && block.type === 'code') return reread.code === block.code && (reread.binary === true) === (block.binary === true);
  if (reread.type === 'properties' && block.type === 'properties') return entriesEqual(reread.properties, block.properties);
  return false;
}

function entriesEqual(a: readonly PropertyEntry[], b: readonly PropertyEntry[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry.key === b[i]?.key && propertyValuesEqual(entry.value, b[i].value));
}

function assertNever(value: never): never {
  throw new Error(`unexpected block ${JSON.stringify(value)}`);
}
