import { describe, expect, it } from 'vitest';
import { parseMetascript } from '../../../src/metascript/parse';
import { printPropertyValue } from '../../../src/metascript/property-value-printer';
import { parsePropertyValue } from '../../../src/metascript/property-value-reader';
import { serializeMetascript } from '../../../src/metascript/serialize';
import type { Block, CodeKind, MetascriptDocument, PropertyKind, PropertyValue } from '../../../src/metascript/types';
import { seededRandom } from '../seeded-random';

function parseOk(text: string): MetascriptDocument {
  const result = parseMetascript(text);
  if (!result.ok) throw new Error(`unexpected syntax error ${result.error.line}:${result.error.column} ${result.error.message}`);
  return result.document;
}

describe('serializeMetascript: canonical text', () => {
  it('indents code by 4 spaces and leaves empty lines empty', () => {
    const doc: MetascriptDocument = {
      blocks: [
        { type: 'code', kind: 'PYTHON', name: 'f', code: 'def f():\n\n    return {"a": 1}\n}' },
        { type: 'code', kind: 'MARKDOWN', name: null, code: '' },
      ],
    };
    expect(serializeMetascript(doc)).toBe('PYTHON f {\n    def f():\n\n        return {"a": 1}\n    }\n}\nMARKDOWN {\n}\n');
  });

  it('writes property blocks one entry per line', () => {
    const doc: MetascriptDocument = {
      blocks: [
        {
          type: 'properties',
          kind: 'CONFIG',
          name: null,
          properties: [
            { key: 'packages', value: ['numpy', 'pandas'] },
            { key: 'limits', value: { memory: 256, 'odd key': [true, null] } },
            { key: 'note', value: 'line one\nline two' },
          ],
          raw: null,
        },
        { type: 'properties', kind: 'VARIABLE', name: 'radius', properties: [{ key: 'value', value: 6371 }], raw: null },
        { type: 'properties', kind: 'DESCRIBE', name: null, properties: [], raw: null },
      ],
    };
    expect(serializeMetascript(doc)).toBe(
      'CONFIG {\n' +
        '    packages: ["numpy", "pandas"]\n' +
        '    limits: {memory: 256, "odd key": [true, null]}\n' +
        '    note: """line one\nline two"""\n' +
        '}\n' +
        'VARIABLE radius {\n    value: 6371\n}\n' +
        'DESCRIBE {\n}\n',
    );
  });

  it('writes trivia and raw blocks as they are', () => {
    const doc: MetascriptDocument = {
      blocks: [
        { type: 'trivia', text: '// intro\n\n' },
        { type: 'raw', kind: 'FSHARP', name: null, text: 'FSHARP {\n  let x = "}"\n}' },
        { type: 'trivia', text: '\n' },
      ],
    };
    expect(serializeMetascript(doc)).toBe('// intro\n\nFSHARP {\n  let x = "}"\n}\n\n');
  });

  it('leaves out the final line break only when trailingNewline is false and a block ends the document', () => {
    const code: Block = { type: 'code', kind: 'WASM', name: 'm', code: '(module)' };
    expect(serializeMetascript({ blocks: [code], trailingNewline: false })).toBe('WASM m {\n    (module)\n}');
    expect(serializeMetascript({ blocks: [code, { type: 'trivia', text: '// end' }], trailingNewline: false })).toBe(
      'WASM m {\n    (module)\n}\n// end',
    );
    expect(serializeMetascript({ blocks: [] })).toBe('');
  });
});

describe('printPropertyValue', () => {
  const cases: [PropertyValue, string][] = [
    ['plain', '"plain"'],
    ['say "hi" \\ {}', '"say \\"hi\\" \\\\ {}"'],
    ['tab\there', '"tab\\there"'],
    ['two\nlines', '"""two\nlines"""'],
    // These cannot be verbatim inside """…""", so they fall back to escapes.
    ['has """ inside\n', '"has \\"\\"\\" inside\\n"'],
    ['ends in a quote\n"', '"ends in a quote\\n\\""'],
    ['crlf\r\n', '"crlf\\r\\n"'],
    ['${radius}', '"${radius}"'],
    [0.1, '0.1'],
    [-0, '-0'],
    [1e21, '1e+21'],
    [Infinity, '1e999'],
    [-Infinity, '-1e999'],
    [[], '[]'],
    [{}, '{}'],
    [{ 'a-b': 1, '': 2, '1x': 3 }, '{a-b: 1, "": 2, "1x": 3}'],
  ];

  it.each(cases)('prints %j as %s, which reads back equal', (value, text) => {
    expect(printPropertyValue(value)).toBe(text);
    expect(parsePropertyValue(text)).toEqual({ ok: true, value });
  });

  it('prints NaN, which has no literal, as null', () => {
    expect(printPropertyValue(NaN)).toBe('null');
  });
});

