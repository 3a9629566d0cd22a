/**
 * Argument checks shared by the helpers and the string and array methods, so that a wrong
 * argument is an ExpressionError that names the call instead of a JavaScript coercion.
 */
import { ExpressionError } from './expression-error';
import { describeKind, type DslValue } from './expression-values';

/** Throws unless `args` has between `min` and `max` items. */
export function checkArity(name: string, args: readonly DslValue[], min: number, max: number): void {
  if (args.length >= min && args.length <= max) return;
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  throw new ExpressionError(`${name} takes ${expected} argument${expected === '1' ? '' : 's'}, not ${args.length}`);
}

/** The argument at `index`, which must be a string. */
export function stringArgument(name: string, args: readonly DslValue[], index: number): string {
  const value = args[index] ?? null;
  if (typeof value !== 'string') throw wrongArgument(name, index, 'a string', value);
  return value;
}

/** The argument at `index`, which must be a number. */
export function numberArgument(name: string, args: readonly DslValue[], index: number): number {
  const value = args[index] ?? null;
  if (typeof value !== 'number') throw wrongArgument(name, index, 'a number', value);
  return value;
}

/** The argument at `index` as a string, or `fallback` when it is absent. */
export function optionalString(name: string, args: readonly DslValue[], index: number, fallback: string): string {
  return index < args.length ? stringArgument(name, args, index) : fallback;
}

/** The argument at `index` as a number, or undefined when it is absent (as JavaScript's methods take it). */
export function optionalNumber(name: string, args: readonly DslValue[], index: number): number | undefined {
  return index < args.length ? numberArgument(name, args, index) : undefined;
}

/** An ExpressionError for an argument of the wrong kind: "repeat needs a number as argument 1, not a string". */
export function wrongArgument(name: string, index: number, expected: string, value: DslValue): ExpressionError {
  return new ExpressionError(`${name} needs ${expected} as argument ${index + 1}, not ${describeKind(value)}`);
}
