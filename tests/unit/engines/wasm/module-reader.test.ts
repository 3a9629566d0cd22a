import { describe, expect, it } from 'vitest';
import { capMemory, formatPages, MemoryCapError, readModuleInfo, WasmFormatError } from '../../../../src/engines/wasm/module-reader';
import { exportedFunction, exportedMemory, instantiate, watToBytes } from './wat';

const ADD_WAT = `(module
  (memory (export "memory") 1)
  (data (i32.const 0) "hi")
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0))))`;

/** The module ADD_WAT is, with its memory declared as `limits` (such as `1` or `1 100`). */
function withMemory(limits: string): string {
  return ADD_WAT.replace('(memory (export "memory") 1)', `(memory (export "memory") ${limits})`);
}

/** The id and contents size of each section, read from the binary by hand. */
function sectionSizes(bytes: Uint8Array): { id: number; size: number; sizeBytes: number }[] {
  const out: { id: number; size: number; sizeBytes: number }[] = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++] ?? -1;
    let size = 0;
    let scale = 1;
    let sizeBytes = 0;
    for (;;) {
      const byte = bytes[at++] ?? 0;
      sizeBytes++;
      size += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) break;
      scale *= 128;
    }
    out.push({ id, size, sizeBytes });
    at += size;
  }
  return out;
}

describe('readModuleInfo', () => {
  it('reads the signature of each exported function, in every number type', async () => {
    const bytes = await watToBytes(`(module
      (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "wide") (param i64) (result i64) (local.get 0))
      (func (export "floats") (param f32 f64) (result f64) (local.get 1))
      (func (export "nothing")))`);
    expect(readModuleInfo(bytes).exports).toEqual([
      { kind: 'function', name: 'add', params: ['i32', 'i32'], results: ['i32'] },
      { kind: 'function', name: 'wide', params: ['i64'], results: ['i64'] },
      { kind: 'function', name: 'floats', params: ['f32', 'f64'], results: ['f64'] },
      { kind: 'function', name: 'nothing', params: [], results: [] },
    ]);
  });

  it('reads a function that returns several values', async () => {
    const bytes = await watToBytes(
      `(module (func (export "pair") (param i64) (result i32 f64 i64)
        (i32.const 1) (f64.const 2) (local.get 0)))`,
      { multi_value: true },
    );
    expect(readModuleInfo(bytes).exports).toEqual([{ kind: 'function', name: 'pair', params: ['i64'], results: ['i32', 'f64', 'i64'] }]);
  });

  it('reads vector and reference types', async () => {
    const bytes = await watToBytes('(module (func (export "refs") (param v128 externref) (result funcref) (ref.null func)))', { simd: true, reference_types: true });
    expect(readModuleInfo(bytes).exports).toEqual([{ kind: 'function', name: 'refs', params: ['v128', 'externref'], results: ['funcref'] }]);
  });

  it('counts imported functions first in the function index space', async () => {
    const bytes = await watToBytes(`(module
      (import "env" "first" (func (param i64)))
      (import "env" "second" (func (result f32)))
      (func $mix (param f64 i32) (result i64) (i64.const 0))
      (export "mix" (func $mix))
      (export "again" (func 1)))`);
    expect(readModuleInfo(bytes).exports).toEqual([
      { kind: 'function', name: 'mix', params: ['f64', 'i32'], results: ['i64'] },
      { kind: 'function', name: 'again', params: [], results: ['f32'] },
    ]);
  });

  it('reads a defined memory with and without a maximum, not shared', async () => {
    expect(readModuleInfo(await watToBytes('(module (memory 2))')).memory).toEqual({ imported: false, initialPages: 2, maximumPages: null, shared: false });
    expect(readModuleInfo(await watToBytes('(module (memory 3 300))')).memory).toEqual({ imported: false, initialPages: 3, maximumPages: 300, shared: false });
  });

  it('reads a shared memory as shared', async () => {
    const bytes = await watToBytes('(module (memory 1 8 shared))', { threads: true });
    expect(readModuleInfo(bytes).memory).toEqual({ imported: false, initialPages: 1, maximumPages: 8, shared: true });
  });

  it('reads an imported memory as imported', async () => {
    const info = readModuleInfo(await watToBytes('(module (import "env" "memory" (memory 2 10)))'));
    expect(info.memory).toEqual({ imported: true, initialPages: 2, maximumPages: 10, shared: false });
    expect(info.imports).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
  });

  it('lists imports of every kind, in order, and reads on past each one', async () => {
    const bytes = await watToBytes(`(module
      (import "env" "log" (func (param i32)))
      (import "env" "table" (table 1 10 funcref))
      (import "env" "counter" (global (mut i32)))
      (import "env" "constant" (global f64))
      (import "host" "memory" (memory 1 4))
      (import "env" "last" (func (result i64)))
      (func (export "run") (result i64) (call 1)))`);
    const info = readModuleInfo(bytes);
    expect(info.imports).toEqual([
      { module: 'env', name: 'log', kind: 'function' },
      { module: 'env', name: 'table', kind: 'table' },
      { module: 'env', name: 'counter', kind: 'global' },
      { module: 'env', name: 'constant', kind: 'global' },
      { module: 'host', name: 'memory', kind: 'memory' },
      { module: 'env', name: 'last', kind: 'function' },
    ]);
    expect(info.memory).toEqual({ imported: true, initialPages: 1, maximumPages: 4, shared: false });
    // Two functions are imported, so "run" is function 2 and has its own signature.
    expect(info.exports).toEqual([{ kind: 'function', name: 'run', params: [], results: ['i64'] }]);
  });

  it('lists memory, global and table exports by kind', async () => {
    const bytes = await watToBytes(`(module
      (memory (export "mem") 1)
      (global (export "answer") i32 (i32.const 42))
      (table (export "tbl") 2 funcref)
      (func (export "f")))`);
    expect(readModuleInfo(bytes).exports).toEqual([
      { kind: 'memory', name: 'mem' },
      { kind: 'global', name: 'answer' },
      { kind: 'table', name: 'tbl' },
      { kind: 'function', name: 'f', params: [], results: [] },
    ]);
  });

  it('gives null memory and no imports for a module without them', async () => {
    const info = readModuleInfo(await watToBytes('(module (func (export "f") (result i32) (i32.const 1)))'));
    expect(info.memory).toBeNull();
    expect(info.imports).toEqual([]);
  });

  it('reads the empty module', () => {
    expect(readModuleInfo(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]))).toEqual({ exports: [], imports: [], memory: null });
  });

  it('rejects bytes that do not start with \\0asm', () => {
    expect(() => readModuleInfo(new TextEncoder().encode('hello, world'))).toThrow(WasmFormatError);
    expect(() => readModuleInfo(new TextEncoder().encode('hello, world'))).toThrow('this is not a WebAssembly module (it does not start with \\0asm)');
    expect(() => readModuleInfo(new Uint8Array([0x00, 0x61, 0x73]))).toThrow(WasmFormatError);
  });

  it('rejects a module cut short, wherever it is cut', async () => {
    const bytes = await watToBytes(ADD_WAT);
    // Cutting at a section boundary leaves a shorter module that still reads, so only
    // cuts that fall inside a section (or its header) must be rejected.
    const boundaries = new Set<number>([8]);
    let at = 8;
    for (const section of sectionSizes(bytes)) {
      at += 1 + section.sizeBytes + section.size;
      boundaries.add(at);
    }
    let rejected = 0;
    for (let length = 0; length < bytes.length; length++) {
      if (boundaries.has(length)) continue;
      expect(() => readModuleInfo(bytes.subarray(0, length)), `cut at ${length} of ${bytes.length}`).toThrow(WasmFormatError);
      rejected++;
    }
    expect(rejected).toBeGreaterThan(10);
    expect(() => readModuleInfo(bytes.subarray(0, bytes.length - 1))).toThrow(/runs past the end of the module|ends early/);
  });

  it('rejects a section whose contents run past their declared size', () => {
    // A type section of 1 byte that claims one function type: the reader stops at the section's end.
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01]);
    expect(() => readModuleInfo(bytes)).toThrow(WasmFormatError);
  });
});

