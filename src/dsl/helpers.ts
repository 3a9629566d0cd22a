/**
 * The helper functions `${…}` expressions may call by bare name, as in `${len(items)}`. Each is
 * pure: it reads its arguments and nothing else (so there is no `now()`), and builds neutral values.
 */
import { isNeutralArray, isNeutralMap, isNeutralSet, isTypedArray, toNeutral, ConversionError } from '../engines/value';
import { checkArity, numberArgument, optionalString, stringArgument, wrongArgument } from './expression-arguments';
import { checkItemCount, ExpressionError } from './expression-error';
import { joinItems, sameValueZero } from './expression-members';
import { describeKind, isPlainObject, showValue, toJson, type DslValue } from './expression-values';

/** One helper: what the README says about it, how many arguments it takes, and what it does. */
interface Helper {
  readonly description: string;
  readonly arity: readonly [min: number, max: number];
  readonly run: (args: readonly DslValue[], name: string) => DslValue;
}

/** The most items `range` builds. */
export const MAX_RANGE = 1_000_000;

/** Past this many digits a double has nothing left to round, and the exponent shift would overflow. */
const MAX_ROUND_DIGITS = 100;

/** Reads a value as a number, for `num` and `int`; text that is not a number is an error, not NaN. */
function readNumber(value: DslValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'boolean') return Number(value);
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    const number = value.trim() === '' ? NaN : Number(value);
    if (Number.isNaN(number)) throw new ExpressionError(`cannot read ${JSON.stringify(value)} as a number`);
    return number;
  }
  throw new ExpressionError(`cannot read ${describeKind(value)} as a number`);
}

/** The numbers `min`/`max` work on: the arguments, or the items of a single array argument. */
function numbersOf(args: readonly DslValue[], name: string): number[] {
  const first = args[0] ?? null;
  const items = args.length === 1 && isNeutralArray(first) ? first : args;
  if (items.length === 0) throw new ExpressionError(`${name} needs at least one number`);
  return items.map((item, index) => numberArgument(name, items, index));
}

/** A Math function of one number. */
function mathHelper(description: string, apply: (value: number) => number): Helper {
  return { description, arity: [1, 1], run: (args, name) => apply(numberArgument(name, args, 0)) };
}

/** Rounds to `digits` decimals by shifting the decimal exponent, so 1.005 rounds to 1.01 as written. */
function roundTo(value: number, digits: number): number {
  if (digits === 0 || !Number.isFinite(value)) return Math.round(value);
  const shift = (number: number, by: number): number => {
    const [mantissa = '0', exponent = '0'] = String(number).split('e');
    return Number(`${mantissa}e${Number(exponent) + by}`);
  };
  return shift(Math.round(shift(value, digits)), -digits);
}

function integerArgument(name: string, args: readonly DslValue[], index: number): number {
  const value = numberArgument(name, args, index);
  if (!Number.isSafeInteger(value)) throw new ExpressionError(`${name} needs whole numbers, not ${value}`);
  return value;
}

function range(args: readonly DslValue[], name: string): number[] {
  const from = args.length === 2 ? integerArgument(name, args, 0) : 0;
  const to = integerArgument(name, args, args.length - 1);
  const count = Math.max(0, to - from);
  if (count > MAX_RANGE) throw new ExpressionError(`range would have ${count} items, more than the limit of ${MAX_RANGE}`);
  return Array.from({ length: count }, (_, index) => from + index);
}

function entriesOf(value: DslValue, name: string): [DslValue, DslValue][] {
  if (isNeutralMap(value)) return Array.from(value);
  if (isPlainObject(value)) return Object.entries(value);
  throw wrongArgument(name, 0, 'an object or a Map', value);
}

function valuesOf(value: DslValue, name: string): DslValue[] {
  if (isNeutralArray(value)) return [...value];
  if (isNeutralSet(value)) return Array.from(value);
  if (isTypedArray(value)) return Array.from(value, (item: number | bigint) => item);
  return entriesOf(value, name).map(([, item]) => item);
}

function contains(haystack: DslValue, needle: DslValue, name: string): boolean {
  if (typeof haystack === 'string') {
    if (typeof needle !== 'string') throw wrongArgument(name, 1, 'a string (to look for in a string)', needle);
    return haystack.includes(needle);
  }
  if (isNeutralArray(haystack)) return haystack.some((item) => sameValueZero(item, needle));
  if (isNeutralSet(haystack)) return haystack.has(needle) || Array.from(haystack).some((item) => sameValueZero(item, needle));
  throw wrongArgument(name, 0, 'a string, an array or a Set', haystack);
}

