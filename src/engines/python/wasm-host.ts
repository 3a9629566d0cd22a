/**
 * What Python's WasmModule (wasm.py) holds of an instance: plain functions that never throw
 * but answer `[ok, value, kind]`, so that each failure becomes the Python exception of its kind
 * rather than a JsException.
 */
import { WasmCallError, type WasmInstance } from '../wasm/wasm-instances';

type Answer = readonly [ok: boolean, value: unknown, kind: string | null];

function answer(work: () => unknown): Answer {
  try {
    return [true, work(), null];
  } catch (error) {
    if (error instanceof WasmCallError) return [false, error.message, error.kind];
    return [false, error instanceof Error ? error.message : String(error), 'trap'];
  }
}

export interface PythonWasmHost {
  /** Each export as [name, params, results]. */
  readonly functions: readonly (readonly [string, readonly string[], readonly string[]])[];
  readonly hasMemory: boolean;
  call(exportName: string, args: readonly unknown[]): Answer;
  size(): Answer;
  read(offset: number, length: number): Answer;
  write(offset: number, bytes: Uint8Array): Answer;
  grow(pages: number): Answer;
}

export function pythonWasmHost(instance: WasmInstance): PythonWasmHost {
  return {
    functions: instance.exportedFunctions().map((entry) => [entry.name, entry.params, entry.results] as const),
    hasMemory: instance.hasMemory(),
    call: (exportName, args) => answer(() => instance.call(exportName, Array.from(args))),
    size: () => answer(() => instance.byteLength()),
    read: (offset, length) => answer(() => instance.read(offset, length)),
    // Pyodide hands over a view of Python's own heap; the instance copies it in.
    write: (offset, bytes) => answer(() => {
      instance.write(offset, bytes);
    }),
    grow: (pages) => answer(() => instance.grow(pages)),
  };
}
