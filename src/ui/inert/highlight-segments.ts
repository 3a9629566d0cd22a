/**
 * Static highlighting: a text cut into runs, each with the class of its syntax token, built
 * from a legacy mode's parse tree without an editor. Only `load-highlighter.ts` imports this
 * module, with `import()`, so CodeMirror's language core stays out of the first load.
 */
import { StreamLanguage, type StreamParser } from '@codemirror/language';
import { highlightCode, tagHighlighter } from '@lezer/highlight';
import { SYNTAX_TOKENS, tokenClass } from '../editor/syntax-tokens';

/** A run of text and its classes; the empty string for unstyled text. */
export interface Segment {
  readonly text: string;
  readonly classes: string;
}

const highlighter = tagHighlighter(SYNTAX_TOKENS.map(({ tag, token }) => ({ tag, class: tokenClass(token) })));

// One language object per mode, so its token types are made once.
const languages = new WeakMap<StreamParser<unknown>, StreamLanguage<unknown>>();

function languageOf(mode: StreamParser<unknown>): StreamLanguage<unknown> {
  let language = languages.get(mode);
  if (!language) {
    language = StreamLanguage.define(mode);
    languages.set(mode, language);
  }
  return language;
}

/**
 * Cuts `text` into runs highlighted by `mode`. The runs' texts, joined, are `text` exactly.
 * Line breaks and unstyled text are merged into one run, to keep the page's nodes few.
 */
export function highlightSegments(text: string, mode: StreamParser<unknown>): Segment[] {
  const tree = languageOf(mode).parser.parse(text);
  const segments: { text: string; classes: string }[] = [];
  const put = (piece: string, classes: string) => {
    const last = segments.at(-1);
    if (last?.classes === classes) last.text += piece;
    else segments.push({ text: piece, classes });
  };
  highlightCode(text, tree, highlighter, put, () => {
    put('\n', '');
  });
  return segments;
}