function parseJson(text: string): DslValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ExpressionError(`parse_json: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return toNeutral(parsed);
  } catch (error) {
    if (error instanceof ConversionError) throw new ExpressionError(`parse_json: ${error.message}`);
    throw error;
  }
}

function length(value: DslValue, name: string): number {
  if (typeof value === 'string' || isNeutralArray(value) || isTypedArray(value)) return value.length;
  if (isNeutralMap(value) || isNeutralSet(value)) return value.size;
  if (isPlainObject(value)) return Object.keys(value).length;
  throw wrongArgument(name, 0, 'a string, an array, an object, a Map or a Set', value);
}

const HELPERS: Readonly<Record<string, Helper>> = {
  len: { description: 'len(x): the length of a string or array, or the number of entries of an object, Map or Set', arity: [1, 1], run: (args, name) => length(args[0] ?? null, name) },
  str: { description: 'str(x): x as text, as it reads inside a message (arrays and objects as compact JSON)', arity: [1, 1], run: (args) => showValue(args[0]) },
  num: { description: 'num(x): x as a number; text that is not a number is an error', arity: [1, 1], run: (args) => readNumber(args[0] ?? null) },
  int: { description: 'int(x): num(x) without its fractional part (towards zero)', arity: [1, 1], run: (args) => Math.trunc(readNumber(args[0] ?? null)) },
  round: {
    description: 'round(x, digits?): x rounded to digits decimals (0 by default), halves upwards',
    arity: [1, 2],
    run: (args, name) => {
      const digits = args.length > 1 ? integerArgument(name, args, 1) : 0;
      if (Math.abs(digits) > MAX_ROUND_DIGITS) throw new ExpressionError(`round takes from -${MAX_ROUND_DIGITS} to ${MAX_ROUND_DIGITS} digits, not ${digits}`);
      return roundTo(numberArgument(name, args, 0), digits);
    },
  },
  floor: mathHelper('floor(x): the largest whole number not above x', Math.floor),
  ceil: mathHelper('ceil(x): the smallest whole number not below x', Math.ceil),
  abs: mathHelper('abs(x): x without its sign', Math.abs),
  min: { description: 'min(a, b, …) or min(array): the smallest of some numbers', arity: [1, Infinity], run: (args, name) => numbersOf(args, name).reduce((a, b) => Math.min(a, b)) },
  max: { description: 'max(a, b, …) or max(array): the largest of some numbers', arity: [1, Infinity], run: (args, name) => numbersOf(args, name).reduce((a, b) => Math.max(a, b)) },
  sum: {
    description: 'sum(array): the total of an array of numbers (0 for an empty one)',
    arity: [1, 1],
    run: (args, name) => {
      const items = args[0] ?? null;
      if (!isNeutralArray(items)) throw wrongArgument(name, 0, 'an array', items);
      return items.reduce<number>((total, _, index) => total + numberArgument(name, items, index), 0);
    },
  },
  range: { description: `range(n) or range(from, to): the whole numbers from 0 (or from) up to but not including n (or to), at most ${MAX_RANGE}`, arity: [1, 2], run: range },
  keys: { description: 'keys(x): the keys of an object or Map, as an array', arity: [1, 1], run: (args, name) => entriesOf(args[0] ?? null, name).map(([key]) => key) },
  values: { description: 'values(x): the values of an object or Map, or the items of an array, Set or typed array, as an array', arity: [1, 1], run: (args, name) => valuesOf(args[0] ?? null, name) },
  upper: { description: 'upper(text): text in upper case', arity: [1, 1], run: (args, name) => stringArgument(name, args, 0).toUpperCase() },
  lower: { description: 'lower(text): text in lower case', arity: [1, 1], run: (args, name) => stringArgument(name, args, 0).toLowerCase() },
  trim: { description: 'trim(text): text without white space at either end', arity: [1, 1], run: (args, name) => stringArgument(name, args, 0).trim() },
  join: {
    description: 'join(array, separator?): the items as text (each as str shows it), separated by separator ("," by default)',
    arity: [1, 2],
    run: (args, name) => {
      const items = args[0] ?? null;
      if (!isNeutralArray(items)) throw wrongArgument(name, 0, 'an array', items);
      return joinItems(items, optionalString(name, args, 1, ','));
    },
  },
  split: {
    description: 'split(text, separator): the pieces of text between each separator, as an array',
    arity: [2, 2],
    run: (args, name) => {
      const pieces = stringArgument(name, args, 0).split(stringArgument(name, args, 1));
      checkItemCount(pieces.length, 'the result of split');
      return pieces;
    },
  },
  contains: {
    description: 'contains(haystack, needle): whether a string holds a piece of text, or an array or Set holds a value',
    arity: [2, 2],
    run: (args, name) => contains(args[0] ?? null, args[1] ?? null, name),
  },
  json: { description: 'json(x): x as compact JSON text (a Map as an object, a Set as an array, a bigint as digits)', arity: [1, 1], run: (args) => toJson(args[0] ?? null) },
  parse_json: { description: 'parse_json(text): the value JSON text stands for', arity: [1, 1], run: (args, name) => parseJson(stringArgument(name, args, 0)) },
};

/** The documented helpers, name → one-line description, for the README. */
export const HELPER_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(HELPERS).map(([name, helper]) => [name, helper.description])),
);

/** Calls a helper by name. Throws ExpressionError for a name that is not a helper or a wrong argument. */
export function callHelper(name: string, args: readonly DslValue[]): DslValue {
  const helper = Object.hasOwn(HELPERS, name) ? HELPERS[name] : undefined;
  if (!helper) throw new ExpressionError(`${name} is not a helper; the helpers are ${Object.keys(HELPERS).join(', ')}`);
  checkArity(name, args, helper.arity[0], helper.arity[1]);
  return helper.run(args, name);
}


