/**
 * Which dialect a document is written in (SPEC §2), found from its content, and from its file's
 * extension when the content could be either.
 */
import type { Dialect } from './types';

/** How far into a document the signs are looked for; a dialect shows itself early. */
const SCAN_LINES = 400;

const SHEBANG_TRSX = /^\uFEFF?#!.*\btrsx\b/;
const PROGRAM = /^program\s*\{\s*(\/\/.*)?$/i;
const HEADER = /^[A-Za-z_][\w-]*(\s+[^:\s][^:]*?)?\s*\{/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^#{1,6}\s+\S/;
const MARKDOWN_FILE = /\.(md|markdown|meta)$/i;
const BRACE_FILE = /\.tars$/i;
const TEXT_FILE = /\.txt$/i;
const KNOWN_HEADER = /^(PYTHON|JAVASCRIPT|WASM|MARKDOWN|DESCRIBE|CONFIG|VARIABLE|ACTION)\b[^\n:]*\{/im;
/** Text that starts like an XML or HTML document. */
export const XML_START = /^\uFEFF?\s*<(\?xml|[A-Za-z!])/;

const DIALECTS: readonly string[] = ['brace', 'markdown', 'unified', 'text'] satisfies readonly Dialect[];

/** Whether a value read back from storage names a dialect. */
export function isDialect(value: unknown): value is Dialect {
  return typeof value === 'string' && DIALECTS.includes(value);
}

/** The dialect of `text`; `fileName`, when known, settles a document that could be read either way. */
export function detectDialect(text: string, fileName?: string): Dialect {
  if (SHEBANG_TRSX.test(text)) return 'unified';
  let headers = 0;
  let firstHeader = Infinity;
  let firstFence = Infinity;
  let headings = 0;
  let program = false;
  const lines = text.split('\n', SCAN_LINES);
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (PROGRAM.test(line)) program = true;
    if (HEADER.test(line.replace(/^\uFEFF/, ''))) {
      headers++;
      firstHeader = Math.min(firstHeader, index);
    }
    if (FENCE.test(line)) firstFence = Math.min(firstFence, index);
    if (HEADING.test(line)) headings++;
  }
  if (program) return 'unified';
  const markdownSigns = firstFence !== Infinity || headings > 0 || /^\uFEFF?---\r?\n/.test(text);
  if (fileName !== undefined && MARKDOWN_FILE.test(fileName)) return 'markdown';
  // A text file is read as blocks only when it holds blocks the playground knows.
  if (fileName !== undefined && TEXT_FILE.test(fileName) && !KNOWN_HEADER.test(text)) return 'text';
  if (headers > 0 && firstHeader < firstFence) return 'brace';
  if (markdownSigns) return fileName !== undefined && BRACE_FILE.test(fileName) && headers > 0 ? 'brace' : 'markdown';
  if (headers > 0) return 'brace';
  if (XML_START.test(text)) return 'text';
  return text.trim() === '' ? 'brace' : 'text';
}
