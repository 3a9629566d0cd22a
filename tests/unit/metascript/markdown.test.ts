import { describe, expect, it } from 'vitest';
import { exportMarkdown } from '../../../src/metascript/markdown';
import { readMarkdownDocument } from '../../../src/metascript/markdown-reader';
import { serializeMetascript } from '../../../src/metascript/serialize';
import { parseMetascript } from '../../../src/metascript/parse';
import type { Block, CodeBlock, CodeKind, MetascriptDocument } from '../../../src/metascript/types';
import { seededRandom } from '../seeded-random';

const code = (kind: CodeKind, name: string | null, text: string): CodeBlock => ({ type: 'code', kind, name, code: text });

const NOTEBOOK = `# Orbit demo

Some prose with \`inline\` code and a \${radius} reference.

\`\`\`python area
import math
area = 4 * math.pi * radius ** 2

def f():
    return {"a": 1}
\`\`\`

Run this in a shell first:

\`\`\`bash
pip install numpy
\`\`\`

~~~js
const text = \`area \${Math.round(area)}\`;
~~~

\`\`\`\`JavaScript report extra words
const fence = "\`\`\`";
\`\`\`\`

   \`\`\`WAT
   (module
     (func))
   \`\`\`

\`\`\`py 2bad
print(1)
\`\`\`

## Closing words
`;

/** The cells and blocks a Markdown metascript reads as, without trivia and without source text. */
function read(text: string): unknown[] {
  const document = readMarkdownDocument(text);
  expect(serializeMetascript(document)).toBe(text);
  return summary(document.blocks);
}

function summary(blocks: readonly Block[]): unknown[] {
  return blocks.flatMap((block): unknown[] => {
    if (block.type === 'trivia') return [];
    if (block.type === 'code') return [code(block.kind, block.name, block.code)];
    if (block.type === 'raw') return [{ raw: block.kind, text: block.text }];
    return [{ properties: block.kind, name: block.name, entries: block.properties }];
  });
}

describe('reading a Markdown metascript', () => {
  it('reads a notebook-like file into prose, cells and inert fences', () => {
    expect(read(NOTEBOOK)).toEqual([
      code('MARKDOWN', null, '# Orbit demo\n\nSome prose with `inline` code and a ${radius} reference.'),
      code('PYTHON', 'area', 'import math\narea = 4 * math.pi * radius ** 2\n\ndef f():\n    return {"a": 1}'),
      code('MARKDOWN', null, 'Run this in a shell first:'),
      { raw: 'BASH', text: '```bash\npip install numpy\n```' },
      code('JAVASCRIPT', null, 'const text = `area ${Math.round(area)}`;'),
      // The info string's first word is matched case-insensitively; later words after the name are ignored.
      code('JAVASCRIPT', 'report', 'const fence = "```";'),
      // An indented fence takes its indentation off the code lines.
      code('WASM', null, '(module\n  (func))'),
      // A label that is not an identifier is not a name.
      code('PYTHON', null, 'print(1)'),
      code('MARKDOWN', null, '## Closing words'),
    ]);
  });

  it('keeps a fence in another language whole, even when it holds a cell language fence', () => {
    const text = '````markdown\n```python\nx = 1\n```\n````\n';
    expect(read(text)).toEqual([{ raw: 'MARKDOWN', text: text.trimEnd() }]);
  });

  it('reads CRLF files and lets an unclosed fence run to the end', () => {
    expect(read('Intro\r\n\r\n```python\r\nx = 1\r\ny = 2\r\n')).toEqual([code('MARKDOWN', null, 'Intro'), code('PYTHON', null, 'x = 1\ny = 2')]);
  });

  it('does not close a fence with a shorter fence, another fence character or an info string', () => {
    expect(read('````python\n```\n~~~~\n```` not closing\nx\n````\n')).toEqual([code('PYTHON', null, '```\n~~~~\n```` not closing\nx')]);
  });

  it('reads the blocks a tars fence holds, and keeps what does not read as inert', () => {
    expect(read('```tars\nDESCRIBE {\n    name: "Orbit"\n}\n// a note\nAGENT a {\n    FSHARP { }\n}\n```\n')).toEqual([
      { properties: 'DESCRIBE', name: null, entries: [{ key: 'name', value: 'Orbit' }] },
      { raw: 'AGENT', text: 'AGENT a {\n    FSHARP { }\n}' },
    ]);
    expect(read('```tars\nCONFIG {\n    timeout: soon\n}\n```')).toEqual([{ properties: 'CONFIG', name: null, entries: [{ key: 'timeout', value: 'soon', verbatim: true }] }]);
  });

  it('splits prose at a cell break, and reads blank text as nothing', () => {
    expect(read('one\n\n<!-- cell -->\n\ntwo\n')).toEqual([code('MARKDOWN', null, 'one'), code('MARKDOWN', null, 'two')]);
    expect(read('\n  \n\t\n')).toEqual([]);
    expect(read('')).toEqual([]);
  });

  it('never throws on odd input, and writes it back byte for byte', () => {
    const pieces = ['```', '~~~', '````', 'python', 'tars', 'js x', ' ', '   ', '\n', '\r\n', '`', 'DESCRIBE {', '}', '<!-- cell -->', '\uFEFF', '😀', '\0'];
    const next = seededRandom(42);
    for (let n = 0; n < 800; n++) {
      const text = Array.from({ length: Math.floor(next() * 30) }, () => pieces[Math.floor(next() * pieces.length)] ?? '').join('');
      read(text);
    }
  });
});

