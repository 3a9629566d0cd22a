/**
 * The memory limit of a policy, for a wasm heap. Python's allocator asks Emscripten for more
 * memory, which calls `grow` on the module's `WebAssembly.Memory`; refusing the call past the
 * limit makes the allocation fail, and Python raises a MemoryError right where the memory was
 * asked for, inside C loops too (`bytearray(10**9)`, `[0] * 10**8`). Pyodide's periodic
 * interrupt check, by contrast, runs only every 50 ticks of the eval loop and never inside
 * C, so a watch built on it would find the heap far past the limit, or not at all.
 */
import type { PyodideAPI } from 'pyodide';
import { EngineError } from '../contract';
import type { Tier } from '../policy';

/** What the limit needs of a `WebAssembly.Memory`. */
export interface GrowableMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const PAGE_BYTES = 65_536;
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

export class HeapLimit {
  private limitBytes = Number.POSITIVE_INFINITY;
  private refusals = 0;

  /** Takes over the memory's `grow`; the memory then grows only up to the limit. */
  constructor(private readonly memory: GrowableMemory) {
    const grow = memory.grow.bind(memory);
    Reflect.defineProperty(memory, 'grow', {
      configurable: true,
      writable: true,
      value: (pages: number): number => {
        if (this.bytes + pages * PAGE_BYTES > this.limitBytes) {
          this.refusals += 1;
          // What the real grow throws when the memory cannot grow; Emscripten then reports failure.
          throw new RangeError(`the heap may not grow past ${this.limitBytes} bytes`);
        }
        return grow(pages);
      },
    });
  }

  /** The heap's size now, in bytes. */
  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** The limit in bytes. */
  get limit(): number {
    return this.limitBytes;
  }

  set limit(bytes: number) {
    this.limitBytes = bytes;
  }

  /** How many times growth has been refused so far; compare before and after a run. */
  get refused(): number {
    return this.refusals;
  }

  /** Whether the heap is already past the limit (it was lowered after the heap grew). */
  get exceeded(): boolean {
    return this.bytes > this.limitBytes;
  }
}
