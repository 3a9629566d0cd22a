/**
 * Property-based checks of the three dialects (SPEC §2, "nothing is refused"): documents of
 * each dialect, interleaved with junk (unbalanced braces and quotes, byte-order marks, CRLF,
 * tabs, unknown kinds, deep nesting), always open, and an unedited round trip is byte for byte.
 * An edit to one cell changes only that cell.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../../src/metascript/dialect';
import { openMetascript } from '../../../src/metascript/open';
import { parseMetascript } from '../../../src/metascript/parse';
import { serializeMetascript } from '../../../src/metascript/serialize';
import type { Block, Dialect } from '../../../src/metascript/types';
import { createNotebook } from '../../../src/runtime/notebook';

const RUNS = { numRuns: 300 };

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/);
const name = fc.option(word, { nil: null });
const codeLine = fc.stringMatching(/^[ a-z0-9_=+(){}[\]"':.,#<>-]{0,16}$/);
const code = fc.array(codeLine, { minLength: 1, maxLength: 4 });

/** Text that means something to some reader, or to none. */
const JUNK = [
  '{', '}', '}}', '{{', '"', "'", '"""', '""""', '`', '/*', '*/', '//', '#', '\uFEFF', '\t', '\r', ':', '|',
  'FOO {', 'meta {', 'ui {', 'TRY {', '} ELSE {', 'program {', '```', '~~~', '```yaml', '---', '# Title', '<!-- cell -->',
  'PYTHON {', 'ACTION {', 'VARIABLE v {', 'x: Date.now(),', '...rest,', 'value: |', '#!/usr/bin/env trsx', '<?xml version="1.0"?>',
  'A { '.repeat(40), '}'.repeat(40), 'é😀', '\u0000',
];
const junkLine = fc.array(fc.oneof(fc.constantFrom(...JUNK), codeLine), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));

const indented = (lines: readonly string[], by: string): string[] => lines.map((line) => (line === '' ? '' : by + line));

const codeKind = fc.constantFrom('PYTHON', 'JAVASCRIPT', 'WASM', 'MARKDOWN', 'python');
const braceCode = fc.tuple(codeKind, name, code).map(([kind, label, lines]) => [`${kind}${label === null ? '' : ` ${label}`} {`, ...indented(lines, '    '), '}']);
const verbatimValue = fc.constantFrom('Date.now()', '"run_" + id', '{\n        a: 1,\n        ...rest\n    }', '|\n        one\n        two', '"say "hi" twice"', '[1, 2,]', "'x'", '42');
const propertyBlock = fc
  .tuple(fc.constantFrom('DESCRIBE', 'CONFIG', 'VARIABLE', 'ACTION', 'describe'), name, fc.array(fc.tuple(word, verbatimValue), { maxLength: 3 }), fc.boolean())
  .map(([kind, label, entries, nested]) => [
    `${kind}${label === null ? '' : ` ${label}`} {`,
    ...entries.map(([key, value]) => `    ${key}: ${value}`),
    ...(nested ? ['    FSHARP {', '        let x = "}"', '    }'] : []),
    '}',
  ]);
const rawBlock = fc.tuple(fc.constantFrom('FSHARP', 'PROMPT', 'TRY', 'meta', 'FOR x IN xs'), code).map(([kind, lines]) => [`${kind} {`, ...indented(lines, '    '), '}']);
const braceBlock = fc.oneof(braceCode, propertyBlock, rawBlock);

const fenceTag = fc.constantFrom('python', 'py', 'js', 'javascript', 'wat', 'yaml', 'fsharp', 'f#', 'bash', 'json', 'csharp', '', 'tars');
const fence = fc.tuple(fenceTag, name, code).map(([tag, label, lines]) => [`\`\`\`${tag}${label === null ? '' : ` ${label}`}`, ...lines, '```']);
const prose = fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z ,.]{0,20}$/), { minLength: 1, maxLength: 3 });
const markdownPiece = fc.oneof(fence, prose, word.map((title) => [`# ${title}`]), fc.constant<string[]>(['<!-- cell -->']), fc.constant<string[]>(['']));

