import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, compileWasmCell, type WasmCompileOutcome } from '../../../../src/engines/wasm/compile';
import { capMemory } from '../../../../src/engines/wasm/module-reader';
import { exportedFunction, exportedMemory, watToBytes } from './wat';

const ADD_WAT = `(module
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1))))`;

/** The outcome as a success; fails the test with the compile error otherwise. */
function compiled(outcome: WasmCompileOutcome): Extract<WasmCompileOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected the cell to compile, got ${outcome.kind}: ${outcome.message}`);
  return outcome;
}

/** Bytes that are the same on every run and cover every byte value. */
function pattern(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => (index * 7 + (index >> 8)) % 256);
}

describe('compileWasmCell with WAT', () => {
  it('compiles valid WAT to a module, with its info and size', async () => {
    const outcome = compiled(await compileWasmCell(ADD_WAT, false, 4));
    expect(outcome.module).toBeInstanceOf(WebAssembly.Module);
    expect(WebAssembly.Module.exports(outcome.module)).toEqual([
      { name: 'memory', kind: 'memory' },
      { name: 'add', kind: 'function' },
    ]);
    expect(outcome.info).toEqual({
      exports: [
        { kind: 'memory', name: 'memory' },
        { kind: 'function', name: 'add', params: ['i32', 'i32'], results: ['i32'] },
      ],
      imports: [],
      // The module sets no maximum, so the cap becomes its maximum.
      memory: { imported: false, initialPages: 1, maximumPages: 4, shared: false },
    });
    expect(outcome.byteLength).toBe(capMemory(await watToBytes(ADD_WAT), 4).length);

    expect(exportedFunction(new WebAssembly.Instance(outcome.module), 'add')(20, 22)).toBe(42);
  });

  it('reports an unexpected token with its line, column and wabt message', async () => {
    const code = '(module\n  (func (export "add") (param i32 i32) (result i32)\n    local.get 0 i32.ad))';
    expect(await compileWasmCell(code, false, 4)).toEqual({ ok: false, kind: 'syntax', message: 'unexpected token i32.ad, expected ).', line: 3, column: 17 });
  });

  it('reports an unknown instruction in a folded expression where it starts', async () => {
    const code = '(module\n  (func (export "add") (param i32 i32) (result i32)\n    (i32.ad (local.get 0) (local.get 1))))';
    expect(await compileWasmCell(code, false, 4)).toEqual({ ok: false, kind: 'syntax', message: 'unexpected token "i32.ad", expected an instr.', line: 3, column: 6 });
  });

  it('reports a type mismatch found by validation with its line and column', async () => {
    const code = '(module\n  (func (export "f") (result i32)\n    (i64.const 1)))';
    expect(await compileWasmCell(code, false, 4)).toEqual({ ok: false, kind: 'syntax', message: 'type mismatch in implicit return, expected [i32] but got [i64]', line: 3, column: 6 });
  });

  it('reports a memory that starts over the cap as a memory failure', async () => {
    expect(await compileWasmCell('(module (memory 10))', false, 4)).toEqual({
      ok: false,
      kind: 'memory',
      message: "the module's memory starts at 10 pages (640 KiB), over the policy's limit of 4 pages (256 KiB)",
      line: null,
      column: null,
    });
    expect(compiled(await compileWasmCell('(module (memory 10))', false, 10)).info.memory?.initialPages).toBe(10);
  });

  it('lowers a maximum above the cap', async () => {
    const outcome = compiled(await compileWasmCell('(module (memory (export "memory") 1 1000))', false, 2));
    expect(outcome.info.memory).toEqual({ imported: false, initialPages: 1, maximumPages: 2, shared: false });
    const memory = exportedMemory(new WebAssembly.Instance(outcome.module));
    expect(() => memory.grow(2)).toThrow(RangeError);
  });
});

describe('compileWasmCell with a binary module', () => {
  it('compiles a module written in base64', async () => {
    const bytes = await watToBytes('(module (func (export "double") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 2))))');
    const outcome = compiled(await compileWasmCell(bytesToBase64(bytes), true, 4));
    expect(outcome.info.exports).toEqual([{ kind: 'function', name: 'double', params: ['i64'], results: ['i64'] }]);
    expect(outcome.byteLength).toBe(bytes.length);
  });

  it('caps the memory of a binary module as it does for WAT', async () => {
    const bytes = await watToBytes(ADD_WAT);
    const outcome = compiled(await compileWasmCell(bytesToBase64(bytes), true, 4));
    expect(outcome.info.memory?.maximumPages).toBe(4);
    expect(outcome.byteLength).toBe(capMemory(bytes, 4).length);
    expect(outcome.byteLength).toBeGreaterThan(bytes.length);
  });

  it('reads base64 broken into indented lines, as a cell holds it', async () => {
    const body = Array.from({ length: 12 }, (_, index) => `(func (export "f${String(index)}") (result i32) (i32.const ${String(index)}))`).join('\n');
    const bytes = await watToBytes(`(module ${body})`);
    const base64 = bytesToBase64(bytes);
    expect(base64).toContain('\n');
    const indented = `\n${base64
      .split('\n')
      .map((line) => `    ${line}\r`)
      .join('\n')}\n`;
    const outcome = compiled(await compileWasmCell(indented, true, 4));
    expect(outcome.info.exports).toHaveLength(12);
    expect(outcome.byteLength).toBe(bytes.length);
  });

  it('rejects text that is not base64', async () => {
    for (const code of ['not base64!', 'QQQ==', 'QQ==QQ==', 'A']) {
      expect(await compileWasmCell(code, true, 4), code).toEqual({ ok: false, kind: 'syntax', message: 'the binary module is not valid base64', line: null, column: null });
    }
  });

  it('rejects base64 whose padding does not end a group of four', async () => {
    for (const code of ['QQ=', 'Q=', 'AGFzbQEAAA=']) {
      expect(await compileWasmCell(code, true, 4), code).toEqual({ ok: false, kind: 'syntax', message: 'the binary module is not valid base64', line: null, column: null });
    }
  });

  it('rejects base64 of bytes that are not WebAssembly', async () => {
    expect(await compileWasmCell(btoa('hello, world, this is text'), true, 4)).toEqual({
      ok: false,
      kind: 'syntax',
      message: 'this is not a WebAssembly module (it does not start with \\0asm)',
      line: null,
      column: null,
    });
  });

  it('rejects a binary module cut short', async () => {
    const bytes = await watToBytes(ADD_WAT);
    const outcome = await compileWasmCell(bytesToBase64(bytes.subarray(0, bytes.length - 3)), true, 4);
    expect(outcome).toMatchObject({ ok: false, kind: 'syntax', line: null, column: null });
    expect(outcome.ok ? '' : outcome.message).toMatch(/runs past the end of the module/);
  });

  it('rejects a binary module that reads but does not validate, with the engine message', async () => {
    // A function section that declares one function of type 0 with no type section and no code.
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00]);
    const outcome = await compileWasmCell(bytesToBase64(bytes), true, 4);
    expect(outcome).toMatchObject({ ok: false, kind: 'syntax', line: null, column: null });
    expect(outcome.ok ? '' : outcome.message).toMatch(/WebAssembly\.compile\(\)/);
  });
});

describe('bytesToBase64 and base64ToBytes', () => {
  it('wraps base64 in lines of 76 characters', () => {
    const base64 = bytesToBase64(pattern(1000));
    const lines = base64.split('\n');
    expect(lines.length).toBe(Math.ceil(Math.ceil(1000 / 3) * 4 / 76));
    for (const line of lines.slice(0, -1)) expect(line).toHaveLength(76);
    expect(lines.at(-1)?.length).toBeGreaterThan(0);
    expect(lines.at(-1)?.length).toBeLessThanOrEqual(76);
    expect(lines.join('')).toBe(Buffer.from(pattern(1000)).toString('base64'));
  });

  it('round-trips bytes of every length, large ones included', () => {
    for (const length of [0, 1, 2, 3, 56, 57, 58, 0x8000, 0x8000 * 3 + 5]) {
      const bytes = pattern(length);
      expect(base64ToBytes(bytesToBase64(bytes)), `length ${String(length)}`).toEqual(bytes);
    }
  });

  it('gives an empty string for no bytes', () => {
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});
