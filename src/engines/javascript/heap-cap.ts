/**
 * The QuickJS heap's real size limit. `runtime.setMemoryLimit` alone does not hold in this
 * build: without `malloc_usable_size` QuickJS counts a few bytes per allocation, not its
 * size, so arrays of megabytes pass a 64 MB limit until the wasm memory's 2 GB end. The
 * engine therefore hands Emscripten a wasm memory of its own whose growth stops at the
 * limit: malloc then fails inside QuickJS, which throws `out of memory` and carries on.
 * Wasm memory never shrinks, so the cap is on the heap's high-water mark; what a failed
 * run freed is reused by later runs.
 */

const PAGE = 65_536;
/** What the QuickJS builds start with (Emscripten's INITIAL_MEMORY). */
const INITIAL_BYTES = 16 * 1024 * 1024;
/** What the QuickJS builds allow at most (their own maximum of 32768 pages). */
const MAXIMUM_BYTES = 2 * 1024 * 1024 * 1024;

export class HeapCap {
  /** The memory to give Emscripten (`wasmMemory`); its growth asks this cap first. */
  readonly memory: WebAssembly.Memory;
  private limitBytes: number;

  constructor(limitBytes: number) {
    this.limitBytes = limitBytes;
    const memory = new WebAssembly.Memory({ initial: INITIAL_BYTES / PAGE, maximum: MAXIMUM_BYTES / PAGE });
    const grow = memory.grow.bind(memory);
    // Emscripten's heap resize calls grow and treats a throw as "no more memory".
    memory.grow = (pages: number) => {
      if (memory.buffer.byteLength + pages * PAGE > this.limitBytes) throw new RangeError(`the heap may not grow past ${this.limitBytes} bytes`);
      return grow(pages);
    };
    this.memory = memory;
  }

  /** The limit for later growth. A lower limit than the heap's size stops growth; it cannot give memory back. */
  setLimit(limitBytes: number): void {
    this.limitBytes = limitBytes;
  }

  get limit(): number {
    return this.limitBytes;
  }

  /** The wasm memory's size now. */
  get size(): number {
    return this.memory.buffer.byteLength;
  }
}
