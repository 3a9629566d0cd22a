/**
 * The document's WASM cells on the main thread. Running a WASM cell compiles it once; before a
 * Python or JavaScript cell that reads the module's name runs, its engine is given the compiled
 * module to instantiate. Each engine has an instance of its own, so the module's memory is
 * carried between them like a variable: an engine whose run touched the module hands its
 * memory back, and the next engine to read the module starts from it. Mutable globals are not
 * carried: they start afresh in each engine.
 */
import type { Language, OutputChunk, UnifiedError } from '../engines/contract';
import { compileWasmCell } from '../engines/wasm/compile';
import { formatPages, type WasmModuleInfo } from '../engines/wasm/module-reader';
import type { WasmModuleSpec } from '../engines/wasm/wasm-instances';
import type { CellState } from './notebook';

/** The parts of an engine the registry uses. */
export interface WasmEngine {
  loadWasm(spec: WasmModuleSpec): Promise<void>;
  takeWasmChanges(): Promise<Record<string, Uint8Array>>;
}

/** Runs an operation on an engine through its host (`EngineHost.call`). */
export type EngineCall = <T>(work: (engine: WasmEngine) => Promise<T>) => Promise<T>;

/** A compiled module, as `compile` keeps it. */
export interface CompiledCell {
  readonly name: string;
  readonly module: WebAssembly.Module;
  readonly info: WasmModuleInfo;
  readonly maxPages: number;
}

interface Entry extends CompiledCell {
  /** Counts compiles of this name, so that engines holding an older module get the new one. */
  readonly version: number;
  /** The memory as the last engine to touch it left it; null until one has. */
  memory: Uint8Array | null;
  memoryVersion: number;
}

interface Held {
  readonly version: number;
  readonly memoryVersion: number;
}

export interface WasmModules {
  /** Keeps a compiled WASM cell under its name, replacing an older one of that name. */
  add(cell: CompiledCell): void;
  /** Whether a name is a compiled module. */
  has(name: string): boolean;
  /**
   * Before a cell runs in `language`: gives its engine each module the cell reads that it lacks,
   * holds an older compile of, or holds older memory of. Returns the bytes of memory moved.
   */
  prepare(language: Language, reads: readonly string[], call: EngineCall): Promise<number>;
  /** The modules an engine lacks, or holds an older compile or older memory of. */
  pending(language: Language): string[];
  /** After a cell ran: keeps the memory of the modules the run touched, as its engine sent it. Returns the bytes moved. */
  collect(language: Language, changes: Readonly<Record<string, Uint8Array>>): number;
  /** An engine's worker was replaced or reset: it holds none of the modules any more. */
  forget(language: Language): void;
  /** A new document: no modules at all. */
  clear(): void;
}

export function createWasmModules(): WasmModules {
  const entries = new Map<string, Entry>();
  const held: Record<Language, Map<string, Held>> = { python: new Map(), javascript: new Map() };
  let compiles = 0;

  return {
    add(cell) {
      entries.set(cell.name, { ...cell, version: ++compiles, memory: null, memoryVersion: 0 });
    },
    has: (name) => entries.has(name),
    async prepare(language, reads, call) {
      let moved = 0;
      for (const name of new Set(reads)) {
        const entry = entries.get(name);
        if (!entry) continue;
        const current = held[language].get(name);
        if (current?.version === entry.version && current.memoryVersion === entry.memoryVersion) continue;
        const { module, info, maxPages, memory } = entry;
        await call((engine) => engine.loadWasm({ name, module, info, maxPages, memory }));
        held[language].set(name, { version: entry.version, memoryVersion: entry.memoryVersion });
        moved += memory?.byteLength ?? 0;
      }
      return moved;
    },
    pending(language) {
      return [...entries].flatMap(([name, entry]) => {
        const current = held[language].get(name);
        return current?.version === entry.version && current.memoryVersion === entry.memoryVersion ? [] : [name];
      });
    },
    collect(language, changes) {
      let moved = 0;
      for (const [name, bytes] of Object.entries(changes)) {
        const entry = entries.get(name);
        // A module compiled again during the run: its old memory belongs to the old module.
        if (!entry || held[language].get(name)?.version !== entry.version) continue;
        entry.memory = bytes;
        entry.memoryVersion += 1;
        held[language].set(name, { version: entry.version, memoryVersion: entry.memoryVersion });
        moved += bytes.byteLength;
      }
      return moved;
    },
    forget(language) {
      held[language].clear();
    },
    clear() {
      entries.clear();
      held.python.clear();
      held.javascript.clear();
    },
  };
}

