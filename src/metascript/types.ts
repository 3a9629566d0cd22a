/**
 * The metascript document model (SPEC §2). Pure data: no DOM, no engines.
 */

/**
 * The ways a metascript is written (SPEC §2): the brace DSL (`.tars`, `.trsx`), Markdown
 * metascripts (`.md`, `.meta`, Markdown-style `.trsx`), Unified TRSX (`#!/usr/bin/env trsx`,
 * blocks inside `program { … }`), and text with no structure the playground knows.
 */
export type Dialect = 'brace' | 'markdown' | 'unified' | 'text';

/**
 * How a block is written: as a brace block, or as Markdown (a fenced block for code, bare text
 * for prose). Absent means brace.
 */
export type BlockStyle = 'brace' | 'markdown';

/** Blocks whose body is code or text, ending at the first line that is exactly `}`. */
export type CodeKind = 'PYTHON' | 'JAVASCRIPT' | 'WASM' | 'MARKDOWN';

/** Blocks whose body is `key: value` lines. */
export type PropertyKind = 'DESCRIBE' | 'CONFIG' | 'VARIABLE' | 'ACTION';

/** A property value: string, number, boolean, null, array or object. */
export type PropertyValue =
  | string
  | number
  | boolean
  | null
  | readonly PropertyValue[]
  | { readonly [key: string]: PropertyValue };

/** A code block: one cell. `code` is de-indented; the serializer indents it by 4 spaces. */
export interface CodeBlock {
  readonly type: 'code';
  readonly kind: CodeKind;
  readonly name: string | null;
  readonly code: string;
  /**
   * True for `WASM name (binary) {`: the body is a `.wasm` module in base64 rather than WAT
   * text. Absent for every other block.
   */
  readonly binary?: boolean;
  /**
   * The block's exact source text (header to the end of its closing line, without the line
   * break), present only when it differs from the serializer's canonical form: a lower-case
   * keyword, CRLF line ends, tab indents. The serializer writes it back only while it still
   * parses to this kind, name and code, so an edit that forgets to drop it loses nothing.
   */
  readonly raw?: string | null;
  /** `markdown` for a fenced block or a stretch of prose in a Markdown metascript. */
  readonly style?: BlockStyle;
  /**
   * The indentation of the header's line, for a block nested in `program { … }`: its closing
   * `}` stands at this indentation, and its code one level in. Absent at the top level.
   */
  readonly indent?: string;
}

/** A property block such as DESCRIBE, CONFIG, VARIABLE or ACTION. */
export interface PropertyBlock {
  readonly type: 'properties';
  readonly kind: PropertyKind;
  readonly name: string | null;
  /** Entries in source order. */
  readonly properties: readonly PropertyEntry[];
  /**
   * The block's exact source text (header to the end of its closing line, without the line
   * break) when it did not come out of the serializer byte for byte, else null. The serializer
   * writes it back only while it still parses to this kind, name and properties.
   */
  readonly raw: string | null;
  /** Blocks written inside it (`ACTION { … FSHARP { … } }`), in order. Absent when none. */
  readonly children?: readonly Block[];
}

/** One `key: value` line of a property block. */
export interface PropertyEntry {
  readonly key: string;
  /** The value; for a verbatim entry, the text of the value exactly as written. */
  readonly value: PropertyValue;
  /**
   * True when the value is not a strict literal (`Date.now()`, `"run_" + id`, a spread, a
   * YAML `|` literal, unbalanced quotes): `value` is then its text as written, shown as such.
   */
  readonly verbatim?: true;
}

/** Why a block is inert, and what it was read as. */
export interface InertInfo {
  /**
   * The language its text is written in, for highlighting: `fsharp`, `csharp`, `yaml`, `json`,
   * `bash`, `xml`, `markdown`, `tars`; null for plain text.
   */
  readonly language: string | null;
  /** A short note on why it does not run: "F# does not run in the browser; kept as written". */
  readonly note: string;
  /** The syntax error that made it inert, 1-based in the whole document; null when none. */
  readonly warning: MetascriptSyntaxError | null;
}

/** An unknown or non-executable kind (FSHARP, PROMPT, AGENT, TRY, …), kept byte for byte. */
export interface RawBlock {
  readonly type: 'raw';
  readonly kind: string;
  readonly name: string | null;
  /**
   * The whole block, header and closing brace included, exactly as written. Anything after the
   * closing brace on its line (a `\r`, a comment, `} ELSE {…}`) belongs to the block too; the
   * line break does not.
   */
  readonly text: string;
  /** Blocks read from inside it, when they could be read (the TARS DSL reads them). */
  readonly children?: readonly Block[];
  /** How it is shown; absent for a block of the strict `.tars` reader, which is an unknown kind. */
  readonly inert?: InertInfo;
}

/**
 * Text between blocks (blank lines, comments, indented stray text), kept so that a load never
 * drops anything. It runs from the line after a block's closing line to the line of the next
 * header, so it always ends with a line break unless it ends the document.
 */
export interface TriviaBlock {
  readonly type: 'trivia';
  readonly text: string;
}

export type Block = CodeBlock | PropertyBlock | RawBlock | TriviaBlock;

export interface MetascriptDocument {
  readonly blocks: readonly Block[];
  /**
   * False when the source ended right after a block's closing line, with no line break. Absent
   * (the usual case) means every block is followed by a line break.
   */
  readonly trailingNewline?: boolean;
  /** The dialect it was read as; absent means brace. New and edited blocks are written in it. */
  readonly dialect?: Dialect;
  /** `\r\n` when the text's lines end in CRLF: new and edited blocks are written with it too. */
  readonly lineBreak?: '\r\n';
}

/** A syntax error, 1-based. */
export interface MetascriptSyntaxError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export type ParseResult =
  | { readonly ok: true; readonly document: MetascriptDocument }
  | { readonly ok: false; readonly error: MetascriptSyntaxError };
