import { describe, expect, it } from 'vitest';
import { parseMetascript } from '../../../src/metascript/parse';
import { parsePropertyValue } from '../../../src/metascript/property-value-reader';
import { serializeMetascript } from '../../../src/metascript/serialize';
import type { Block, MetascriptDocument, MetascriptSyntaxError } from '../../../src/metascript/types';
import { seededRandom } from '../seeded-random';

function parseOk(text: string): MetascriptDocument {
  const result = parseMetascript(text);
  if (!result.ok) throw new Error(`unexpected syntax error ${result.error.line}:${result.error.column} ${result.error.message}`);
  return result.document;
}

function parseError(text: string): MetascriptSyntaxError {
  const result = parseMetascript(text);
  if (result.ok) throw new Error('expected a syntax error');
  return result.error;
}

/** The one block of a document that holds a single block. */
function onlyBlock(text: string): Block {
  const { blocks } = parseOk(text);
  expect(blocks).toHaveLength(1);
  const [block] = blocks;
  if (block === undefined) throw new Error('no block');
  return block;
}

const CONFIG_SOURCE = `CONFIG {
    security: "standard"        // restrictive | standard | unrestricted
    timeout: 30000              // ms per cell; may only tighten the tier's limit
    packages: ["numpy"]         // loaded before the first Python cell
}`;

const SPEC_EXAMPLE = `DESCRIBE {
    name: "Orbit demo"
    version: "1.0"
}
${CONFIG_SOURCE}
VARIABLE radius {
    value: 6371
}
PYTHON area {
    import math
    area = 4 * math.pi * radius ** 2
    print(f"{area:.0f} km2")
}
JAVASCRIPT report {
    const text = \`area \${Math.round(area)}\`;
    text
}
MARKDOWN {
    # Result
    The radius was \${radius}.
}
`;

describe('parseMetascript: the SPEC §2 example', () => {
  it('reads every block with its kind, name and content', () => {
    expect(parseOk(SPEC_EXAMPLE).blocks).toEqual([
      {
        type: 'properties',
        kind: 'DESCRIBE',
        name: null,
        properties: [
          { key: 'name', value: 'Orbit demo' },
          { key: 'version', value: '1.0' },
        ],
        raw: null,
      },
      {
        type: 'properties',
        kind: 'CONFIG',
        name: null,
        properties: [
          { key: 'security', value: 'standard' },
          { key: 'timeout', value: 30000 },
          { key: 'packages', value: ['numpy'] },
        ],
        // The comments are not canonical, so the source is kept to be written back.
        raw: CONFIG_SOURCE,
      },
      { type: 'properties', kind: 'VARIABLE', name: 'radius', properties: [{ key: 'value', value: 6371 }], raw: null },
      {
        type: 'code',
        kind: 'PYTHON',
        name: 'area',
        code: 'import math\narea = 4 * math.pi * radius ** 2\nprint(f"{area:.0f} km2")',
      },
      { type: 'code', kind: 'JAVASCRIPT', name: 'report', code: 'const text = `area ${Math.round(area)}`;\ntext' },
      { type: 'code', kind: 'MARKDOWN', name: null, code: '# Result\nThe radius was ${radius}.' },
    ]);
  });

  it('writes the example back byte for byte', () => {
    expect(serializeMetascript(parseOk(SPEC_EXAMPLE))).toBe(SPEC_EXAMPLE);
  });
});

