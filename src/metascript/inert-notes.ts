/**
 * What an inert block is written in and why it does not run: the language that highlights it,
 * and the short note shown with it ("F# does not run in the browser; kept as written").
 */
import { DSL_KINDS } from './dsl-kinds';
import type { InertInfo, MetascriptSyntaxError } from './types';

interface Language {
  readonly id: string;
  /** As people write it. */
  readonly title: string;
}

const FSHARP: Language = { id: 'fsharp', title: 'F#' };
const CSHARP: Language = { id: 'csharp', title: 'C#' };
const YAML: Language = { id: 'yaml', title: 'YAML' };
const JSON_LANGUAGE: Language = { id: 'json', title: 'JSON' };
const BASH: Language = { id: 'bash', title: 'Shell' };
const XML: Language = { id: 'xml', title: 'XML' };

/** Fence tags and block kinds, in lower case, by the language they name. */
const BY_NAME: ReadonlyMap<string, Language> = new Map([
  ['fsharp', FSHARP],
  ['f#', FSHARP],
  ['fs', FSHARP],
  ['fsx', FSHARP],
  ['csharp', CSHARP],
  ['c#', CSHARP],
  ['cs', CSHARP],
  ['yaml', YAML],
  ['yml', YAML],
  ['json', JSON_LANGUAGE],
  ['bash', BASH],
  ['sh', BASH],
  ['shell', BASH],
  ['zsh', BASH],
  ['console', BASH],
  ['xml', XML],
  ['html', XML],
]);

/** The language a fence tag or a block kind names, or null when it is none the playground highlights. */
export function languageId(name: string): string | null {
  return BY_NAME.get(name.toLowerCase())?.id ?? null;
}

/** A fenced block in a language that does not run: ```fsharp, ```yaml, or one with no tag. */
export function fenceInfo(tag: string): InertInfo {
  const language = BY_NAME.get(tag.toLowerCase());
  if (language) return { language: language.id, note: `${language.title} does not run in the browser; kept as written`, warning: null };
  if (tag === '') return { language: null, note: 'A fenced block with no language; kept as written', warning: null };
  return { language: null, note: `${tag} does not run in the browser; kept as written`, warning: null };
}

/** A brace block of a kind the playground does not run: FSHARP, PROMPT, AGENT, TRY, … */
export function kindInfo(kind: string): InertInfo {
  if (DSL_KINDS.has(kind)) return { language: null, note: `TARS DSL: runs in order with the cells`, warning: null };
  const language = BY_NAME.get(kind.toLowerCase());
  if (language) return { language: language.id, note: `${language.title} does not run in the browser; kept as written`, warning: null };
  return { language: null, note: `${kind} blocks do not run in the playground; kept as written`, warning: null };
}

/** A block that could not be read: its text is kept, and the error shown as a warning. */
export function unreadInfo(warning: MetascriptSyntaxError, language: string | null = null): InertInfo {
  return { language, note: 'Could not be read as a block; kept as written', warning };
}

/** Lines between blocks that are no block at all. */
export const STRAY_TEXT: InertInfo = { language: null, note: 'Text outside any block; kept as written', warning: null };

/** A whole document with no structure the playground knows. */
export function documentInfo(language: string | null): InertInfo {
  return { language, note: language === 'xml' ? 'An XML document; kept as written' : 'No metascript blocks found; kept as written', warning: null };
}

/** Unified TRSX's `title:`/`version:` header lines. */
export const TRSX_HEADER: InertInfo = { language: 'yaml', note: 'The TRSX header; kept as written', warning: null };

/** A Markdown document's `---` front matter. */
export const FRONT_MATTER: InertInfo = { language: 'yaml', note: 'Front matter; kept as written', warning: null };
