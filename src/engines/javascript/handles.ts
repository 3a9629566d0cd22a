/**
 * Moves neutral values in and out of a QuickJS context, handle by handle, with the prelude's
 * helpers for the kinds QuickJS's API cannot build or recognise directly.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { ConversionError, MAX_DEPTH, isNeutralArray, isNeutralMap, isNeutralSet, isTypedArray, isTypedArrayName, TYPED_ARRAYS, type NeutralValue } from '../value';

/** Calls one of the prelude's helpers; the caller disposes the returned handle. */
export function callHelper(context: QuickJSContext, helpers: QuickJSHandle, name: string, ...args: QuickJSHandle[]): QuickJSHandle {
  return context.unwrapResult(context.callMethod(helpers, name, args));
}

/** Reads a QuickJS value as a neutral value; throws ConversionError for what cannot cross. */
export function handleToNeutral(context: QuickJSContext, helpers: QuickJSHandle, handle: QuickJSHandle, depth = 0): NeutralValue {
  if (depth > MAX_DEPTH) throw new ConversionError(`value is nested deeper than ${MAX_DEPTH} levels (or has a cycle)`);
  const child = (item: QuickJSHandle) => handleToNeutral(context, helpers, item, depth + 1);
  const kind = readKind(context, helpers, handle);
  switch (kind) {
    case 'undefined':
    case 'null':
      return null;
    case 'boolean':
      return context.dump(handle) === true;
    case 'number':
      return context.getNumber(handle);
    case 'bigint': {
      // As decimal text: the same in every build variant of QuickJS.
      using text = callHelper(context, helpers, 'bigintText', handle);
      return BigInt(context.getString(text));
    }
    case 'string':
      return context.getString(handle);
    case 'date': {
      using time = callHelper(context, helpers, 'time', handle);
      return new Date(context.getNumber(time));
    }
    case 'bytes': {
      using buffer = callHelper(context, helpers, 'buffer', handle);
      using view = context.getArrayBuffer(buffer);
      return new Uint8Array(view.value);
    }
    case 'array':
      return mapItems(context, handle, child);
    case 'typed': {
      // The whole buffer at once: megabytes cross without a loop over their elements.
      using nameHandle = callHelper(context, helpers, 'typedName', handle);
      const name = context.getString(nameHandle);
      using buffer = callHelper(context, helpers, 'buffer', handle);
      using view = context.getArrayBuffer(buffer);
      if (!isTypedArrayName(name)) throw new ConversionError(`a JavaScript ${name} cannot cross between languages`);
      const bytes = view.value.slice();
      return new TYPED_ARRAYS[name](bytes.buffer);
    }
    case 'map': {
      using entries = callHelper(context, helpers, 'entries', handle);
      const pairs = mapItems(context, entries, (entry) => mapItems(context, entry, child));
      return new Map(pairs.map(([key, value]) => [key ?? null, value ?? null]));
    }
    case 'set': {
      using items = callHelper(context, helpers, 'entries', handle);
      return new Set(mapItems(context, items, child));
    }
    case 'object': {
      const object: Record<string, NeutralValue> = {};
      // Object.keys inside the VM: own enumerable string keys, in order, in every build variant.
      using keys = callHelper(context, helpers, 'keys', handle);
      for (const name of mapItems(context, keys, (key) => context.getString(key))) {
        using value = context.getProp(handle, name);
        Object.defineProperty(object, name, { value: child(value), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
    default:
      throw new ConversionError(`a JavaScript ${kind.replace(/^instance:/, '')} cannot cross between languages`);
  }
}

/** Builds a QuickJS value from a neutral value; the caller disposes the returned handle. */
export function neutralToHandle(context: QuickJSContext, helpers: QuickJSHandle, value: NeutralValue): QuickJSHandle {
  const build = (item: NeutralValue) => neutralToHandle(context, helpers, item);
  if (value === null) return context.null;
  switch (typeof value) {
    case 'boolean':
      return value ? context.true : context.false;
    case 'number':
      return context.newNumber(value);
    case 'bigint': {
      using text = context.newString(value.toString());
      return callHelper(context, helpers, 'makeBigInt', text);
    }
    case 'string':
      return context.newString(value);
  }
  if (value instanceof Date) {
    using time = context.newNumber(value.getTime());
    return callHelper(context, helpers, 'makeDate', time);
  }
  if (value instanceof Uint8Array) {
    using buffer = context.newArrayBuffer(value.slice().buffer);
    return callHelper(context, helpers, 'makeBytes', buffer);
  }
  if (isTypedArray(value)) {
    using buffer = context.newArrayBuffer(value.slice().buffer);
    using name = context.newString(value.constructor.name);
    return callHelper(context, helpers, 'makeTyped', name, buffer);
  }
  if (isNeutralMap(value)) {
    using entries = newArray(context, [...value].map(([key, item]) => newArray(context, [build(key), build(item)])));
    return callHelper(context, helpers, 'makeMap', entries);
  }
  if (isNeutralSet(value)) {
    using items = newArray(context, [...value].map(build));
    return callHelper(context, helpers, 'makeSet', items);
  }
  if (isNeutralArray(value)) return newArray(context, value.map(build));
  const object = context.newObject();
  for (const [key, item] of Object.entries(value)) {
    using handle = build(item);
    context.setProp(object, key, handle);
  }
  return object;
}

function readKind(context: QuickJSContext, helpers: QuickJSHandle, handle: QuickJSHandle): string {
  const type = context.typeof(handle);
  if (type !== 'object') return type;
  using kind = callHelper(context, helpers, 'kind', handle);
  return context.getString(kind);
}

function mapItems<T>(context: QuickJSContext, array: QuickJSHandle, each: (item: QuickJSHandle) => T): T[] {
  using lengthHandle = context.getProp(array, 'length');
  const length = context.typeof(lengthHandle) === 'number' ? context.getNumber(lengthHandle) : 0;
  const items: T[] = [];
  for (let index = 0; index < length; index++) {
    using item = context.getProp(array, index);
    items.push(each(item));
  }
  return items;
}

/** Makes an array from item handles, taking ownership of (and disposing) each of them. */
function newArray(context: QuickJSContext, items: QuickJSHandle[]): QuickJSHandle {
  const array = context.newArray();
  items.forEach((item, index) => {
    context.setProp(array, index, item);
    item.dispose();
  });
  return array;
}
