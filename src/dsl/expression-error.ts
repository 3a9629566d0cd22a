/**
 * The one error the expression evaluator throws, and the size limits it enforces, so that a
 * hostile `${…}` ends with a message instead of exhausting memory or the stack.
 */

/** A failed evaluation: `message` says what and where in the expression, e.g. "n is not defined". */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

/** The longest string an expression may build (by `+`, `repeat`, padding, joining, interpolating). */
export const MAX_TEXT_LENGTH = 10_000_000;

/** The most items an expression may build into one array (by `range`, `concat`, spread, splitting). */
export const MAX_ITEMS = 10_000_000;

/** How deep an expression's syntax tree may nest. */
export const MAX_NESTING = 200;

/** Throws unless a string about to be built, `length` characters long, is within MAX_TEXT_LENGTH. */
export function checkTextLength(length: number, what: string): void {
  if (length > MAX_TEXT_LENGTH) {
    throw new ExpressionError(`${what} would be ${length} characters long, more than the limit of ${MAX_TEXT_LENGTH}`);
  }
}

/** Throws unless an array about to be built, `count` items long, is within MAX_ITEMS. */
export function checkItemCount(count: number, what: string): void {
  if (count > MAX_ITEMS) throw new ExpressionError(`${what} would have ${count} items, more than the limit of ${MAX_ITEMS}`);
}

/** Property names that reach into the prototype machinery; never read, never written. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Throws for a property name that could reach a prototype. */
export function checkKey(key: string): void {
  if (FORBIDDEN_KEYS.has(key)) throw new ExpressionError(`the property name ${key} is not allowed`);
}
