/**
 * Which syntax tags take which colour, shared by the cell editors and the static highlighting of
 * inert blocks, so that the same code looks the same in both. Each token's colour is a CSS
 * variable defined in editor.css for the light and the dark theme.
 */
import { tags, type Tag } from '@lezer/highlight';

/** A colour class of the syntax theme. */
export type SyntaxToken = 'keyword' | 'string' | 'number' | 'comment' | 'function' | 'type' | 'tag' | 'invalid';

/** Tags to tokens; a more specific tag wins over the tag it modifies. */
export const SYNTAX_TOKENS: readonly { readonly tag: Tag | Tag[]; readonly token: SyntaxToken }[] = [
  { tag: tags.keyword, token: 'keyword' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], token: 'string' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], token: 'number' },
  { tag: tags.comment, token: 'comment' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.definition(tags.function(tags.variableName)), tags.attributeName], token: 'function' },
  { tag: [tags.typeName, tags.className, tags.standard(tags.variableName)], token: 'type' },
  { tag: tags.tagName, token: 'tag' },
  { tag: tags.invalid, token: 'invalid' },
];

/** The CSS colour of a token. */
export function tokenColour(token: SyntaxToken): string {
  return token === 'invalid' ? 'var(--stderr)' : `var(--syntax-${token})`;
}

/** The class that static highlighting gives text of a token; inert.css colours it. */
export function tokenClass(token: SyntaxToken): string {
  return `syntax-${token}`;
}
