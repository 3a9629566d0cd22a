/**
 * Property-based round trips (SPEC §2): documents in the canonical shape the parser produces
 * survive serialize → parse unchanged, canonical text survives parse → serialize byte for byte,
 * and the parser never throws on any string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMetascript } from '../../../src/metascript/parse';
import { printPropertyValue } from '../../../src/metascript/property-value-printer';
import { parsePropertyValue } from '../../../src/metascript/property-value-reader';
import { serializeMetascript } from '../../../src/metascript/serialize';
import type {
  Block,
  CodeBlock,
  CodeKind,
  MetascriptDocument,
  PropertyBlock,
  PropertyKind,
  PropertyValue,
  RawBlock,
  TriviaBlock,
} from '../../../src/metascript/types';

const RUNS = { numRuns: 250 };

// --- Text pieces -------------------------------------------------------------------------

/** Pieces that mean something to the format or to the languages inside it. */
const TRICKY = [
  ...['{', '}', '${x}', '`', '"', "'", '"""', '//', '/*', '*/', '\\', '\\n', ':', ',', '[', ']'],
  // Astral, the highest code point, a lone surrogate, a byte-order mark, a control character.
  ...['é', '😀', '\u{10FFFF}', '\uD83D', '\uFEFF', '\u0001', '\t', ' ', 'x', 'PYTHON p {', 'null'],
];

/** Any Unicode text, astral characters included, up to `maxLength` code points. */
const unicode = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: 'binary', maxLength });

const trickyText = (maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.oneof(fc.constantFrom(...TRICKY), unicode(3)), { maxLength }).map((parts) => parts.join(''));

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
const blockName = fc.option(identifier, { nil: null });

// --- Code blocks -------------------------------------------------------------------------

/**
 * One line of code: no line break, and no carriage return at its end, which the parser reads
 * as part of a CRLF line break.
 */
const codeLineText = trickyText(6)
  .map((line) => line.replaceAll('\n', ''))
  .filter((line) => !line.endsWith('\r'));

const indent = fc.constantFrom('', ' ', '  ', '    ', '\t', '\t  ');

/** Any line: empty, only spaces, or indented text. A `}` line is fine: it is written indented. */
const codeLine = fc.oneof(fc.constant(''), indent, fc.tuple(indent, codeLineText).map(([lead, text]) => lead + text));

/** A line starting at column 0, so the lines share no indentation the parser would take off. */
const anchorLine = fc.tuple(fc.constantFrom('x', '}', '{', '#', '"', '😀', '`${a}`', 'é'), codeLineText).map(([first, rest]) => first + rest);

/** Code as the parser gives it back: de-indented, with no CR before a line break. */
const canonicalCode = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 1, max: 3 }).map((breaks) => '\n'.repeat(breaks)),
  fc
    .tuple(fc.array(codeLine, { maxLength: 3 }), anchorLine, fc.array(codeLine, { maxLength: 4 }))
    .map(([before, anchor, after]) => [...before, anchor, ...after].join('\n')),
);

const codeBlock: fc.Arbitrary<CodeBlock> = fc
  .tuple(fc.constantFrom<CodeKind>('PYTHON', 'JAVASCRIPT', 'WASM', 'MARKDOWN'), blockName, canonicalCode)
  .map(([kind, name, code]) => ({ type: 'code', kind, name, code }));

// --- Property blocks ---------------------------------------------------------------------

/** Strings with line breaks and quotes, which print as `"""…"""` or with escapes. */
const stringValue = fc.oneof(
  unicode(10),
  trickyText(8),
  fc.array(fc.oneof(trickyText(3), fc.constantFrom('\n', '\r\n')), { maxLength: 5 }).map((parts) => parts.join('')),
);

const numberValue = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(0, -0, 1e21, 5e-324, 6371, 0.1));

const propertyKey = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,6}$/),
  fc.constantFrom('odd key', '', '1x', 'a-b', '"""', '__proto__', 'true', '//'),
  unicode(5),
);

const { value: propertyValue } = fc.letrec<{ value: PropertyValue }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    stringValue,
    numberValue,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc
      .uniqueArray(fc.tuple(propertyKey, tie('value')), { selector: ([key]) => key, maxLength: 3 })
      .map((members): PropertyValue => Object.fromEntries(members)),
  ),
}));

const propertyBlock: fc.Arbitrary<PropertyBlock> = fc
  .tuple(
    fc.constantFrom<PropertyKind>('DESCRIBE', 'CONFIG', 'VARIABLE', 'ACTION'),
    blockName,
    fc.array(fc.record({ key: propertyKey, value: propertyValue }, { noNullPrototype: true }), { maxLength: 4 }),
  )
  .map(([kind, name, properties]) => ({ type: 'properties', kind, name, properties, raw: null }));

// --- Unknown blocks and trivia -----------------------------------------------------------

const rawBlock: fc.Arbitrary<RawBlock> = fc.constantFrom<RawBlock>(
  { type: 'raw', kind: 'FSHARP', name: null, text: 'FSHARP {\n    let s = "}"\n}' },
  { type: 'raw', kind: 'AGENT', name: 'a', text: "AGENT a {\n    FSHARP {\n        let f (y: 'a) = y // }\n    }\n}" },
  { type: 'raw', kind: 'TRY', name: null, text: 'TRY {\n    ACTION { type: "log" }\n} CATCH {\n}' },
);

