/**
 * Syntax colours. Each one is a CSS variable defined in editor.css for the light and the dark
 * theme, so a theme switch recolours every editor without reconfiguring any of them.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { SYNTAX_TOKENS, tokenColour } from './syntax-tokens';

const style = HighlightStyle.define(
  SYNTAX_TOKENS.map(({ tag, token }) => ({ tag, color: tokenColour(token), ...(token === 'comment' ? { fontStyle: 'italic' } : {}) })),
);

/** Highlights code with the theme's syntax colours. */
export const syntaxColours: Extension = syntaxHighlighting(style);
