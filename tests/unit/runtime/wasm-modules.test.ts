import { beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { bytesToBase64, compileWasmCell } from '../../../src/engines/wasm/compile';
import type { WasmModuleInfo } from '../../../src/engines/wasm/module-reader';
import type { WasmModuleSpec } from '../../../src/engines/wasm/wasm-instances';
import { createWasmModules, describeModule, runWasmCell, type CompiledCell, type EngineCall, type WasmCellRun, type WasmEngine, type WasmModules } from '../../../src/runtime/wasm-modules';
import { watToBytes } from '../engines/wasm/wat';

const ADD_WAT = `(module
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1))))`;

const MAX_PAGES = 4;

/** An engine that records what it is given and hands back `changes` when asked. */
interface FakeEngine extends WasmEngine {
  changes: Record<string, Uint8Array>;
  readonly loadWasm: Mock<(spec: WasmModuleSpec) => Promise<void>>;
  readonly takeWasmChanges: Mock<() => Promise<Record<string, Uint8Array>>>;
}

function fakeEngine(changes: Record<string, Uint8Array> = {}): FakeEngine {
  const engine: FakeEngine = {
    changes,
    loadWasm: vi.fn<(spec: WasmModuleSpec) => Promise<void>>(() => Promise.resolve()),
    takeWasmChanges: vi.fn<() => Promise<Record<string, Uint8Array>>>(() => Promise.resolve(engine.changes)),
  };
  return engine;
}

const call =
  (engine: WasmEngine): EngineCall =>
  (work) =>
    work(engine);

/** The specs an engine was given, in order. */
function loaded(engine: FakeEngine): WasmModuleSpec[] {
  return engine.loadWasm.mock.calls.map(([spec]) => spec);
}

async function compileCell(name: string, code = ADD_WAT): Promise<CompiledCell> {
  const outcome = await compileWasmCell(code, false, MAX_PAGES);
  if (!outcome.ok) throw new Error(outcome.message);
  return { name, module: outcome.module, info: outcome.info, maxPages: MAX_PAGES };
}

/** The text a WASM cell's run wrote to stdout. */
function stdout(run: WasmCellRun): string {
  return run.output.map((chunk) => (chunk.stream === 'stdout' ? chunk.text : '')).join('');
}

/** Memory bytes as an engine hands them back after a run. */
function memoryBytes(fill: number, pages = 1): Uint8Array {
  return new Uint8Array(pages * 65_536).fill(fill);
}

describe('the WASM module registry', () => {
  let mathmod: CompiledCell;
  let other: CompiledCell;
  let modules: WasmModules;
  let python: FakeEngine;
  let javascript: FakeEngine;

  beforeAll(async () => {
    mathmod = await compileCell('mathmod');
    other = await compileCell('other', '(module (func (export "f")))');
  });

  function setup(): void {
    modules = createWasmModules();
    modules.add(mathmod);
    modules.add(other);
    python = fakeEngine();
    javascript = fakeEngine();
  }

  it('knows the names it was given', () => {
    setup();
    expect(modules.has('mathmod')).toBe(true);
    expect(modules.has('other')).toBe(true);
    expect(modules.has('missing')).toBe(false);
  });

  it('loads only the modules a cell reads, starting from the module’s own memory', async () => {
    setup();
    expect(await modules.prepare('python', ['x', 'mathmod', 'y', 'mathmod'], call(python))).toBe(0);
    expect(loaded(python)).toEqual([{ name: 'mathmod', module: mathmod.module, info: mathmod.info, maxPages: MAX_PAGES, memory: null }]);
    expect(loaded(python)[0]?.module).toBe(mathmod.module);
    expect(javascript.loadWasm).not.toHaveBeenCalled();

    await modules.prepare('python', ['x'], call(python));
    expect(python.loadWasm).toHaveBeenCalledTimes(1);
  });

  it('does not load a module again while nothing has changed', async () => {
    setup();
    await modules.prepare('python', ['mathmod'], call(python));
    expect(await modules.prepare('python', ['mathmod'], call(python))).toBe(0);
    expect(python.loadWasm).toHaveBeenCalledTimes(1);

    await modules.prepare('python', ['mathmod', 'other'], call(python));
    expect(loaded(python).map((spec) => spec.name)).toEqual(['mathmod', 'other']);
  });

  it('gives the memory one engine changed to the other engine, and counts the bytes moved', async () => {
    setup();
    await modules.prepare('python', ['mathmod'], call(python));
    const changed = memoryBytes(7);
    python.changes = { mathmod: changed };
    expect(modules.collect('python', await python.takeWasmChanges())).toBe(65_536);
    expect(python.takeWasmChanges).toHaveBeenCalledTimes(1);

    expect(await modules.prepare('javascript', ['mathmod'], call(javascript))).toBe(65_536);
    expect(loaded(javascript)).toHaveLength(1);
    expect(loaded(javascript)[0]?.memory).toBe(changed);

    // Python left that memory, so it already holds it.
    expect(await modules.prepare('python', ['mathmod'], call(python))).toBe(0);
    expect(python.loadWasm).toHaveBeenCalledTimes(1);
  });

  it('reloads an engine that holds older memory, and moves memory back the other way', async () => {
    setup();
    await modules.prepare('python', ['mathmod'], call(python));
    await modules.prepare('javascript', ['mathmod'], call(javascript));
    python.changes = { mathmod: memoryBytes(1) };
    modules.collect('python', await python.takeWasmChanges());

    expect(await modules.prepare('javascript', ['mathmod'], call(javascript))).toBe(65_536);
    expect(loaded(javascript).map((spec) => spec.memory)).toEqual([null, memoryBytes(1)]);

    const fromJavaScript = memoryBytes(2, 2);
    javascript.changes = { mathmod: fromJavaScript };
    expect(modules.collect('javascript', await javascript.takeWasmChanges())).toBe(2 * 65_536);
    expect(await modules.prepare('python', ['mathmod'], call(python))).toBe(2 * 65_536);
    expect(loaded(python).at(-1)?.memory).toBe(fromJavaScript);
    expect(await modules.prepare('javascript', ['mathmod'], call(javascript))).toBe(0);
    expect(javascript.loadWasm).toHaveBeenCalledTimes(2);
  });

  it('moves nothing when a run left the memory untouched', async () => {
    setup();
    await modules.prepare('python', ['mathmod'], call(python));
    await modules.prepare('javascript', ['mathmod'], call(javascript));
    expect(modules.collect('python', await python.takeWasmChanges())).toBe(0);
    expect(python.takeWasmChanges).toHaveBeenCalledTimes(1);
    expect(await modules.prepare('javascript', ['mathmod'], call(javascript))).toBe(0);
    expect(javascript.loadWasm).toHaveBeenCalledTimes(1);
  });

  it('names the modules an engine lacks, or holds an older compile or older memory of, as pending', async () => {
    setup();
    expect(modules.pending('python').sort()).toEqual(['mathmod', 'other']);
    await modules.prepare('python', ['mathmod'], call(python));
    expect(modules.pending('python')).toEqual(['other']);
    python.changes = { mathmod: memoryBytes(3) };
    modules.collect('python', await python.takeWasmChanges());
    // Python holds the memory it changed; JavaScript holds nothing yet.
    expect(modules.pending('python')).toEqual(['other']);
    expect(modules.pending('javascript').sort()).toEqual(['mathmod', 'other']);
  });

  it('ignores changes to names that are not modules the engine holds', async () => {
    setup();
    await modules.prepare('python', ['mathmod'], call(python));
    python.changes = { unknown: memoryBytes(3), other: memoryBytes(4) };
    expect(modules.collect('python', await python.takeWasmChanges())).toBe(0);
    expect(await modules.prepare('javascript', ['other'], call(javascript))).toBe(0);
    expect(loaded(javascript)[0]?.memory).toBeNull();
  });

  it('makes both engines reload a module compiled again, from its own memory', async () => {
    setup();
    await modules.prepare('python', ['mathmod'], call(python));
    await modules.prepare('javascript', ['mathmod'], call(javascript));
    python.changes = { mathmod: memoryBytes(5) };
    modules.collect('python', await python.takeWasmChanges());

    const again = await compileCell('mathmod');
    modules.add(again);
    expect(await modules.prepare('python', ['mathmod'], call(python))).toBe(0);
    expect(await modules.prepare('javascript', ['mathmod'], call(javascript))).toBe(0);
    for (const engine of [python, javascript]) {
      const last = loaded(engine).at(-1);
      expect(engine.loadWasm).toHaveBeenCalledTimes(2);
      expect(last?.memory).toBeNull();
      expect(last?.module).toBe(again.module);
      expect(last?.module).not.toBe(mathmod.module);
    }
  });

  it('drops memory that belongs to a module compiled again during the run', async () => {
    setup();
    await modules.prepare('python', ['mathmod'], call(python));
    modules.add(await compileCell('mathmod'));
    python.changes = { mathmod: memoryBytes(6) };
    expect(modules.collect('python', await python.takeWasmChanges())).toBe(0);
    expect(await modules.prepare('javascript', ['mathmod'], call(javascript))).toBe(0);
    expect(loaded(javascript)[0]?.memory).toBeNull();
    // Python still holds the old module, so it gets the new one.
    await modules.prepare('python', ['mathmod'], call(python));
    expect(loaded(python).at(-1)?.memory).toBeNull();
    expect(python.loadWasm).toHaveBeenCalledTimes(2);
  });

  it('reloads the modules of an engine it was told to forget, and only that engine', async () => {
    setup();
    await modules.prepare('python', ['mathmod'], call(python));
    await modules.prepare('javascript', ['mathmod'], call(javascript));
    const changed = memoryBytes(8);
    python.changes = { mathmod: changed };
    modules.collect('python', await python.takeWasmChanges());
    await modules.prepare('javascript', ['mathmod'], call(javascript));

    modules.forget('python');
    // Changes from an engine told to forget are of modules it no longer holds.
    expect(modules.collect('python', { mathmod: memoryBytes(9) })).toBe(0);
    expect(await modules.prepare('python', ['mathmod'], call(python))).toBe(65_536);
    expect(loaded(python).at(-1)?.memory).toBe(changed);
    expect(await modules.prepare('javascript', ['mathmod'], call(javascript))).toBe(0);
    expect(javascript.loadWasm).toHaveBeenCalledTimes(2);
  });

  it('forgets every module on clear', async () => {
    setup();
    await modules.prepare('python', ['mathmod'], call(python));
    modules.clear();
    expect(modules.has('mathmod')).toBe(false);
    expect(modules.has('other')).toBe(false);
    expect(await modules.prepare('javascript', ['mathmod', 'other'], call(javascript))).toBe(0);
    expect(javascript.loadWasm).not.toHaveBeenCalled();
    expect(modules.collect('python', { mathmod: memoryBytes(9) })).toBe(0);

    // A module of the same name added afterwards is loaded afresh.
    modules.add(mathmod);
    await modules.prepare('python', ['mathmod'], call(python));
    expect(python.loadWasm).toHaveBeenCalledTimes(2);
  });
});

describe('runWasmCell', () => {
  it('compiles a named cell, describes it and keeps it under its name', async () => {
    const modules = createWasmModules();
    const run = await runWasmCell(modules, { id: 'c1', name: 'mathmod', code: ADD_WAT, binary: false }, MAX_PAGES);
    const compiled = await compileWasmCell(ADD_WAT, false, MAX_PAGES);
    if (!compiled.ok) throw new Error(compiled.message);
    expect(run).toEqual({
      success: true,
      errors: [],
      output: [
        {
          stream: 'stdout',
          text: [
            `mathmod: ${String(compiled.byteLength)} bytes of WebAssembly`,
            '  add(i32, i32) → i32',
            '  memory: 1 of at most 4 pages (64 KiB of 256 KiB)',
            'Call it from Python or JavaScript as mathmod.<export>(…) and read its memory as mathmod.memory.',
            '',
          ].join('\n'),
        },
      ],
    });
    expect(modules.has('mathmod')).toBe(true);
  });

  it('registers the compiled module so that an engine can load it', async () => {
    const modules = createWasmModules();
    await runWasmCell(modules, { id: 'c1', name: 'mathmod', code: ADD_WAT, binary: false }, MAX_PAGES);
    const engine = fakeEngine();
    await modules.prepare('javascript', ['mathmod'], call(engine));
    const spec = loaded(engine)[0];
    expect(spec).toMatchObject({ name: 'mathmod', maxPages: MAX_PAGES, memory: null });
    expect(spec?.module).toBeInstanceOf(WebAssembly.Module);
    expect(spec?.info.memory?.maximumPages).toBe(MAX_PAGES);
  });

  it('compiles an unnamed cell without keeping it, and asks for a name', async () => {
    const modules = createWasmModules();
    const add = vi.spyOn(modules, 'add');
    const run = await runWasmCell(modules, { id: 'c2', name: null, code: ADD_WAT, binary: false }, MAX_PAGES);
    expect(run.success).toBe(true);
    expect(run.errors).toEqual([]);
    const text = stdout(run);
    expect(text).toMatch(/^This module: \d+ bytes of WebAssembly\n/);
    expect(text).toContain('Name this cell');
    expect(text).not.toContain('Call it from');
    expect(add).not.toHaveBeenCalled();
  });

  it('compiles a binary cell', async () => {
    const modules = createWasmModules();
    const code = bytesToBase64(await watToBytes('(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))'));
    const run = await runWasmCell(modules, { id: 'c3', name: 'bin', code, binary: true }, MAX_PAGES);
    expect(run.errors).toEqual([]);
    expect(stdout(run)).toContain('  add(i32, i32) → i32\n');
    expect(modules.has('bin')).toBe(true);
  });

  it('reports a syntax error as a wasm CompileError with its line and column', async () => {
    const modules = createWasmModules();
    const code = '(module\n  (func (export "add") (param i32 i32) (result i32)\n    local.get 0 i32.ad))';
    const run = await runWasmCell(modules, { id: 'c4', name: 'broken', code, binary: false }, MAX_PAGES);
    expect(run).toEqual({
      success: false,
      output: [],
      errors: [{ language: 'wasm', kind: 'syntax', name: 'CompileError', message: 'unexpected token i32.ad, expected ).', cellId: 'c4', line: 3, column: 17, frames: [] }],
    });
    expect(modules.has('broken')).toBe(false);
  });

  it('reports a memory over the cap as a WasmMemoryError', async () => {
    const modules = createWasmModules();
    const run = await runWasmCell(modules, { id: 'c5', name: 'big', code: '(module (memory 5))', binary: false }, MAX_PAGES);
    expect(run.success).toBe(false);
    expect(run.output).toEqual([]);
    expect(run.errors).toEqual([
      {
        language: 'wasm',
        kind: 'memory',
        name: 'WasmMemoryError',
        message: "the module's memory starts at 5 pages (320 KiB), over the policy's limit of 4 pages (256 KiB)",
        cellId: 'c5',
        line: null,
        column: null,
        frames: [],
      },
    ]);
    expect(modules.has('big')).toBe(false);
  });

  it('reports base64 that does not decode as a CompileError, not a crash', async () => {
    const run = await runWasmCell(createWasmModules(), { id: 'c6', name: 'bin', code: 'AGFzbQEAAA=', binary: true }, MAX_PAGES);
    expect(run.errors).toMatchObject([{ language: 'wasm', kind: 'syntax', name: 'CompileError', message: 'the binary module is not valid base64' }]);
  });
});

describe('describeModule', () => {
  const info: WasmModuleInfo = {
    exports: [
      { kind: 'function', name: 'tick', params: [], results: [] },
      { kind: 'function', name: 'pair', params: ['i64', 'f32'], results: ['i32', 'f64'] },
      { kind: 'memory', name: 'memory' },
      { kind: 'global', name: 'counter' },
      { kind: 'table', name: 'table' },
    ],
    imports: [
      { module: 'env', name: 'log', kind: 'function' },
      { module: 'env', name: 'memory', kind: 'memory' },
      { module: 'env', name: 'base', kind: 'global' },
      { module: 'js', name: 'now', kind: 'function' },
    ],
    memory: { imported: true, initialPages: 2, maximumPages: 100, shared: false },
  };

  it('lists functions with their signatures, other exports by kind, and unmet function imports', () => {
    expect(describeModule('lib', info, 123, 16)).toBe(
      [
        'lib: 123 bytes of WebAssembly',
        '  tick() → nothing',
        '  pair(i64, f32) → i32, f64',
        '  counter: global',
        '  table: table',
        '  memory: 2 of at most 16 pages (128 KiB of 1 MiB)',
        '  imports that throw when called: env.log, js.now',
        'Call it from Python or JavaScript as lib.<export>(…) and read its memory as lib.memory.',
        '',
      ].join('\n'),
    );
  });

  it('gives the module’s own maximum when it is below the cap', () => {
    const small: WasmModuleInfo = { ...info, memory: { imported: false, initialPages: 1, maximumPages: 2, shared: false } };
    expect(describeModule('lib', small, 10, 16)).toContain('  memory: 1 of at most 2 pages (64 KiB of 128 KiB)\n');
  });

  it('leaves out the memory and the imports line when the module has neither', () => {
    const plain: WasmModuleInfo = { exports: [{ kind: 'function', name: 'f', params: ['i32'], results: ['i32'] }], imports: [], memory: null };
    expect(describeModule('plain', plain, 40, 16)).toBe('plain: 40 bytes of WebAssembly\n  f(i32) → i32\nCall it from Python or JavaScript as plain.<export>(…).\n');
  });

  it('asks for a name when the cell has none', () => {
    expect(describeModule(null, info, 123, 16)).toMatch(/^This module: 123 bytes of WebAssembly\n[\s\S]*\nName this cell \(WASM name \{\) to call it from Python and JavaScript\.\n$/);
  });
});
