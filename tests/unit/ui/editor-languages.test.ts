import { describe, expect, it } from 'vitest';
import { editorLanguageOf, loadLanguage } from '../../../src/ui/editor/languages';

/** The names of every node of the syntax tree the language parses `code` into. */
async function nodeNames(kind: Parameters<typeof loadLanguage>[0], code: string): Promise<string[]> {
  const support = await loadLanguage(kind);
  if (!support) return [];
  const names: string[] = [];
  const cursor = support.language.parser.parse(code).cursor();
  do names.push(cursor.name);
  while (cursor.next());
  return names;
}

describe('editor languages', () => {
  it('maps each kind of cell to its language, and Markdown to plain text', () => {
    expect(editorLanguageOf('PYTHON')).toBe('python');
    expect(editorLanguageOf('JAVASCRIPT')).toBe('javascript');
    expect(editorLanguageOf('WASM')).toBe('wast');
    expect(editorLanguageOf('MARKDOWN')).toBeNull();
  });

  it('loads the language support that parses each kind', async () => {
    const python = await loadLanguage('PYTHON');
    const javascript = await loadLanguage('JAVASCRIPT');
    const wat = await loadLanguage('WASM');
    expect(python?.language.name).toBe('python');
    expect(javascript?.language.name).toBe('javascript');
    expect(wat?.language.name).toBe('wast');
    // The parsers really are these languages: each finds its own constructs.
    expect(await nodeNames('PYTHON', 'def f():\n    pass\n')).toContain('FunctionDefinition');
    expect(await nodeNames('JAVASCRIPT', 'const x = () => 1;')).toContain('ArrowFunction');
    expect(await nodeNames('WASM', '(module (func $f (result i32) i32.const 1))')).toEqual(expect.arrayContaining(['Module', 'Keyword', 'Number']));
    expect(await loadLanguage('MARKDOWN')).toBeNull();
  });

  it('loads each language once and shares it between cells', async () => {
    expect(await loadLanguage('PYTHON')).toBe(await loadLanguage('PYTHON'));
  });
});
