/**
 * Markdown export (SPEC §2, "Fenced Markdown"): a brace document written as a Markdown
 * metascript, which markdown-reader.ts reads back. Cells become fences, prose stays prose, and
 * blocks with no Markdown form travel in ```tars fences.
 */
import { CELL_BREAK } from './markdown-reader';
import { printFence } from './markdown-fence';
import { serializeMetascript } from './serialize';
import type { CodeBlock, MetascriptDocument, PropertyBlock, RawBlock } from './types';

/** The fence language for blocks written as metascript text. */
const TARS_LANGUAGE = 'tars';

/**
 * Writes a document as Markdown, which the Markdown reader reads back: MARKDOWN cells as prose,
 * PYTHON, JAVASCRIPT and WASM cells as ```python, ```javascript and ```wat fences with the cell
 * name after the language, and property and unknown blocks as ```tars fences holding their
 * `.tars` text, so nothing but trivia (blank lines and comments between blocks) is lost. Blocks
 * are separated by one blank line, and the text ends with a line break unless it is empty.
 */
export function exportMarkdown(doc: MetascriptDocument): string {
  const parts: string[] = [];
  let previousIsProse = false;
  for (const block of doc.blocks) {
    if (block.type === 'trivia') continue;
    const isProse = block.type === 'code' && block.kind === 'MARKDOWN';
    // Blank prose would read back as nothing, so it is not written at all.
    if (isProse && block.code.trim() === '') continue;
    if (isProse && previousIsProse) parts.push(CELL_BREAK);
    parts.push(blockMarkdown(block));
    previousIsProse = isProse;
  }
  return parts.length === 0 ? '' : `${parts.join('\n\n')}\n`;
}

function blockMarkdown(block: CodeBlock | PropertyBlock | RawBlock): string {
  if (block.type !== 'code') return printFence(TARS_LANGUAGE, serializeMetascript({ blocks: [block] }).slice(0, -1));
  const info = (language: string): string => (block.name === null ? language : `${language} ${block.name}`);
  const { kind } = block;
  switch (kind) {
    case 'MARKDOWN':
      return block.code;
    case 'PYTHON':
      return printFence(info('python'), block.code);
    case 'JAVASCRIPT':
      return printFence(info('javascript'), block.code);
    case 'WASM':
      return printFence(info('wat'), block.code);
    default:
      return assertNever(kind);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected cell kind ${JSON.stringify(value)}`);
}
