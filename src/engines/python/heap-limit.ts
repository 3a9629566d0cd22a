/**
 * Python's side of the heap limit (src/engines/heap-limit.ts). Refusing growth past the limit
 * makes Python raise a MemoryError right where the memory was asked for, inside C loops too
 * (`bytearray(10**9)`, `[0] * 10**8`). Pyodide's periodic interrupt check, by contrast, runs
 * only every 50 ticks of the eval loop and never inside C, so a watch built on it would find
 * the heap far past the limit, or not at all.
 */
import type { PyodideAPI } from 'pyodide';
import { EngineError } from '../contract';
import type { Tier } from '../policy';

const MB = 1024 * 1024;

/** The runtime's wasm memory; Pyodide keeps its Emscripten module on a private field. */
export function pyodideMemory(py: PyodideAPI): WebAssembly.Memory {
  const module: unknown = Reflect.get(py, '_module');
  const memory: unknown = typeof module === 'object' && module !== null ? Reflect.get(module, 'memory') : undefined;
  if (!(memory instanceof WebAssembly.Memory)) throw new EngineError('the Python runtime does not expose its memory, so no memory limit can hold', 'python');
  return memory;
}

/** The message of a run stopped at the memory limit, naming the limit and the tier. */
export function memoryLimitMessage(limitBytes: number, tier: Tier): string {
  return `the run needed more than the ${tier} policy's memory limit of ${Math.round(limitBytes / MB)} MB`;
}
