/**
 * The QuickJS heap's real size limit. `runtime.setMemoryLimit` alone does not hold in this
 * build: without `malloc_usable_size` QuickJS counts a few bytes per allocation, not its
 * size, so arrays of megabytes pass a 64 MB limit until the wasm memory's 2 GB end. The
 * engine therefore hands Emscripten a wasm memory of its own whose growth stops at the
 * limit: malloc then fails inside QuickJS, which throws `out of memory` and carries on.
 * Wasm memory never shrinks, so the cap is on the heap's high-water mark; what a failed
 * run freed is reused by later runs.
 */

import { HeapLimit } from '../heap-limit';

const PAGE = 65_536;
/** What the QuickJS builds start with (Emscripten's INITIAL_MEMORY). */
const INITIAL_BYTES = 16 * 1024 * 1024;
/** What the QuickJS builds allow at most (their own maximum of 32768 pages). */
const MAXIMUM_BYTES = 2 * 1024 * 1024 * 1024;

/** A fresh wasm memory for QuickJS, under a heap limit. */
export class HeapCap extends HeapLimit<WebAssembly.Memory> {
  /** `memory` is what to give Emscripten (`wasmMemory`); its growth asks the limit first. */
  constructor(limitBytes: number) {
    super(new WebAssembly.Memory({ initial: INITIAL_BYTES / PAGE, maximum: MAXIMUM_BYTES / PAGE }));
    this.limit = limitBytes;
  }
}
