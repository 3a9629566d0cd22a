/**
 * Code blocks (PYTHON, JAVASCRIPT, WASM, MARKDOWN). The body ends at the first line that is
 * exactly `}`, so the code inside is never scanned for braces, strings or `${…}`.
 */
import { printHeader, type BlockHeader, type ReadBlock } from './block-header';
import { fail } from './syntax-failure';
import { isInlineSpace, lineEnd } from './text-cursor';
import type { CodeBlock, CodeKind } from './types';

const INDENT = '    ';

/**
 * Reads the code block whose header is `header`. `indent` is the indentation of the header's
 * line inside a container such as `program { … }`: the block closes at a line that is exactly
 * `indent` and `}`.
 */
export function readCodeBlock(text: string, header: BlockHeader, kind: CodeKind, indent = ''): ReadBlock<CodeBlock> {
  if (header.binary && kind !== 'WASM') fail(`only a WASM block can hold a binary module; remove (binary) from the ${kind} block`, header.start);
  const headerEnd = lineEnd(text, header.brace);
  for (let i = header.brace + 1; i < headerEnd; i++) {
    if (!isInlineSpace(text[i])) fail(`the ${kind} block's code starts on the line after {`, i);
  }
  const bodyStart = headerEnd + 1;
  let lineStart = bodyStart;
  let closeEnd = -1;
  while (lineStart <= text.length) {
    const end = lineEnd(text, lineStart);
    const length = end - lineStart;
    const close = lineStart + indent.length;
    if (text[close] === '}' && text.startsWith(indent, lineStart) && (length === indent.length + 1 || (length === indent.length + 2 && text[close + 1] === '\r'))) {
      closeEnd = end;
      break;
    }
    lineStart = end + 1;
  }
  if (closeEnd === -1) fail(`the ${kind} block is never closed: end it with a line that is just }`, header.start);

  // The body's lines run up to the line break before the closing `}`.
  const body = lineStart > bodyStart ? text.slice(bodyStart, lineStart - 1).split('\n') : [];
  const code = dedent(body.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))).join('\n');
  const source = text.slice(header.start, closeEnd);
  const canonical = printCodeBlock(kind, header.name, code, header.binary, indent);
  const plain: CodeBlock = header.binary ? { type: 'code', kind, name: header.name, code, binary: true } : { type: 'code', kind, name: header.name, code };
  const base: CodeBlock = indent === '' ? plain : { ...plain, indent };
  const block: CodeBlock = source === canonical ? base : { ...base, raw: source };
  return { block, end: closeEnd };
}

/**
 * The canonical text of a code block, up to and including its closing `}`. A nested block's
 * header line starts with `indent` in the text before it; its other lines carry it here.
 */
export function printCodeBlock(kind: CodeKind, name: string | null, code: string, binary = false, indent = ''): string {
  const header = printHeader(kind, name, binary);
  // An empty cell has no body line at all, so that `KIND {\n}` reads back as empty code.
  if (code === '') return `${header}\n${indent}}`;
  const body = code
    .split('\n')
    .map((line) => (line === '' ? '' : indent + INDENT + line))
    .join('\n');
  return `${header}\n${body}\n${indent}}`;
}

function indentLength(line: string): number {
  let i = 0;
  while (line[i] === ' ' || line[i] === '\t') i++;
  return i;
}

/** Removes the leading whitespace that all non-blank lines share; blank lines lose what they can of it. */
export function dedent(lines: readonly string[]): string[] {
  let indent: string | null = null;
  for (const line of lines) {
    const length = indentLength(line);
    if (length === line.length) continue;
    const lead = line.slice(0, length);
    indent = indent === null ? lead : lead.slice(0, sharedPrefixLength(indent, lead));
    if (indent === '') return [...lines];
  }
  const common = indent ?? '';
  return lines.map((line) => line.slice(sharedPrefixLength(common, line)));
}

function sharedPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