/** What a compiled WASM cell shows: its exports with their signatures, and its memory. */
export function describeModule(name: string | null, info: WasmModuleInfo, byteLength: number, maxPages: number): string {
  const lines = [`${name ?? 'This module'}: ${String(byteLength)} bytes of WebAssembly`];
  for (const entry of info.exports) {
    if (entry.kind === 'function') lines.push(`  ${entry.name}(${entry.params.join(', ')}) → ${entry.results.join(', ') || 'nothing'}`);
    else if (entry.kind !== 'memory') lines.push(`  ${entry.name}: ${entry.kind}`);
  }
  if (info.memory) {
    const limit = Math.min(info.memory.maximumPages ?? maxPages, maxPages);
    lines.push(`  memory: ${String(info.memory.initialPages)} of at most ${String(limit)} pages (${formatPages(info.memory.initialPages)} of ${formatPages(limit)})`);
  }
  const unmet = info.imports.filter((entry) => entry.kind === 'function').map((entry) => `${entry.module}.${entry.name}`);
  if (unmet.length > 0) lines.push(`  imports that throw when called: ${unmet.join(', ')}`);
  lines.push(name === null ? 'Name this cell (WASM name {) to call it from Python and JavaScript.' : `Call it from Python or JavaScript as ${name}.<export>(…)${info.memory ? ` and read its memory as ${name}.memory` : ''}.`);
  return `${lines.join('\n')}\n`;
}

/** What running a WASM cell changes on it: compiled and described, or the compile error. */
export interface WasmCellRun {
  readonly success: boolean;
  readonly output: readonly OutputChunk[];
  readonly errors: readonly UnifiedError[];
}

/** Compiles a WASM cell under the cap of `maxPages` and, when it has a name, keeps it in `modules`. */
export async function runWasmCell(modules: WasmModules, cell: Pick<CellState, 'id' | 'name' | 'code' | 'binary'>, maxPages: number): Promise<WasmCellRun> {
  let outcome: Awaited<ReturnType<typeof compileWasmCell>>;
  try {
    outcome = await compileWasmCell(cell.code, cell.binary, maxPages);
  } catch (error) {
    // The compiler itself failed to load or run: the playground's failure, not the cell's.
    const message = `the WebAssembly compiler failed: ${error instanceof Error ? error.message : String(error)}`;
    return { success: false, output: [], errors: [{ language: 'wasm', kind: 'crash', name: 'CompilerError', message, cellId: cell.id, line: null, column: null, frames: [] }] };
  }
  if (!outcome.ok) {
    const error: UnifiedError = {
      language: 'wasm',
      kind: outcome.kind,
      name: outcome.kind === 'memory' ? 'WasmMemoryError' : 'CompileError',
      message: outcome.message,
      cellId: cell.id,
      line: outcome.line,
      column: outcome.column,
      frames: [],
    };
    return { success: false, output: [], errors: [error] };
  }
  if (cell.name !== null) modules.add({ name: cell.name, module: outcome.module, info: outcome.info, maxPages });
  return { success: true, output: [{ stream: 'stdout', text: describeModule(cell.name, outcome.info, outcome.byteLength, maxPages) }], errors: [] };
}
