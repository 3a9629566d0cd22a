import { describe, expect, it } from 'vitest';
import type { RawBlock } from '../../../src/metascript/types';
import { inertLanguage, languageNamed } from '../../../src/ui/inert/inert-language';

const raw = (kind: string, inert?: RawBlock['inert']): RawBlock => ({
  type: 'raw',
  kind,
  name: null,
  text: `${kind} {\n}`,
  ...(inert ? { inert } : {}),
});

describe('languageNamed', () => {
  it('maps fence tags, reader names and brace kinds in any case', () => {
    expect(['fsharp', 'F#', 'FSHARP', 'fs'].map(languageNamed)).toEqual(['fsharp', 'fsharp', 'fsharp', 'fsharp']);
    expect(['CSHARP', 'c#', 'cs'].map(languageNamed)).toEqual(['csharp', 'csharp', 'csharp']);
    expect(['YAML', 'yml'].map(languageNamed)).toEqual(['yaml', 'yaml']);
    expect(['BASH', 'SHELL', 'sh', 'zsh'].map(languageNamed)).toEqual(['bash', 'bash', 'bash', 'bash']);
    expect(['JSON', 'xml'].map(languageNamed)).toEqual(['json', 'xml']);
  });

  it('leaves anything else plain, including names an object inherits', () => {
    expect(['PROMPT', 'AGENT', 'markdown', 'tars', '', 'constructor', 'toString', '__proto__'].map(languageNamed)).toEqual(Array(8).fill(null));
    expect(languageNamed(null)).toBeNull();
  });
});

describe('inertLanguage', () => {
  it('uses the kind of a block the strict reader kept', () => {
    expect(inertLanguage(raw('FSHARP'))).toBe('fsharp');
    expect(inertLanguage(raw('CSHARP'))).toBe('csharp');
    expect(inertLanguage(raw('PROMPT'))).toBeNull();
  });

  it('uses the language the lenient reader noted, even when the kind says otherwise', () => {
    expect(inertLanguage(raw('ACTION', { language: 'yaml', note: '', warning: null }))).toBe('yaml');
    expect(inertLanguage(raw('FSHARP', { language: null, note: '', warning: null }))).toBeNull();
    expect(inertLanguage(raw('TEXT', { language: 'markdown', note: '', warning: null }))).toBeNull();
  });
});
