/**
 * Property reads and method calls on values. Only own data is read: a missing property is
 * null, and a name that could reach a prototype never gets this far (see checkKey).
 */
import { isNeutralArray, isNeutralMap, isTypedArray, type NeutralArray } from '../engines/value';
import { checkArity, numberArgument, optionalNumber, optionalString, stringArgument } from './expression-arguments';
import { checkItemCount, checkTextLength, ExpressionError } from './expression-error';
import { describeKind, isComposite, isPlainObject, showValue, strictEquals, type DslValue } from './expression-values';

/** A method the DSL allows on one kind of receiver. */
interface Method<Receiver> {
  readonly arity: readonly [min: number, max: number];
  readonly run: (receiver: Receiver, args: readonly DslValue[], name: string) => DslValue;
}

/** Turns an evaluated key (`a[key]`) into a property name, as JavaScript does for primitives. */
export function memberKey(key: DslValue): string {
  if (isComposite(key)) throw new ExpressionError(`${describeKind(key)} cannot be used as a property name`);
  return key === null ? 'null' : String(key);
}

/** The array or string index a key stands for, if it stands for one. */
function indexOf(key: DslValue): number | undefined {
  if (typeof key === 'number') return Number.isInteger(key) && key >= 0 ? key : undefined;
  if (typeof key === 'string' && /^(0|[1-9]\d{0,15})$/.test(key)) return Number(key);
  return undefined;
}

/** Reads `object[key]`; `quoted` is the access as written, for the message when `object` is null. */
export function readMember(object: DslValue, key: DslValue, quoted: string): DslValue {
  if (object === null) throw new ExpressionError(`cannot read ${memberKey(key)} of null in \`${quoted}\` (use ?. to allow null)`);
  if (typeof object === 'string') {
    if (key === 'length') return object.length;
    const index = indexOf(key);
    if (index !== undefined) return object.charAt(index) || null;
    return notCalled(STRING_METHODS, key, quoted);
  }
  if (isNeutralArray(object)) {
    if (key === 'length') return object.length;
    const index = indexOf(key);
    if (index !== undefined) return index < object.length ? (object[index] ?? null) : null;
    return notCalled(ARRAY_METHODS, key, quoted);
  }
  if (isTypedArray(object)) {
    if (key === 'length') return object.length;
    const index = indexOf(key);
    return index !== undefined && index < object.length ? (object[index] ?? null) : null;
  }
  if (isNeutralMap(object)) return object.get(key) ?? null;
  if (isPlainObject(object)) {
    const name = memberKey(key);
    return Object.hasOwn(object, name) ? (object[name] ?? null) : null;
  }
  return null;
}

/** A method read without calling it cannot become a value, since the DSL has no functions. */
function notCalled(methods: Readonly<Record<string, unknown>>, key: DslValue, quoted: string): null {
  if (typeof key === 'string' && Object.hasOwn(methods, key)) throw new ExpressionError(`${key} is a method: call it, as in \`${quoted}()\``);
  return null;
}

/**
 * Calls `receiver.name(...args)` for the string and array methods the DSL allows. The arguments
 * are evaluated only once the method is known to exist, so the error names the method.
 */
export function callMethod(receiver: DslValue, name: string, quoted: string, evaluateArgs: () => readonly DslValue[]): DslValue {
  if (typeof receiver === 'string' && Object.hasOwn(STRING_METHODS, name)) return run(STRING_METHODS[name], receiver, name, evaluateArgs());
  if (isNeutralArray(receiver) && Object.hasOwn(ARRAY_METHODS, name)) return run(ARRAY_METHODS[name], receiver, name, evaluateArgs());
  const known = typeof receiver === 'string' ? STRING_METHODS : isNeutralArray(receiver) ? ARRAY_METHODS : undefined;
  const list = known ? `; the methods of ${describeKind(receiver).replace(/^an? /, '')}s are ${Object.keys(known).join(', ')}` : '';
  throw new ExpressionError(`\`${quoted}()\`: ${describeKind(receiver)} has no method ${name} that expressions may call${list}`);
}

function run<Receiver>(method: Method<Receiver> | undefined, receiver: Receiver, name: string, args: readonly DslValue[]): DslValue {
  if (!method) throw new ExpressionError(`no method ${name}`);
  checkArity(name, args, method.arity[0], method.arity[1]);
  return method.run(receiver, args, name);
}

