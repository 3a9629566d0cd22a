import { describe, expect, it } from 'vitest';
import { exportMarkdown, importMarkdown } from '../../../src/metascript/markdown';
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

describe('importMarkdown', () => {
  it('reads a notebook-like file into prose and cells', () => {
    expect(importMarkdown(NOTEBOOK)).toEqual({
      blocks: [
        code('MARKDOWN', null, '# Orbit demo\n\nSome prose with `inline` code and a ${radius} reference.'),
        code('PYTHON', 'area', 'import math\narea = 4 * math.pi * radius ** 2\n\ndef f():\n    return {"a": 1}'),
        code('MARKDOWN', null, 'Run this in a shell first:\n\n```bash\npip install numpy\n```'),
        code('JAVASCRIPT', null, 'const text = `area ${Math.round(area)}`;'),
        // The info string's first word is matched case-insensitively; later words after the name are ignored.
        code('JAVASCRIPT', 'report', 'const fence = "```";'),
        // An indented fence takes its indentation off the code lines.
        code('WASM', null, '(module\n  (func))'),
        // A label that is not an identifier is not a name.
        code('PYTHON', null, 'print(1)'),
        code('MARKDOWN', null, '## Closing words'),
      ],
    });
  });

  it('keeps fences in other languages as prose, even when they hold a cell language fence', () => {
    const text = '````markdown\n```python\nx = 1\n```\n````\n';
    expect(importMarkdown(text).blocks).toEqual([code('MARKDOWN', null, text.trimEnd())]);
  });

  it('reads CRLF files and lets an unclosed fence run to the end', () => {
    expect(importMarkdown('Intro\r\n\r\n```python\r\nx = 1\r\ny = 2\r\n').blocks).toEqual([
      code('MARKDOWN', null, 'Intro'),
      code('PYTHON', null, 'x = 1\ny = 2'),
    ]);
  });

  it('does not close a fence with a shorter fence, another fence character or an info string', () => {
    const text = '````python\n```\n~~~~\n```` not closing\nx\n````\n';
    expect(importMarkdown(text).blocks).toEqual([code('PYTHON', null, '```\n~~~~\n```` not closing\nx')]);
  });

  it('turns a tars fence back into the blocks it holds', () => {
    const text = '```tars\nDESCRIBE {\n    name: "Orbit"\n}\n// a note\nAGENT a {\n    FSHARP { }\n}\n```\n';
    expect(importMarkdown(text).blocks).toEqual([
      { type: 'properties', kind: 'DESCRIBE', name: null, properties: [{ key: 'name', value: 'Orbit' }], raw: null },
      { type: 'trivia', text: '// a note\n' },
      { type: 'raw', kind: 'AGENT', name: 'a', text: 'AGENT a {\n    FSHARP { }\n}' },
    ]);
  });

  it('keeps a tars fence that does not parse as prose', () => {
    const text = '```tars\nCONFIG {\n    timeout: soon\n}\n```';
    expect(importMarkdown(text).blocks).toEqual([code('MARKDOWN', null, text)]);
  });

  it('splits prose at a cell break and skips blank prose', () => {
    expect(importMarkdown('one\n\n<!-- cell -->\n\ntwo\n').blocks).toEqual([code('MARKDOWN', null, 'one'), code('MARKDOWN', null, 'two')]);
    expect(importMarkdown('\n  \n\t\n')).toEqual({ blocks: [] });
    expect(importMarkdown('')).toEqual({ blocks: [] });
  });

  it('never throws on odd input', () => {
    const pieces = ['```', '~~~', '````', 'python', 'tars', 'js x', ' ', '   ', '\n', '\r\n', '`', 'DESCRIBE {', '}', '<!-- cell -->', '\uFEFF', '😀', '\0'];
    const next = seededRandom(42);
    for (let n = 0; n < 800; n++) {
      const text = Array.from({ length: Math.floor(next() * 30) }, () => pieces[Math.floor(next() * pieces.length)] ?? '').join('');
      const doc = importMarkdown(text);
      // Whatever was read writes out and reads back to the same document.
      expect(importMarkdown(exportMarkdown(doc))).toEqual(doc);
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
    expect(importMarkdown('```python p\n```\n').blocks).toEqual([code('PYTHON', 'p', '')]);
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
    expect(importMarkdown(exportMarkdown(doc))).toEqual(doc);
  });

  it('carries property and unknown blocks through tars fences, kept source included', () => {
    const parsed = parseMetascript(
      'CONFIG {\n    timeout: 30000 // ms\n    packages: ["numpy"]\n}\nVARIABLE radius {\n    value: {a: [1, "```"], b: null}\n}\nTRY {\n    ACTION { type: "log" }\n} CATCH {\n}\n',
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    const blocks: Block[] = [code('MARKDOWN', null, 'Intro'), ...parsed.document.blocks, code('PYTHON', 'p', 'print(radius)')];
    expect(blocks[1]).toMatchObject({ kind: 'CONFIG', raw: 'CONFIG {\n    timeout: 30000 // ms\n    packages: ["numpy"]\n}' });
    expect(importMarkdown(exportMarkdown({ blocks }))).toEqual({ blocks });
  });
});