/** Lines joined with LF or CRLF, junk lines put in between, maybe a BOM and a final line break. */
function document(pieces: fc.Arbitrary<string[][]>, head: readonly string[] = []): fc.Arbitrary<string> {
  return fc
    .tuple(pieces, fc.array(fc.tuple(fc.nat(), junkLine), { maxLength: 3 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
    .map(([blocks, junk, newline, bom, finalBreak]) => {
      const lines = [...head, ...blocks.flat()];
      for (const [at, line] of junk) lines.splice(at % (lines.length + 1), 0, line);
      const text = lines.join(newline) + (finalBreak ? newline : '');
      return bom ? `\uFEFF${text}` : text;
    });
}

const braceDocument = document(fc.array(braceBlock, { maxLength: 5 }));
const markdownDocument = document(fc.array(markdownPiece, { maxLength: 6 }));
const unifiedDocument = fc
  .array(braceBlock, { maxLength: 4 })
  .chain((blocks) => document(fc.constant([['program {'], ...blocks.map((lines) => indented(lines, '    ')), ['}']]), ['#!/usr/bin/env trsx', '# made by a tool', 'title: "Nightly"', 'version: "2.0"', '']));
const anyText = fc.oneof(braceDocument, markdownDocument, unifiedDocument, fc.string({ unit: 'binary', maxLength: 60 }), junkLine);

function expectRoundTrip(text: string, options: { fileName?: string; dialect?: Dialect } = {}): void {
  const opened = openMetascript(text, options);
  expect(serializeMetascript(opened)).toBe(text);
}

const cellsOf = (blocks: readonly Block[]) => blocks.flatMap((block) => (block.type === 'code' ? [[block.kind, block.name, block.code]] : []));

describe('every dialect opens, and comes back byte for byte', () => {
  it('brace documents with junk', () => {
    fc.assert(fc.property(braceDocument, (text) => { expectRoundTrip(text); }), RUNS);
  });

  it('Markdown metascripts with junk', () => {
    fc.assert(fc.property(markdownDocument, (text) => { expectRoundTrip(text, { fileName: 'notes.md' }); }), RUNS);
  });

  it('Unified TRSX with junk', () => {
    fc.assert(fc.property(unifiedDocument, (text) => { expectRoundTrip(text, { fileName: 'report.trsx' }); }), RUNS);
  });

  it('any text, read in any dialect, with any file name', () => {
    const dialect = fc.constantFrom<Dialect | undefined>(undefined, 'brace', 'markdown', 'unified', 'text');
    const fileName = fc.constantFrom(undefined, 'a.tars', 'a.trsx', 'a.md', 'a.meta', 'a.txt');
    fc.assert(fc.property(anyText, dialect, fileName, (text, forced, file) => { expectRoundTrip(text, { ...(forced ? { dialect: forced } : {}), ...(file ? { fileName: file } : {}) }); }), RUNS);
  });

  // Where they differ on purpose: the strict reader lets a string in an unknown block run
  // across later blocks, the lenient one stops it at a block's closing or header line.
  it('whatever the strict reader accepts without unknown blocks, the lenient one reads to the same cells', () => {
    fc.assert(
      fc.property(braceDocument, (text) => {
        const strict = parseMetascript(text);
        if (!strict.ok || strict.document.blocks.some((block) => block.type === 'raw')) return;
        expect(cellsOf(openMetascript(text, { dialect: 'brace' }).blocks)).toEqual(cellsOf(strict.document.blocks));
      }),
      RUNS,
    );
  });

  it('a deeply nested document opens without overflowing the stack', () => {
    const deep = `${'A {\n'.repeat(20_000)}${'}\n'.repeat(20_000)}`;
    expectRoundTrip(deep);
    const properties = `ACTION {\n${'    X {\n'.repeat(5_000)}${'    }\n'.repeat(5_000)}}\n`;
    expectRoundTrip(properties);
    expect(detectDialect(deep)).toBe('brace');
  });
});

describe('an edit changes only the cell edited', () => {
  const newCode = fc.array(fc.stringMatching(/^[a-z][a-z0-9 =+()"{}]{0,12}$/), { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));

  it.each([
    ['brace', braceDocument, 'a.tars'],
    ['Markdown', markdownDocument, 'a.md'],
    ['Unified TRSX', unifiedDocument, 'a.trsx'],
  ] as const)('in a %s document', (_, documents, fileName) => {
    fc.assert(
      fc.property(documents, fc.nat(), newCode, (text, pick, edited) => {
        const notebook = createNotebook('');
        notebook.load(text, { fileName });
        const cells = notebook.cells().filter((cell) => cell.kind !== 'MARKDOWN');
        const target = cells[pick % Math.max(cells.length, 1)];
        if (!target) return;
        const before = notebook.cells().map((cell) => [cell.kind, cell.name, cell.code]);
        const inertBefore = notebook.state.items.flatMap((item) => (item.type === 'block' && item.block.type === 'raw' ? [item.block.text] : []));
        notebook.setCode(target.id, edited);
        const reopened = createNotebook('');
        reopened.load(notebook.text(), { fileName, dialect: notebook.state.dialect });
        const expected = notebook.cells().map((cell) => [cell.kind, cell.name, cell.id === target.id ? edited : cell.code]);
        expect(reopened.cells().map((cell) => [cell.kind, cell.name, cell.code])).toEqual(expected);
        expect(expected.filter((_, index) => notebook.cells()[index]?.id !== target.id)).toEqual(before.filter((_, index) => notebook.cells()[index]?.id !== target.id));
        expect(reopened.state.items.flatMap((item) => (item.type === 'block' && item.block.type === 'raw' ? [item.block.text] : []))).toEqual(inertBefore);
      }),
      RUNS,
    );
  });
});