/** `padStart`/`padEnd`, refused before they would build a string past the limit. */
function pad(side: 'start' | 'end'): Method<string> {
  return {
    arity: [1, 2],
    run: (text, args, name) => {
      const length = numberArgument(name, args, 0);
      const fill = optionalString(name, args, 1, ' ');
      checkTextLength(length, `the result of ${name}`);
      return side === 'start' ? text.padStart(length, fill) : text.padEnd(length, fill);
    },
  };
}

/** `includes`/`startsWith`/`endsWith`/`indexOf` of a string: a string to look for, and an optional position. */
function search(find: (text: string, needle: string, position: number | undefined) => boolean | number): Method<string> {
  return { arity: [1, 2], run: (text, args, name) => find(text, stringArgument(name, args, 0), optionalNumber(name, args, 1)) };
}

const STRING_METHODS: Readonly<Record<string, Method<string>>> = {
  toUpperCase: { arity: [0, 0], run: (text) => text.toUpperCase() },
  toLowerCase: { arity: [0, 0], run: (text) => text.toLowerCase() },
  trim: { arity: [0, 0], run: (text) => text.trim() },
  includes: search((text, needle, position) => text.includes(needle, position)),
  startsWith: search((text, needle, position) => text.startsWith(needle, position)),
  endsWith: search((text, needle, position) => text.endsWith(needle, position)),
  indexOf: search((text, needle, position) => text.indexOf(needle, position)),
  split: {
    arity: [0, 2],
    run: (text, args, name) => (args.length === 0 ? [text] : text.split(stringArgument(name, args, 0), optionalNumber(name, args, 1))),
  },
  slice: { arity: [0, 2], run: (text, args, name) => text.slice(optionalNumber(name, args, 0), optionalNumber(name, args, 1)) },
  replace: {
    arity: [2, 2],
    run: (text, args, name) => {
      const pattern = stringArgument(name, args, 0);
      const replacement = stringArgument(name, args, 1);
      // `$&` in the replacement repeats the match, so the bound allows for each `$` doing so.
      const growth = replacement.includes('$') ? replacement.length * Math.max(1, pattern.length) : replacement.length;
      checkTextLength(text.length + growth, `the result of ${name}`);
      return text.replace(pattern, replacement);
    },
  },
  padStart: pad('start'),
  padEnd: pad('end'),
  repeat: {
    arity: [1, 1],
    run: (text, args, name) => {
      const count = numberArgument(name, args, 0);
      if (!Number.isInteger(count) || count < 0) throw new ExpressionError(`repeat needs a whole number of 0 or more, not ${count}`);
      checkTextLength(text.length * count, 'the result of repeat');
      return text.repeat(count);
    },
  },
};

const ARRAY_METHODS: Readonly<Record<string, Method<NeutralArray>>> = {
  // Like JavaScript's includes, NaN is found; unlike it, arrays and objects are found by content.
  includes: { arity: [1, 1], run: (items, args) => items.some((item) => sameValueZero(item, args[0] ?? null)) },
  indexOf: { arity: [1, 1], run: (items, args) => items.findIndex((item) => strictEquals(item, args[0] ?? null)) },
  join: { arity: [0, 1], run: (items, args, name) => joinItems(items, optionalString(name, args, 0, ',')) },
  slice: { arity: [0, 2], run: (items, args, name) => items.slice(optionalNumber(name, args, 0), optionalNumber(name, args, 1)) },
  concat: {
    arity: [0, Infinity],
    run: (items, args) => {
      const parts = args.map((arg) => (isNeutralArray(arg) ? arg : [arg]));
      checkItemCount(parts.reduce((count, part) => count + part.length, items.length), 'the result of concat');
      return items.concat(...parts);
    },
  },
};

/** Joins items shown by showValue, refused as soon as the text would pass the limit. */
export function joinItems(items: readonly DslValue[], separator: string): string {
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    const text = showValue(item);
    length += text.length + (shown.length > 0 ? separator.length : 0);
    checkTextLength(length, 'the joined text');
    shown.push(text);
  }
  return shown.join(separator);
}

/** `includes` equality: strictEquals, except that NaN matches NaN. */
export function sameValueZero(a: DslValue, b: DslValue): boolean {
  return strictEquals(a, b) || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}
