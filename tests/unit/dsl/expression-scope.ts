/** The scope and shorthands the expression tests share. */
import { expect } from 'vitest';
import { evaluateExpression, ExpressionError, type DslValue, type Scope } from '../../../src/dsl/expression';

/** A scope over a plain record of values. */
export function scopeOf(values: Record<string, DslValue>): Scope {
  const map = new Map(Object.entries(values));
  return { get: (name) => map.get(name) };
}

/** Values of every kind the store holds, for the expressions under test to read. */
export const scope = scopeOf({
  n: 5,
  a: true,
  b: false,
  c: 'see',
  name: 'Ada',
  items: [1, 2, 3],
  user: { name: 'Grace', tags: ['navy', 'cobol'], address: { city: 'Arlington' }, nothing: null },
  lookup: new Map<DslValue, DslValue>([['k', 'v'], [1, 'one']]),
  members: new Set<DslValue>([1, 'two']),
  bytes: new Uint8Array([7, 8]),
  big: 12345678901234567890n,
  when: new Date('2024-05-06T07:08:09.000Z'),
  empty: '',
});

/** Evaluates an expression against `scope`. */
export const run = (source: string): DslValue => evaluateExpression(source, scope);
/** Asserts that an expression fails with an ExpressionError whose message matches. */
export const fails = (source: string, message: RegExp) => {
  expect(() => run(source)).toThrow(ExpressionError);
  expect(() => run(source)).toThrow(message);
};
