/**
 * Which language an inert block is highlighted in. The lenient reader names it in
 * `block.inert.language`; a block of the strict reader carries no such note, so its kind
 * (FSHARP, CSHARP, YAML…) stands in.
 */
import { languageId } from '../../metascript/inert-notes';
import type { RawBlock } from '../../metascript/types';

/** The languages inert blocks are highlighted in, each by a CodeMirror legacy mode. */
export type InertLanguage = 'fsharp' | 'csharp' | 'yaml' | 'json' | 'bash' | 'xml';

const HIGHLIGHTED: readonly string[] = ['fsharp', 'csharp', 'yaml', 'json', 'bash', 'xml'] satisfies readonly InertLanguage[];

function isHighlighted(id: string): id is InertLanguage {
  return HIGHLIGHTED.includes(id);
}

/** The language a name stands for (`fsharp`, `F#`, `yml`, `SHELL`), or null for plain text. */
export function languageNamed(name: string | null): InertLanguage | null {
  const id = name === null ? null : languageId(name);
  return id !== null && isHighlighted(id) ? id : null;
}

/**
 * The language an inert block is highlighted in: the one the reader noted, or, for a block
 * without a note, the one its kind names. Null means plain text.
 */
export function inertLanguage(block: RawBlock): InertLanguage | null {
  return languageNamed(block.inert ? block.inert.language : block.kind);
}
