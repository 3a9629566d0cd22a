/**
 * Markdown import and export (SPEC §2, "Fenced Markdown"): `.md` files and TARS's fenced
 * `.meta` files. Fenced blocks tagged python, javascript or wat are cells, the prose between
 * them is MARKDOWN cells, and blocks with no Markdown form travel in ```tars fences.
 */
import { closesFence, printFence, readFenceOpening, stripFenceIndent, type FenceOpening } from './markdown-fence';
import { parseMetascript } from './parse';
import { serializeMetascript } from './serialize';
import type { Block, CodeBlock, CodeKind, MetascriptDocument, PropertyBlock, RawBlock } from './types';

/** Fence languages that become cells; the info string's first word is matched in lower case. */
const CELL_LANGUAGES: ReadonlyMap<string, CodeKind> = new Map([
  ['python', 'PYTHON'],
  ['py', 'PYTHON'],
  ['javascript', 'JAVASCRIPT'],
  ['js', 'JAVASCRIPT'],
  ['wat', 'WASM'],
]);

/** The fence language for blocks written as metascript text. */
const TARS_LANGUAGE = 'tars';

/**
 * Written between two MARKDOWN cells in a row, which would otherwise read back as one. It is an
 * HTML comment, so Markdown viewers show nothing.
 */
const CELL_BREAK = '<!-- cell -->';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads a Markdown file as a document. Fenced blocks (``` or ~~~) tagged python/py,
 * javascript/js or wat become PYTHON, JAVASCRIPT and WASM cells, named by the info string's
 * second word when it is an identifier (```python area). A ```tars fence becomes the blocks it
 * holds, or stays prose when it does not parse. All other text, fences in other languages
 * included, becomes MARKDOWN cells, trimmed of blank lines at either end. Line breaks may be LF
 * or CRLF. Never throws: any text is some mix of prose and cells.
 */
export function importMarkdown(text: string): MetascriptDocument {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  // The final line break ends the last line; it does not start an empty one.
  if (lines.at(-1) === '') lines.pop();
  const blocks: Block[] = [];
  let prose: string[] = [];
  const endProse = (): void => {
    const cell = proseCell(prose);
    if (cell !== null) blocks.push(cell);
    prose = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const opening = readFenceOpening(line);
    if (opening === null) {
      if (line.trim() === CELL_BREAK) endProse();
      else prose.push(line);
      i++;
      continue;
    }
    // An unclosed fence runs to the end of the file, as in CommonMark.
    let close = i + 1;
    while (close < lines.length && !closesFence(lines[close] ?? '', opening)) close++;
    const code = lines
      .slice(i + 1, close)
      .map((content) => stripFenceIndent(content, opening.indent))
      .join('\n');
    const cells = fencedBlocks(opening, code);
    if (cells === null) {
      prose.push(...lines.slice(i, close + 1));
    } else {
      endProse();
      blocks.push(...cells);
    }
    i = close + 1;
  }
  endProse();
  return { blocks };
}

/**
 * Writes a document as Markdown, the inverse of `importMarkdown`: MARKDOWN cells as prose,
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

/** The blocks a fence stands for, or null when it is prose. */
function fencedBlocks(opening: FenceOpening, code: string): Block[] | null {
  const kind = CELL_LANGUAGES.get(opening.language);
  if (kind !== undefined) {
    const name = opening.label !== null && IDENTIFIER.test(opening.label) ? opening.label : null;
    return [{ type: 'code', kind, name, code }];
  }
  if (opening.language !== TARS_LANGUAGE) return null;
  const parsed = parseMetascript(code);
  if (!parsed.ok) return null;
  // Comments between the blocks are kept; trivia must end in a line break to precede a block.
  const blocks = parsed.document.blocks.flatMap((block): Block[] => {
    if (block.type !== 'trivia') return [block];
    if (block.text.trim() === '') return [];
    return [{ type: 'trivia', text: block.text.endsWith('\n') ? block.text : `${block.text}\n` }];
  });
  return blocks.length === 0 ? null : blocks;
}

/** A MARKDOWN cell from prose lines without the blank lines at either end, or null if all blank. */
function proseCell(lines: readonly string[]): CodeBlock | null {
  const isBlank = (line: string | undefined): boolean => line !== undefined && line.trim() === '';
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start])) start++;
  while (end > start && isBlank(lines[end - 1])) end--;
  if (start === end) return null;
  return { type: 'code', kind: 'MARKDOWN', name: null, code: lines.slice(start, end).join('\n') };
}

function assertNever(value: never): never {
  throw new Error(`unexpected cell kind ${JSON.stringify(value)}`);
}