describe('parseMetascript: code blocks', () => {
  it('removes the indentation the body lines share, keeping deeper indents and blank lines', () => {
    const block = onlyBlock('PYTHON f {\n  def f(x):\n\n      return x\n  f(1)\n}\n');
    expect(block).toMatchObject({ kind: 'PYTHON', name: 'f', code: 'def f(x):\n\n    return x\nf(1)' });
  });

  it('de-indents tab-indented code and keeps the source to write back', () => {
    const text = 'PYTHON t {\n\tif x:\n\t\ty()\n}';
    expect(onlyBlock(text)).toEqual({ type: 'code', kind: 'PYTHON', name: 't', code: 'if x:\n\ty()', raw: text });
  });

  it('does not end at a } that is indented or followed by other text', () => {
    const text = 'JAVASCRIPT f {\n    function f() {\n        return { a: "}" };\n    }\n}  \n}\n';
    expect(onlyBlock(text)).toMatchObject({
      code: '    function f() {\n        return { a: "}" };\n    }\n}  ',
    });
  });

  it('never looks inside code: braces, quotes and ${...} pass through untouched', () => {
    const code = 'const s = "{";\nconst t = `${s} ${`${"}"}`}`;\n/* } */ t';
    const block = onlyBlock(`JAVASCRIPT q {\n${code.replace(/^/gm, '    ')}\n}\n`);
    expect(block).toEqual({ type: 'code', kind: 'JAVASCRIPT', name: 'q', code });
  });

  it('matches keywords case-insensitively and stores them in upper case', () => {
    const text = 'python x {\n    print(1)\n}\nWasm {\n    (module)\n}\n';
    const { blocks } = parseOk(text);
    expect(blocks).toEqual([
      { type: 'code', kind: 'PYTHON', name: 'x', code: 'print(1)', raw: 'python x {\n    print(1)\n}' },
      { type: 'code', kind: 'WASM', name: null, code: '(module)', raw: 'Wasm {\n    (module)\n}' },
    ]);
  });

  it('reads an empty block as empty code', () => {
    expect(onlyBlock('MARKDOWN {\n}\n')).toEqual({ type: 'code', kind: 'MARKDOWN', name: null, code: '' });
    expect(onlyBlock('MARKDOWN {\n\n}\n')).toMatchObject({ code: '', raw: 'MARKDOWN {\n\n}' });
  });

  it('reads a (binary) WASM block as a base64 module and writes it back as it was', () => {
    const text = 'WASM triple (binary) {\n    AGFzbQEAAAAB\n    BgFgAX4BfgMCAQA=\n}\n';
    expect(onlyBlock(text)).toEqual({ type: 'code', kind: 'WASM', name: 'triple', code: 'AGFzbQEAAAAB\nBgFgAX4BfgMCAQA=', binary: true });
    expect(serializeMetascript(parseOk(text))).toBe(text);
    expect(onlyBlock('wasm (binary)  {\n    AA==\n}\n')).toMatchObject({ kind: 'WASM', name: null, binary: true, raw: 'wasm (binary)  {\n    AA==\n}' });
    // A WAT block is not binary, and says nothing about it.
    expect(onlyBlock('WASM m {\n    (module)\n}\n')).toEqual({ type: 'code', kind: 'WASM', name: 'm', code: '(module)' });
  });

  it('drops CR from CRLF lines in the code but keeps them in the source', () => {
    const text = 'PYTHON c {\r\n    a = 1\r\n\r\n    b = 2\r\n}\r\n';
    expect(onlyBlock(text)).toEqual({ type: 'code', kind: 'PYTHON', name: 'c', code: 'a = 1\n\nb = 2', raw: text.slice(0, -1) });
  });
});