/** Lines the parser keeps between blocks: blank, comments, indented text. */
const triviaLine = fc.constantFrom(
  ...['', '   ', '\t', '\r', '// note {', '/* } */', '/* multi\nPYTHON hidden {\n}\n*/', '    indented ${x} "text', ' }'],
);
const trivia = fc.array(triviaLine, { minLength: 1, maxLength: 3 }).map((lines) => lines.map((line) => `${line}\n`).join(''));
/** Trivia that ends the document need not end with a line break. */
const trailingTrivia = fc
  .tuple(fc.option(trivia, { nil: '' }), fc.constantFrom('', '// end', '   ', '/* end */'))
  .map(([lines, last]) => lines + last)
  .filter((text) => text !== '');

// --- Documents ---------------------------------------------------------------------------

/**
 * A document as the parser produces it: at most one trivia block between two others, trivia
 * that ends with a line break before every block (a byte-order mark may lead the first), and
 * `trailingNewline: false` only when a block ends the document.
 */
const nonTriviaBlock: fc.Arbitrary<Block> = fc.oneof(
  { weight: 3, arbitrary: codeBlock },
  { weight: 3, arbitrary: propertyBlock },
  { weight: 1, arbitrary: rawBlock },
);

const canonicalDocument: fc.Arbitrary<MetascriptDocument> = fc
  .record({
    body: fc.array(fc.tuple(fc.option(trivia, { nil: null }), nonTriviaBlock), { maxLength: 6 }),
    byteOrderMark: fc.boolean(),
    trailing: fc.option(trailingTrivia, { nil: null }),
    noFinalLineBreak: fc.boolean(),
  })
  .map(({ body, byteOrderMark, trailing, noFinalLineBreak }) => {
    const blocks: Block[] = [];
    body.forEach(([before, block], i) => {
      const text = i === 0 && byteOrderMark ? `\uFEFF${before ?? ''}` : before;
      if (text !== null) blocks.push({ type: 'trivia', text } satisfies TriviaBlock);
      blocks.push(block);
    });
    if (trailing !== null) blocks.push({ type: 'trivia', text: trailing });
    const last = blocks.at(-1);
    return noFinalLineBreak && last !== undefined && last.type !== 'trivia' ? { blocks, trailingNewline: false } : { blocks };
  });

/** Fragments that steer random text into headers, values, strings and comments. */
const FORMAT_FRAGMENTS = [
  ...['PYTHON x {\n', 'markdown {\n', 'CONFIG {\n', 'VARIABLE v {', 'TRY {', '} ELSE {', '}\n', '}', '{', '\n', '\r\n'],
  ...['    ', '\t', '"', "'", '"""', '//', '/*', '*/', 'a: ', '1', '-', '.', 'e5', '[', ']', ',', ':', '\\', '${x}', 'x', '😀', '\uFEFF', 'true'],
];
const formatText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FORMAT_FRAGMENTS) }, { weight: 1, arbitrary: unicode(2) }), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Parses `text`, which must not throw, and checks that whatever parses writes back byte for byte. */
function expectParsesOrFailsCleanly(text: string): void {
  const result = parseMetascript(text);
  if (result.ok) {
    expect(serializeMetascript(result.document)).toBe(text);
  } else {
    expect(result.error.line).toBeGreaterThanOrEqual(1);
    expect(result.error.column).toBeGreaterThanOrEqual(1);
  }
}

describe('round trip properties', () => {
  it('parse(serialize(doc)) equals doc', () => {
    fc.assert(
      fc.property(canonicalDocument, (doc) => {
        expect(parseMetascript(serializeMetascript(doc))).toStrictEqual({ ok: true, document: doc });
      }),
      RUNS,
    );
  });

  it('serialize(parse(text)) gives back canonical text byte for byte', () => {
    fc.assert(
      fc.property(canonicalDocument, (doc) => {
        const text = serializeMetascript(doc);
        const parsed = parseMetascript(text);
        expect(parsed.ok && serializeMetascript(parsed.document)).toBe(text);
      }),
      RUNS,
    );
  });

  it('reads every printed property value back equal', () => {
    fc.assert(
      fc.property(propertyValue, (value) => {
        expect(parsePropertyValue(printPropertyValue(value))).toStrictEqual({ ok: true, value });
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary Unicode text, and round-trips whatever parses', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), expectParsesOrFailsCleanly), RUNS);
    // UTF-16 code units, so lone surrogates turn up too.
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    fc.assert(fc.property(fc.string({ unit: codeUnit }), expectParsesOrFailsCleanly), RUNS);
  });

  it('never throws on text built from format fragments, and round-trips whatever parses', () => {
    fc.assert(fc.property(formatText, expectParsesOrFailsCleanly), { numRuns: 1000 });
  });

  it('never throws on edits of canonical text, and round-trips whatever parses', () => {
    const edited = fc
      .tuple(canonicalDocument, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', ...FORMAT_FRAGMENTS)), { minLength: 1, maxLength: 3 }))
      .map(([doc, edits]) =>
        edits.reduce((text, [at, removed, inserted]) => {
          const i = text.length === 0 ? 0 : at % text.length;
          return text.slice(0, i) + inserted + text.slice(i + removed);
        }, serializeMetascript(doc)),
      );
    fc.assert(fc.property(edited, expectParsesOrFailsCleanly), RUNS);
  });
});
