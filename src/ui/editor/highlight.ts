/**
 * Syntax colours. Each one is a CSS variable defined in editor.css for the light and the dark
 * theme, so a theme switch recolours every editor without reconfiguring any of them.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { tags } from '@lezer/highlight';

const style = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--syntax-keyword)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--syntax-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--syntax-number)' },
  { tag: tags.comment, color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.definition(tags.function(tags.variableName))], color: 'var(--syntax-function)' },
  { tag: [tags.typeName, tags.className, tags.standard(tags.variableName)], color: 'var(--syntax-type)' },
  { tag: tags.invalid, color: 'var(--stderr)' },
]);

/** Highlights code with the theme's syntax colours. */
export const syntaxColours: Extension = syntaxHighlighting(style);