describe('parseMetascript: property blocks', () => {
  it('reads every kind of value', () => {
    const text = [
      'ACTION go {',
      '    double: "a \\"quoted\\" \\\\ \\n \\t \\u00e9 \\u{1F600}"',
      "    single: 'it\\'s {not} a brace'",
      '    triple: """line one',
      '  line "two" }',
      '"""',
      '    int: 42',
      '    negative: -7',
      '    float: 0.25',
      '    exponent: -1.5e3',
      '    yes: true',
      '    no: false',
      '    nothing: null',
      '    list: [1, "two", [3], {four: 4}]',
      '    "quoted key": {a: 1, "b c": [true, null], nested: {deep: "}"}}',
      '}',
    ].join('\n');
    const block = onlyBlock(text);
    expect(block).toMatchObject({ type: 'properties', kind: 'ACTION', name: 'go', raw: text });
    expect(block.type === 'properties' ? block.properties : []).toEqual([
      { key: 'double', value: 'a "quoted" \\ \n \t é 😀' },
      { key: 'single', value: "it's {not} a brace" },
      { key: 'triple', value: 'line one\n  line "two" }\n' },
      { key: 'int', value: 42 },
      { key: 'negative', value: -7 },
      { key: 'float', value: 0.25 },
      { key: 'exponent', value: -1500 },
      { key: 'yes', value: true },
      { key: 'no', value: false },
      { key: 'nothing', value: null },
      { key: 'list', value: [1, 'two', [3], { four: 4 }] },
      { key: 'quoted key', value: { a: 1, 'b c': [true, null], nested: { deep: '}' } } },
    ]);
  });

  it('reads arrays and objects across lines, with comments and optional commas', () => {
    const text = `CONFIG {
    packages: [
        "numpy",   // arrays
        "pandas"   /* and } braces in comments */
        'scipy',
    ]
    limits: {
        memory: 256 // MB
        cpu: 2,
    }
}`;
    const block = onlyBlock(text);
    expect(block.type === 'properties' ? block.properties : []).toEqual([
      { key: 'packages', value: ['numpy', 'pandas', 'scipy'] },
      { key: 'limits', value: { memory: 256, cpu: 2 } },
    ]);
  });

  it('reads a block written on one line, with entries separated by commas', () => {
    expect(onlyBlock('DESCRIBE { name: "x", version: 2 }  // done\n')).toMatchObject({
      properties: [
        { key: 'name', value: 'x' },
        { key: 'version', value: 2 },
      ],
      raw: 'DESCRIBE { name: "x", version: 2 }  // done',
    });
  });

  it('sets raw to null only when the source is canonical', () => {
    expect(onlyBlock('VARIABLE r {\n    value: [1, 2]\n}\n')).toMatchObject({ raw: null });
    expect(onlyBlock('VARIABLE r {\n    value: [1,2]\n}\n')).toMatchObject({ raw: 'VARIABLE r {\n    value: [1,2]\n}' });
    expect(onlyBlock('variable r {\n    value: 1\n}\n')).toMatchObject({ kind: 'VARIABLE', raw: 'variable r {\n    value: 1\n}' });
  });

  it('keeps a __proto__ key as data', () => {
    const result = parsePropertyValue('{__proto__: 1}');
    expect(result.ok && typeof result.value === 'object' && result.value !== null && Object.keys(result.value)).toEqual(['__proto__']);
  });
});

describe('parseMetascript: unknown kinds', () => {
  it('keeps nested TRY/CATCH blocks whole, braces in strings included', () => {
    const tryBlock = `TRY {
    ACTION {
        type: "log"
        message: "closing } early? no"
    }
    CATCH {
        ACTION { type: 'log', message: '{' }
    }
}`;
    expect(parseOk(`${tryBlock}\n`).blocks).toEqual([{ type: 'raw', kind: 'TRY', name: null, text: tryBlock }]);
  });

  it('keeps an AGENT with an FSHARP block and braces in strings, comments and type variables', () => {
    const agent = `AGENT analyst {
    FSHARP {
        let x = "}"
        let f (y: 'a) = y // }
        let s = """ { """
        (* F# comment *) let c = '{'
    }
}`;
    expect(onlyBlock(agent)).toEqual({ type: 'raw', kind: 'AGENT', name: 'analyst', text: agent });
  });

  it('continues a block through } ELSE { on the same line', () => {
    const text = 'IF {\n    condition: "x > 1"\n} ELSE {\n    ACTION { type: "noop" }\n}\nDESCRIBE {\n}\n';
    const { blocks } = parseOk(text);
    expect(blocks[0]).toEqual({ type: 'raw', kind: 'IF', name: null, text: text.slice(0, text.indexOf('\nDESCRIBE')) });
    expect(blocks[1]).toMatchObject({ type: 'properties', kind: 'DESCRIBE' });
  });

  it('accepts free-form headers and lower-case keywords', () => {
    expect(onlyBlock('for item in items {\n    PROMPT "say {hi}" { }\n}')).toMatchObject({ kind: 'FOR', name: null });
    expect(onlyBlock("fsharp tool {\n    printfn \"don't }\"\n}")).toMatchObject({ kind: 'FSHARP', name: 'tool' });
  });
});