describe('exportMarkdown', () => {
  it('writes prose, named fences and tars fences separated by blank lines', () => {
    const doc: MetascriptDocument = {
      blocks: [
        { type: 'trivia', text: '// dropped\n' },
        { type: 'properties', kind: 'DESCRIBE', name: null, properties: [{ key: 'name', value: 'Orbit demo' }], raw: null },
        code('MARKDOWN', null, '# Orbit\nThe radius was ${radius}.'),
        code('PYTHON', 'area', 'area = 1'),
        code('JAVASCRIPT', null, 'const s = "``` and ````";'),
        code('WASM', 'm', '(module)'),
        { type: 'raw', kind: 'FSHARP', name: null, text: 'FSHARP {\n    let x = "}"\n}' },
      ],
    };
    expect(exportMarkdown(doc)).toBe(
      [
        '```tars\nDESCRIBE {\n    name: "Orbit demo"\n}\n```',
        '# Orbit\nThe radius was ${radius}.',
        '```python area\narea = 1\n```',
        '`````javascript\nconst s = "``` and ````";\n`````',
        '```wat m\n(module)\n```',
        '```tars\nFSHARP {\n    let x = "}"\n}\n```',
      ].join('\n\n') + '\n',
    );
  });

  it('separates MARKDOWN cells in a row, skips blank ones and writes nothing for an empty document', () => {
    const doc: MetascriptDocument = { blocks: [code('MARKDOWN', null, 'a'), code('MARKDOWN', null, ' \n'), code('MARKDOWN', null, 'b')] };
    expect(exportMarkdown(doc)).toBe('a\n\n<!-- cell -->\n\nb\n');
    expect(exportMarkdown({ blocks: [] })).toBe('');
  });

  it('writes an empty cell as an empty fence', () => {
    expect(exportMarkdown({ blocks: [code('PYTHON', 'p', '')] })).toBe('```python p\n```\n');
    expect(read('```python p\n```\n')).toEqual([code('PYTHON', 'p', '')]);
  });
});

describe('Markdown round trip', () => {
  it('reads back the cells of a document it wrote', () => {
    const doc: MetascriptDocument = {
      blocks: [
        code('MARKDOWN', null, '# Title\n\n    indented code in prose\n\n- a list'),
        code('MARKDOWN', null, 'A second prose cell'),
        code('PYTHON', 'setup', '\n  leading blank line and indent\n```\n\n'),
        code('JAVASCRIPT', 'x', 'const t = `${a}`;\n~~~'),
        code('WASM', null, '(module)'),
        code('PYTHON', null, '}'),
      ],
    };
    expect(read(exportMarkdown(doc))).toEqual(summary(doc.blocks));
  });

  it('carries property and unknown blocks through tars fences, kept source included', () => {
    const parsed = parseMetascript(
      'CONFIG {\n    timeout: 30000 // ms\n    packages: ["numpy"]\n}\nVARIABLE radius {\n    value: {a: [1, "```"], b: null}\n}\nTRY {\n    ACTION { type: "log" }\n} CATCH {\n}\n',
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    const blocks: Block[] = [code('MARKDOWN', null, 'Intro'), ...parsed.document.blocks, code('PYTHON', 'p', 'print(radius)')];
    expect(blocks[1]).toMatchObject({ kind: 'CONFIG', raw: 'CONFIG {\n    timeout: 30000 // ms\n    packages: ["numpy"]\n}' });
    expect(read(exportMarkdown({ blocks }))).toEqual(summary(blocks));
  });
});
