/**
 * The unary and binary operators of DSL expressions, with JavaScript's semantics on primitives.
 * Where JavaScript would quietly turn an array or object into "[object Object]" or NaN, the DSL
 * says so instead; `===` and `==` compare arrays and objects by content.
 */
import type { BinaryOperator, UnaryOperator } from 'acorn';
import { checkTextLength, ExpressionError } from './expression-error';
import { describeKind, isComposite, isTruthy, looseEquals, showValue, strictEquals, type DslValue } from './expression-values';

/** How many bits a bigint that `*` or `**` builds may have, so `10n ** 10n ** 9n` fails fast. */
const MAX_BIGINT_BITS = 10_000_000;

/** Applies a unary operator to an evaluated operand. */
export function unaryOperation(operator: UnaryOperator, value: DslValue): DslValue {
  switch (operator) {
    case '!':
      return !isTruthy(value);
    case '-': {
      const number = toNumeric(value, '-');
      return -number;
    }
    case '+': {
      const number = toNumeric(value, '+');
      if (typeof number === 'bigint') throw new ExpressionError('unary + cannot convert a bigint; use num()');
      return number;
    }
    case 'typeof':
      return typeOf(value);
    case '~':
    case 'void':
    case 'delete':
      throw new ExpressionError(`the operator ${operator} is not supported`);
  }
}

/** JavaScript's `typeof` for a DSL value: "object" for null, arrays, Maps and the like. */
function typeOf(value: DslValue): string {
  return value === null ? 'object' : typeof value;
}

/** Applies a binary operator to two evaluated operands. */
export function binaryOperation(operator: BinaryOperator, left: DslValue, right: DslValue): DslValue {
  switch (operator) {
    case '+':
      if (typeof left === 'string' || typeof right === 'string') return concatenate(left, right);
      return arithmetic(operator, left, right);
    case '-':
    case '*':
    case '/':
    case '%':
    case '**':
      return arithmetic(operator, left, right);
    case '===':
      return strictEquals(left, right);
    case '!==':
      return !strictEquals(left, right);
    case '==':
      return looseEquals(left, right);
    case '!=':
      return !looseEquals(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(operator, left, right);
    case 'in':
    case 'instanceof':
    case '<<':
    case '>>':
    case '>>>':
    case '|':
    case '^':
    case '&':
      throw new ExpressionError(`the operator ${operator} is not supported`);
  }
}

function concatenate(left: DslValue, right: DslValue): string {
  const a = showValue(left);
  const b = showValue(right);
  checkTextLength(a.length + b.length, 'the string');
  return a + b;
}

/**
 * The number an operand stands for, as JavaScript converts primitives (a string by Number(),
 * null as 0, a boolean as 0 or 1), with a date as its time. Arrays and objects are refused.
 */
function toNumeric(value: DslValue, operator: string): number | bigint {
  if (value === null) return 0;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return value;
    case 'boolean':
    case 'string':
      return Number(value);
    case 'object':
      if (value instanceof Date) return value.getTime();
  }
  throw new ExpressionError(`${operator} cannot use ${describeKind(value)}`);
}

type ArithmeticOperator = '+' | '-' | '*' | '/' | '%' | '**';

function arithmetic(operator: ArithmeticOperator, left: DslValue, right: DslValue): number | bigint {
  const a = toNumeric(left, operator);
  const b = toNumeric(right, operator);
  if (typeof a === 'bigint' && typeof b === 'bigint') return bigintArithmetic(operator, a, b);
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    throw new ExpressionError(`${operator} cannot mix a bigint and a number; convert one with num()`);
  }
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '**':
      return a ** b;
  }
}

function bigintArithmetic(operator: ArithmeticOperator, a: bigint, b: bigint): bigint {
  if ((operator === '/' || operator === '%') && b === 0n) throw new ExpressionError('division of a bigint by zero');
  if (operator === '**' && b < 0n) throw new ExpressionError('a bigint cannot be raised to a negative power');
  if (operator === '*' && bitLength(a) + bitLength(b) > MAX_BIGINT_BITS) throw bigintTooLarge();
  if (operator === '**' && bitLength(a) > 1 && b > BigInt(MAX_BIGINT_BITS)) throw bigintTooLarge();
  if (operator === '**' && bitLength(a) > 1 && bitLength(a) * Number(b) > MAX_BIGINT_BITS) throw bigintTooLarge();
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '**':
      return a ** b;
  }
}

function bitLength(value: bigint): number {
  return (value < 0n ? -value : value).toString(2).length;
}

function bigintTooLarge(): ExpressionError {
  return new ExpressionError(`the bigint would have more than ${MAX_BIGINT_BITS} bits`);
}

function compare(operator: '<' | '<=' | '>' | '>=', left: DslValue, right: DslValue): boolean {
  if (isComposite(left) && !(left instanceof Date)) throw new ExpressionError(`${operator} cannot compare ${describeKind(left)}`);
  if (isComposite(right) && !(right instanceof Date)) throw new ExpressionError(`${operator} cannot compare ${describeKind(right)}`);
  if (typeof left === 'string' && typeof right === 'string') return ordered(operator, left, right);
  return ordered(operator, toNumeric(left, operator), toNumeric(right, operator));
}

function ordered<T extends string | number | bigint>(operator: '<' | '<=' | '>' | '>=', a: T, b: T): boolean {
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}
