/**
 * Which CodeMirror language highlights each kind of cell. Every language package is its own
 * chunk, loaded the first time a cell of that kind gets an editor.
 */
import type { LanguageSupport } from '@codemirror/language';
import type { CodeKind } from '../../metascript/types';

/** The CodeMirror language packages the editor uses. */
export type EditorLanguage = 'python' | 'javascript' | 'wast';

/** The language that highlights a kind of cell, or null when it is edited as plain text. */
export function editorLanguageOf(kind: CodeKind): EditorLanguage | null {
  switch (kind) {
    case 'PYTHON':
      return 'python';
    case 'JAVASCRIPT':
      return 'javascript';
    case 'WASM':
      return 'wast';
    case 'MARKDOWN':
      return null;
  }
}

// One support object per language, shared by every cell of that kind.
const loaded = new Map<EditorLanguage, Promise<LanguageSupport | null>>();

async function importLanguage(language: EditorLanguage): Promise<LanguageSupport> {
  switch (language) {
    case 'python':
      return (await import('@codemirror/lang-python')).python();
    case 'javascript':
      return (await import('@codemirror/lang-javascript')).javascript();
    case 'wast':
      return (await import('@codemirror/lang-wast')).wast();
  }
}

/**
 * Loads the language support for a kind of cell. Resolves to null for plain text, and also
 * when the language's chunk fails to load: the cell stays editable, only unhighlighted.
 */
export function loadLanguage(kind: CodeKind): Promise<LanguageSupport | null> {
  const language = editorLanguageOf(kind);
  if (language === null) return Promise.resolve(null);
  let support = loaded.get(language);
  if (!support) {
    support = importLanguage(language).catch(() => {
      // Forget the failure so that the next cell of this kind tries again.
      loaded.delete(language);
      return null;
    });
    loaded.set(language, support);
  }
  return support;
}