describe('parseMetascript: text between blocks', () => {
  it('keeps blank lines and comments as trivia', () => {
    const text = '// header comment\n\nDESCRIBE {\n}\n\n/* a comment\nPYTHON hidden {\n*/\n   indented note\nPYTHON p {\n    1\n}\n// end';
    expect(parseOk(text).blocks).toEqual([
      { type: 'trivia', text: '// header comment\n\n' },
      { type: 'properties', kind: 'DESCRIBE', name: null, properties: [], raw: null },
      { type: 'trivia', text: '\n/* a comment\nPYTHON hidden {\n*/\n   indented note\n' },
      { type: 'code', kind: 'PYTHON', name: 'p', code: '1' },
      { type: 'trivia', text: '// end' },
    ]);
  });

  it('records a document that ends at a closing brace with no line break', () => {
    expect(parseOk('PYTHON p {\n}')).toEqual({ blocks: [{ type: 'code', kind: 'PYTHON', name: 'p', code: '' }], trailingNewline: false });
    expect(parseOk('PYTHON p {\n}\n')).toEqual({ blocks: [{ type: 'code', kind: 'PYTHON', name: 'p', code: '' }] });
  });

  it('reads the empty document and a byte-order mark', () => {
    expect(parseOk('')).toEqual({ blocks: [] });
    expect(parseOk('\uFEFFDESCRIBE {\n}\n').blocks).toEqual([
      { type: 'trivia', text: '\uFEFF' },
      { type: 'properties', kind: 'DESCRIBE', name: null, properties: [], raw: null },
    ]);
  });
});

