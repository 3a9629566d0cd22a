/**
 * Which language an inert block is highlighted in. The lenient reader names it in
 * `block.inert.language`; a block of the strict reader carries no such note, so its kind
 * (FSHARP, CSHARP, YAML…) stands in.
 */
import type { RawBlock } from '../../metascript/types';

/** The languages inert blocks are highlighted in, each by a CodeMirror legacy mode. */
export type InertLanguage = 'fsharp' | 'csharp' | 'yaml' | 'json' | 'bash' | 'xml';

// Keys are lower case: fence tags (`f#`, `yml`), the reader's names and brace kinds all map here.
const NAMES = new Map<string, InertLanguage>([
  ['fsharp', 'fsharp'],
  ['f#', 'fsharp'],
  ['fs', 'fsharp'],
  ['csharp', 'csharp'],
  ['c#', 'csharp'],
  ['cs', 'csharp'],
  ['yaml', 'yaml'],
  ['yml', 'yaml'],
  ['json', 'json'],
  ['bash', 'bash'],
  ['shell', 'bash'],
  ['sh', 'bash'],
  ['zsh', 'bash'],
  ['xml', 'xml'],
]);

/** The language a name stands for (`fsharp`, `F#`, `yml`, `SHELL`), or null for plain text. */
export function languageNamed(name: string | null): InertLanguage | null {
  return name === null ? null : (NAMES.get(name.toLowerCase()) ?? null);
}

/**
 * The language an inert block is highlighted in: the one the reader noted, or, for a block
 * without a note, the one its kind names. Null means plain text.
 */
export function inertLanguage(block: RawBlock): InertLanguage | null {
  return languageNamed(block.inert ? block.inert.language : block.kind);
}
