/**
 * The memory limit of a policy, for a wasm heap. An engine's allocator asks Emscripten for
 * more memory, which calls `grow` on the module's `WebAssembly.Memory`; refusing the call past
 * the limit makes that allocation fail inside the engine, which reports running out of memory
 * and carries on. Wasm memory never shrinks, so the limit is on the heap's high-water mark.
 */

/** What the limit needs of a `WebAssembly.Memory`. */
export interface GrowableMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const PAGE_BYTES = 65_536;

export class HeapLimit<M extends GrowableMemory = GrowableMemory> {
  private limitBytes = Number.POSITIVE_INFINITY;
  private refusals = 0;

  /** Takes over the memory's `grow`; the memory then grows only up to the limit. */
  constructor(readonly memory: M) {
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