describe('serializeMetascript: byte-exact round trips', () => {
  const texts: [string, string][] = [
    ['comments and blank lines between blocks', '// top\n\n/* multi\n   line */\nDESCRIBE {\n    name: "x"\n}\n\n\n// between\nPYTHON p {\n    1\n}\n   \n'],
    ['CRLF line endings', 'DESCRIBE {\r\n    name: "x" // c\r\n}\r\n\r\nPYTHON p {\r\n    if x:\r\n        y()\r\n}\r\nAGENT a {\r\n}\r\n'],
    [
      'nested TRY/CATCH and AGENT{FSHARP} with braces in strings',
      'TRY {\n    ACTION {\n        message: "}"\n    }\n    CATCH {\n        ACTION { message: \'{\' }\n    }\n}\nAGENT a {\n    FSHARP {\n        let x = "}"\n    }\n}\n',
    ],
    ['lower-case keywords', 'python x {\n  print(1)\n}\ndescribe {\n  name: "x"\n}\nfsharp {\n}\n'],
    ['odd spacing in headers and values', 'PYTHON\tx{\n    a\n}\nCONFIG   {\n    timeout :  30000 ,\n    packages: [ "a" ,"b" ]\n}\n'],
    ['no final line break', 'DESCRIBE {\n}\nPYTHON p {\n    1\n}'],
    ['a byte-order mark', '\uFEFFDESCRIBE {\n}\n'],
    ['a closing brace with trailing text on code lines', 'JAVASCRIPT j {\n    if (a) {\n    }\n}  \n}\n'],
    ['triple-quoted strings over several lines', 'DESCRIBE {\n    text: """\n  { not a block }\n}\n"""\n}\n'],
  ];

  it.each(texts)('keeps %s', (_, text) => {
    expect(serializeMetascript(parseOk(text))).toBe(text);
  });
});

describe('serializeMetascript: edited blocks', () => {
  it('writes a code block whose kept source no longer matches in canonical form', () => {
    const [block] = parseOk('python x {\n  print(1)\n}\n').blocks;
    if (block?.type !== 'code') throw new Error('expected a code block');
    expect(serializeMetascript({ blocks: [block] })).toBe('python x {\n  print(1)\n}\n');
    // An edit that spreads the old block carries the old raw along; it must not win.
    expect(serializeMetascript({ blocks: [{ ...block, code: 'print(2)' }] })).toBe('PYTHON x {\n    print(2)\n}\n');
    expect(serializeMetascript({ blocks: [{ ...block, name: 'y' }] })).toBe('PYTHON y {\n    print(1)\n}\n');
  });

  it('writes a property block whose kept source no longer matches in canonical form', () => {
    const [block] = parseOk('VARIABLE r {\n    value: 1 // km\n}\n').blocks;
    if (block?.type !== 'properties') throw new Error('expected a property block');
    expect(serializeMetascript({ blocks: [block] })).toBe('VARIABLE r {\n    value: 1 // km\n}\n');
    const edited = { ...block, properties: [{ key: 'value', value: 2 }] };
    expect(serializeMetascript({ blocks: [edited] })).toBe('VARIABLE r {\n    value: 2\n}\n');
  });
});

describe('serializeMetascript: documents built from canonical parts', () => {
  const next = seededRandom(7);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('empty choice');
    return item;
  };
  const TEXT_PIECES = ['a', ' ', '"', "'", '\\', '\n', '{', '}', '${x}', '"""', 'é', '😀', '\t', '\r', '\u0001', '//', '/*'];
  const randomText = (): string => Array.from({ length: Math.floor(next() * 8) }, () => pick(TEXT_PIECES)).join('');
  const randomValue = (depth: number): PropertyValue => {
    const choice = Math.floor(next() * (depth > 2 ? 4 : 6));
    if (choice === 0) return randomText();
    if (choice === 1) return pick([0, -1, 3.25, -0, 1e-7, 6371, 1e300, Infinity]);
    if (choice === 2) return pick([true, false]);
    if (choice === 3) return null;
    if (choice === 4) return Array.from({ length: Math.floor(next() * 3) }, () => randomValue(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(next() * 3) }, () => [randomText(), randomValue(depth + 1)]));
  };
  // Code is canonical when its first line does not start with whitespace (nothing to de-indent)
  // and no line ends in a carriage return.
  const CODE_LINES = ['x = 1', '    y = {"}": 2}', '', '}', '  `${a}`', 'if a {', '\t\tz', '   '];
  const randomCode = (): string => {
    const lines = Array.from({ length: Math.floor(next() * 5) }, () => pick(CODE_LINES));
    return lines.length === 0 ? '' : ['first()', ...lines].join('\n');
  };
  const randomName = (): string | null => pick([null, 'a', 'cell_2', 'Radius']);
  const randomBlock = (): Block => {
    const choice = Math.floor(next() * 4);
    if (choice === 0) return { type: 'code', kind: pick<CodeKind>(['PYTHON', 'JAVASCRIPT', 'WASM', 'MARKDOWN']), name: randomName(), code: randomCode() };
    if (choice === 1) {
      return {
        type: 'properties',
        kind: pick<PropertyKind>(['DESCRIBE', 'CONFIG', 'VARIABLE', 'ACTION']),
        name: randomName(),
        properties: Array.from({ length: Math.floor(next() * 4) }, () => ({ key: pick(['value', 'a-b', 'odd key', '']), value: randomValue(0) })),
        raw: null,
      };
    }
    if (choice === 2) return { type: 'raw', kind: 'FSHARP', name: null, text: 'FSHARP {\n    let s = "}"\n}' };
    return { type: 'code', kind: 'PYTHON', name: null, code: 'pass' };
  };

  it('parse(serialize(doc)) equals doc', () => {
    for (let n = 0; n < 300; n++) {
      const blocks: Block[] = [];
      for (let i = Math.floor(next() * 6); i > 0; i--) {
        if (next() < 0.3) blocks.push({ type: 'trivia', text: pick(['\n', '// note\n', '\n/* } */\n\n']) });
        blocks.push(randomBlock());
      }
      const doc: MetascriptDocument = { blocks };
      expect(parseOk(serializeMetascript(doc))).toEqual(doc);
    }
  });
});
