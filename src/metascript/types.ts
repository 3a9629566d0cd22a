/**
 * The metascript document model (SPEC §2). Pure data: no DOM, no engines.
 */

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
}

/** One `key: value` line of a property block. */
export interface PropertyEntry {
  readonly key: string;
  readonly value: PropertyValue;
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
