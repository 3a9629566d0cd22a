/**
 * The expressions of the TARS DSL: `${…}` in property strings holds a JavaScript-like
 * expression. It is parsed by acorn and evaluated by walking the tree here, against the names
 * in scope and a fixed set of pure helpers, so no text is ever run as code in the page.
 */
import { checkTextLength, ExpressionError } from './expression-error';
import { evaluateNode, type Scope } from './expression-eval';
import { collectNames } from './expression-names';
import { parseExpressionSource, parseTemplate } from './expression-parse';
import { showValue, type DslValue } from './expression-values';

export { ExpressionError, MAX_NESTING, MAX_TEXT_LENGTH } from './expression-error';
export type { Scope } from './expression-eval';
export { isTruthy, showValue, type DslValue } from './expression-values';
export { HELPER_DESCRIPTIONS, MAX_RANGE } from './helpers';

/** Evaluates one JavaScript-like expression (no `${}` around it). Throws ExpressionError. */
export function evaluateExpression(source: string, scope: Scope): DslValue {
  const { node, text } = parseExpressionSource(source);
  return evaluateNode(node, scope, text);
}

/**
 * Evaluates a property string. A string that is exactly one `${…}` gives the expression's typed
 * value; text mixed with `${…}` gives a string with each value shown by showValue; text without
 * `${` is itself. There is no escape for `${`, as in TARS. Throws ExpressionError, also for a
 * `${` that is never closed.
 */
export function evaluateTemplate(text: string, scope: Scope): DslValue {
  if (!text.includes('${')) return text;
  const { parts, whole } = parseTemplate(text);
  const values = parts.map((part) => (part.kind === 'text' ? part.text : evaluateNode(part.expression.node, scope, part.expression.text)));
  if (whole) return values[0] ?? null;
  const shown = values.map((value) => showValue(value));
  checkTextLength(shown.reduce((length, piece) => length + piece.length, 0), 'the text');
  return shown.join('');
}

/**
 * The free variable names every `${…}` of `text` reads (not property keys, not helper names),
 * in order of first appearance, without duplicates; [] when it has none or does not parse.
 */
export function templateNames(text: string): string[] {
  if (!text.includes('${')) return [];
  const names = new Set<string>();
  try {
    for (const part of parseTemplate(text).parts) if (part.kind === 'expression') collectNames(part.expression.node, names);
  } catch (error) {
    if (error instanceof ExpressionError) return [];
    throw error;
  }
  return [...names];
}

/** The free names of one expression, as templateNames. */
export function expressionNames(source: string): string[] {
  const names = new Set<string>();
  try {
    collectNames(parseExpressionSource(source).node, names);
  } catch (error) {
    if (error instanceof ExpressionError) return [];
    throw error;
  }
  return [...names];
}
