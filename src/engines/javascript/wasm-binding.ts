/**
 * WASM cells as JavaScript objects inside QuickJS: `name.add(2, 3)` calls the export through
 * the instance in the worker (wasm-instances.ts), and `name.memory` reads and writes its memory
 * as Uint8Array copies, since QuickJS cannot see the instance's memory directly.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { isTypedArray } from '../value';
import { WasmCallError, type WasmFailureKind, type WasmInstance } from '../wasm/wasm-instances';
import { handleToNeutral, neutralToHandle } from './handles';

const BINDING_FILE = '<playground wasm binding>';

/** Builds the module object from the host's functions; it runs inside QuickJS. */
const BUILD_MODULE = `(function (functions, hasMemory, call, size, read, write, grow) {
  const module = {};
  for (const [exportName, params, results] of functions) {
    const fn = (...args) => call(exportName, args);
    Object.defineProperty(fn, 'name', { value: exportName });
    Object.defineProperty(fn, 'signature', { value: Object.freeze({ params, results }) });
    module[exportName] = fn;
  }
  if (hasMemory) {
    module.memory = Object.freeze({
      get byteLength() { return size(); },
      read: (offset, length) => read(offset, length),
      write: (offset, bytes) => write(offset, bytes),
      grow: (pages) => grow(pages),
      bytes: () => read(0, size()),
    });
  }
  return Object.freeze(module);
})`;

/** The JavaScript error each kind of failure is thrown as. */
const ERROR_NAMES: Readonly<Record<WasmFailureKind, string>> = { trap: 'WasmTrap', type: 'TypeError', range: 'RangeError', memory: 'WasmMemoryError', link: 'LinkError' };

/** Sets the global `instance.name` in the context to the module's object. */
export function bindWasm(context: QuickJSContext, helpers: QuickJSHandle, instance: WasmInstance): void {
  const guarded = (work: () => QuickJSHandle) => {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof WasmCallError)) throw error;
      return { error: context.newError({ name: ERROR_NAMES[error.kind], message: error.message }) };
    }
  };
  const read = (handle: QuickJSHandle) => handleToNeutral(context, helpers, handle);
  const number = (handle: QuickJSHandle) => {
    const value = read(handle);
    return typeof value === 'number' ? value : Number.NaN;
  };

  using call = context.newFunction('call', (exportName, args) =>
    guarded(() => {
      const values = read(args);
      const result = instance.call(context.getString(exportName), Array.isArray(values) ? values : []);
      return result === null ? context.undefined : neutralToHandle(context, helpers, result);
    }),
  );
  using size = context.newFunction('size', () => guarded(() => context.newNumber(instance.byteLength())));
  using readMemory = context.newFunction('read', (offset, length) => guarded(() => neutralToHandle(context, helpers, instance.read(number(offset), number(length)))));
  using writeMemory = context.newFunction('write', (offset, bytes) =>
    guarded(() => {
      const value = read(bytes);
      const data = value instanceof Uint8Array ? value : isTypedArray(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : Array.isArray(value) ? Uint8Array.from(value, Number) : null;
      if (data === null) throw new WasmCallError(`${instance.name}.memory.write needs a Uint8Array or an array of bytes`, 'type');
      instance.write(number(offset), data);
      return context.undefined;
    }),
  );
  using grow = context.newFunction('grow', (pages) => guarded(() => context.newNumber(instance.grow(number(pages)))));
  using functions = neutralToHandle(
    context,
    helpers,
    instance.exportedFunctions().map((entry) => [entry.name, [...entry.params], [...entry.results]]),
  );
  using build = context.unwrapResult(context.evalCode(BUILD_MODULE, BINDING_FILE));
  using module = context.unwrapResult(context.callFunction(build, context.undefined, functions, instance.hasMemory() ? context.true : context.false, call, size, readMemory, writeMemory, grow));
  context.setProp(context.global, instance.name, module);
}