describe('capMemory', () => {
  it('sets the cap as the maximum of a memory that has none, inside the module too', async () => {
    const cap = 4;
    const capped = capMemory(await watToBytes(withMemory('1')), cap);
    expect(readModuleInfo(capped).memory).toEqual({ imported: false, initialPages: 1, maximumPages: cap, shared: false });

    const memory = exportedMemory(instantiate(capped));
    expect(() => memory.grow(cap - 1 + 1)).toThrow(RangeError);
    expect(memory.buffer.byteLength).toBe(65_536);
    expect(memory.grow(cap - 1)).toBe(1);
    expect(memory.buffer.byteLength).toBe(cap * 65_536);
    expect(() => memory.grow(1)).toThrow(RangeError);
  });

  it('makes memory.grow inside the module fail with -1 past the cap', async () => {
    const instance = instantiate(capMemory(await watToBytes(withMemory('1')), 3));
    const grow = exportedFunction(instance, 'grow');
    expect(grow(3)).toBe(-1);
    expect(grow(2)).toBe(1);
    expect(grow(1)).toBe(-1);
    expect(grow(0)).toBe(3);
  });

  it('lowers a maximum that is above the cap', async () => {
    const capped = capMemory(await watToBytes(withMemory('2 100')), 8);
    expect(readModuleInfo(capped).memory).toEqual({ imported: false, initialPages: 2, maximumPages: 8, shared: false });
    const memory = exportedMemory(instantiate(capped));
    expect(() => memory.grow(7)).toThrow(RangeError);
    expect(memory.grow(6)).toBe(2);
  });

  it('keeps a shared memory shared when it lowers its maximum', async () => {
    const capped = capMemory(await watToBytes('(module (memory (export "memory") 1 100 shared))', { threads: true }), 4);
    expect(readModuleInfo(capped).memory).toEqual({ imported: false, initialPages: 1, maximumPages: 4, shared: true });
    expect(WebAssembly.validate(new Uint8Array(capped))).toBe(true);
  });

  it('returns the same bytes for a memory already within the cap', async () => {
    const bytes = await watToBytes(withMemory('1 4'));
    expect(capMemory(bytes, 4)).toBe(bytes);
    expect(capMemory(bytes, 10)).toBe(bytes);
  });

  it('returns the same bytes for a module without a memory', async () => {
    const bytes = await watToBytes('(module (func (export "f")))');
    expect(capMemory(bytes, 4)).toBe(bytes);
  });

  it('returns the bytes of a module that imports its memory unchanged', async () => {
    const unbounded = await watToBytes('(module (import "env" "memory" (memory 1)))');
    expect(capMemory(unbounded, 4)).toBe(unbounded);
    const large = await watToBytes('(module (import "env" "memory" (memory 2 1000)))');
    expect(capMemory(large, 4)).toBe(large);
  });

  it('throws MemoryCapError naming both sizes when the memory starts over the cap', async () => {
    const bytes = await watToBytes(withMemory('10'));
    expect(() => capMemory(bytes, 4)).toThrow(MemoryCapError);
    expect(() => capMemory(bytes, 4)).toThrow("the module's memory starts at 10 pages (640 KiB), over the policy's limit of 4 pages (256 KiB)");
    expect(() => capMemory(bytes, 10)).not.toThrow();
  });

  it('throws MemoryCapError for an imported memory that starts over the cap', async () => {
    const bytes = await watToBytes('(module (import "env" "memory" (memory 5)))');
    expect(() => capMemory(bytes, 4)).toThrow(MemoryCapError);
  });

  it('keeps the exports working and the data segments in place', async () => {
    const bytes = await watToBytes(withMemory('1'));
    const capped = capMemory(bytes, 4);
    expect(capped).not.toBe(bytes);
    expect(readModuleInfo(capped).exports).toEqual(readModuleInfo(bytes).exports);

    const instance = instantiate(capped);
    expect(exportedFunction(instance, 'add')(2, 40)).toBe(42);
    const memory = new Uint8Array(exportedMemory(instance).buffer);
    expect(Array.from(memory.subarray(0, 3))).toEqual(['h'.charCodeAt(0), 'i'.charCodeAt(0), 0]);
  });

  it('rewrites sizes whose LEB128 encoding grows, and the module still validates', async () => {
    // The 32-bit limit of 65536 pages takes three LEB128 bytes, 200 initial pages take two, and
    // the flags byte is rewritten: the section grows by the three bytes of the new maximum.
    const bytes = await watToBytes(withMemory('200'));
    const capped = capMemory(bytes, 65_536);
    expect(capped.length).toBe(bytes.length + 3);
    expect(readModuleInfo(capped).memory).toEqual({ imported: false, initialPages: 200, maximumPages: 65_536, shared: false });
    expect(WebAssembly.validate(new Uint8Array(capped))).toBe(true);
    const instance = instantiate(capped);
    expect(exportedFunction(instance, 'add')(1, 2)).toBe(3);
    expect(exportedMemory(instance).buffer.byteLength).toBe(200 * 65_536);

    const small = capMemory(await watToBytes(withMemory('1')), 65_536);
    expect(readModuleInfo(small).memory?.maximumPages).toBe(65_536);
    expect(WebAssembly.validate(new Uint8Array(small))).toBe(true);
  });

  it('grows the memory section size to two LEB128 bytes when its contents pass 127 bytes', () => {
    // 63 memories (multi-memory) of 1 page each: 127 bytes of contents, then an export section.
    // Capping the first adds a 3-byte maximum, so the section's size needs a second byte.
    const memories = Array.from({ length: 63 }, () => [0x00, 0x01]).flat();
    const exportSection = [0x07, 0x0a, 0x01, 0x06, ...new TextEncoder().encode('memory'), 0x02, 0x00];
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 127, 63, ...memories, ...exportSection]);
    expect(sectionSizes(bytes)).toEqual([
      { id: 5, size: 127, sizeBytes: 1 },
      { id: 7, size: 10, sizeBytes: 1 },
    ]);

    const capped = capMemory(bytes, 65_536);
    expect(sectionSizes(capped)).toEqual([
      { id: 5, size: 130, sizeBytes: 2 },
      { id: 7, size: 10, sizeBytes: 1 },
    ]);
    expect(readModuleInfo(capped)).toEqual({ exports: [{ kind: 'memory', name: 'memory' }], imports: [], memory: { imported: false, initialPages: 1, maximumPages: 65_536, shared: false } });
    // The other 62 memories and the export section are copied as they were.
    expect(Array.from(capped.subarray(capped.length - exportSection.length - 124))).toEqual([...memories.slice(2), ...exportSection]);
  });
});

describe('formatPages', () => {
  it('gives sizes under a MiB in KiB and larger ones in MiB', () => {
    expect(formatPages(1)).toBe('64 KiB');
    expect(formatPages(4)).toBe('256 KiB');
    expect(formatPages(16)).toBe('1 MiB');
    expect(formatPages(24)).toBe('1.5 MiB');
    expect(formatPages(4096)).toBe('256 MiB');
    expect(formatPages(65_536)).toBe('4096 MiB');
  });
});