describe('parseMetascript: syntax errors point at line:column', () => {
  const cases: [string, string, number, number, RegExp][] = [
    ['an unterminated code block, at its header', 'DESCRIBE {\n}\nPYTHON x {\n    print(1)\n', 3, 1, /PYTHON block is never closed/],
    ['a code block closed by an indented }', 'JAVASCRIPT x {\n    f()\n  }\n', 1, 1, /never closed/],
    ['code on the header line', 'PYTHON x { print(1)\n}\n', 1, 12, /line after \{/],
    ['a bad block name', 'PYTHON my-cell {\n}\n', 1, 10, /expected \{/],
    ['a (binary) block that is not WASM', 'PYTHON x (binary) {\n}\n', 1, 1, /only a WASM block can hold a binary module/],
    ['a (binary) property block', 'CONFIG (binary) {\n}\n', 1, 1, /only a WASM block can hold a binary module/],
    ['an unterminated string', 'CONFIG {\n    name: "abc\n}\n', 2, 11, /unterminated string/],
    ['an unterminated triple-quoted string', 'DESCRIBE {\n    text: """abc\n}\n', 2, 11, /unterminated string/],
    ['an unterminated string in an unknown block', 'AGENT a {\n    let s = "oops\n}\n', 2, 13, /unterminated string/],
    ['a property block with no closing brace', 'CONFIG {\n    a: 1\n', 1, 1, /CONFIG block is never closed/],
    ['a property block followed by a header', 'CONFIG {\n    a: 1\nPYTHON x {\n}\n', 1, 1, /before the next block/],
    ['an unclosed array', 'CONFIG {\n    packages: ["numpy",\n}\n', 2, 15, /unclosed \[/],
    ['unbalanced braces in an unknown block', 'AGENT a {\n    FSHARP {\n        let x = 1\n}\n', 1, 1, /braces do not balance/],
    ['a stray closing brace', 'DESCRIBE {\n}\n}\n', 3, 1, /unmatched \}/],
    ['text after a property block', 'DESCRIBE {\n} x\n', 2, 3, /after the closing \}/],
    ['a property line without a colon', 'DESCRIBE {\n    name "x"\n}\n', 2, 9, /expected : after name/],
    ['a property line that is not key: value', 'DESCRIBE {\n    - item\n}\n', 2, 5, /expected key: value/],
    ['a missing value', 'DESCRIBE {\n    name:\n}\n', 2, 10, /expected a value/],
    ['an unquoted word as a value', 'CONFIG {\n    security: standard\n}\n', 2, 15, /invalid value standard/],
    ['a number with a unit', 'CONFIG {\n    timeout: 30s\n}\n', 2, 14, /invalid number/],
    ['two values on one line', 'CONFIG {\n    a: 1 2\n}\n', 2, 10, /new line after the value/],
    ['stray text at column 0', 'DESCRIBE {\n}\nhello\n', 3, 1, /expected a block such as PYTHON name \{/],
    ['a statement at column 0', 'PYTHON x {\n}\nprint(1)\n', 3, 1, /expected a block/],
    ['a digit at column 0', '42\n', 1, 1, /expected a block/],
    ['an unterminated comment', '\n/* abc\nPYTHON x {\n}\n', 2, 1, /unterminated \/\* comment/],
    ['an error in a CRLF file', 'DESCRIBE {\r\n    name: nope\r\n}\r\n', 2, 11, /invalid value nope/],
  ];

  it.each(cases)('reports %s', (_, text, line, column, message) => {
    const error = parseError(text);
    expect(error.message).toMatch(message);
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
  });

  it('reports values nested too deeply instead of overflowing the stack', () => {
    expect(parseError(`CONFIG {\n    a: ${'['.repeat(100_000)}\n}\n`).message).toMatch(/nest more than/);
  });
});

describe('parseMetascript: fuzzing', () => {
  const pieces = ['{', '}', '\n', '\r\n', '"', "'", '"""', '//', '/*', '*/', ' ', '    ', 'PYTHON x {\n', 'CONFIG {\n', 'TRY {', 'a: ', '1', '[', ']', ',', ':', '\\', '$', 'x', '}\n'];

  it('never throws on random text, and round-trips whatever parses', () => {
    const next = seededRandom(1234);
    let parsed = 0;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)] ?? '';
      const result = parseMetascript(text);
      if (result.ok) {
        parsed++;
        expect(serializeMetascript(result.document)).toBe(text);
      } else {
        expect(result.error.line).toBeGreaterThanOrEqual(1);
        expect(result.error.column).toBeGreaterThanOrEqual(1);
      }
    }
    expect(parsed).toBeGreaterThan(0);
  });

  it('never throws on mutations of a real document', () => {
    const next = seededRandom(99);
    for (let n = 0; n < 1000; n++) {
      let text = SPEC_EXAMPLE;
      for (let edits = 1 + Math.floor(next() * 4); edits > 0; edits--) {
        const at = Math.floor(next() * text.length);
        const insert = next() < 0.5 ? '' : (pieces[Math.floor(next() * pieces.length)] ?? '');
        text = text.slice(0, at) + insert + text.slice(insert === '' ? at + 1 : at);
      }
      const result = parseMetascript(text);
      if (result.ok) expect(serializeMetascript(result.document)).toBe(text);
    }
  });
});

describe('parseMetascript: size', () => {
  it('parses a 500-cell document', () => {
    const cells = Array.from({ length: 500 }, (_, i) =>
      i % 5 === 0
        ? `VARIABLE v${i} {\n    value: [${i}, "s${i}", {k: ${i}}]  // note\n}\n`
        : `PYTHON cell${i} {\n    x${i} = {"a": ${i}}\n    for k in range(${i}):\n        print(k)\n}\n\n`,
    );
    const text = `// a long document\n${cells.join('')}`;
    const document = parseOk(text);
    expect(document.blocks.filter((block) => block.type !== 'trivia')).toHaveLength(500);
    expect(serializeMetascript(document)).toBe(text);
  });
});
