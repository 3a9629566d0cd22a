/**
 * The engine side of a cell's run (cell-request.ts), the same for every engine: find the reads,
 * set the newer values the cell reads, run, find what it changed in place, describe the exports.
 */
import type { CellRequest, CellRun, ExportInfo } from './cell-request';
import type { EngineContract, ExecuteOptions, ExecutionResult, Language } from './contract';
import { failedRun } from './failed-run';
import { isMutablePacked, unpack, type PackedValue } from './packed-value';
import { neutralEquals, type NeutralValue } from './value';

/** The steps of a run, as each engine offers them. */
export interface CellSteps {
  readonly language: Language;
  analyzeReads(code: string): Promise<string[]>;
  importValue(name: string, packed: PackedValue): Promise<void>;
  getVariable(name: string): Promise<NeutralValue | undefined>;
  execute(code: string, options: ExecuteOptions): Promise<ExecutionResult>;
  /** Of the given names, those the code might change in place, found statically (conservatively). */
  mayChange(code: string, names: readonly string[]): Promise<string[]>;
  /** Describes the named globals without converting them. */
  describe(names: readonly string[]): Promise<ExportInfo[]>;
  takeWasmChanges(): Promise<Record<string, Uint8Array>>;
}

/** The steps every engine offers in its contract. */
export type ContractSteps = Pick<EngineContract, 'analyzeReads' | 'importValue' | 'getVariable' | 'execute' | 'takeWasmChanges'>;

/** An engine's steps: its contract's operations, and the two each engine does its own way. */
export function stepsOf(engine: ContractSteps, language: Language, own: Pick<CellSteps, 'describe' | 'mayChange'>): CellSteps {
  return {
    language,
    analyzeReads: (code) => engine.analyzeReads(code),
    importValue: (name, packed) => engine.importValue(name, packed),
    getVariable: (name) => engine.getVariable(name),
    execute: (code, options) => engine.execute(code, options),
    takeWasmChanges: () => engine.takeWasmChanges(),
    ...own,
  };
}

/**
 * The values an engine was given from another language, as they were given, for the mutable
 * ones (lists, dicts, objects, arrays, sets, typed arrays). A cell may change such a value in
 * place (`push`, item or attribute assignment) and that change must reach the store.
 *
 * How a change is found, in two steps. First statically: of the names the cell read and did
 * not assign, those its code might change in place (in-place.ts, in_place.py: an assignment to
 * an item, a method outside a list of those that only read, the value handed to a function);
 * code that only looks at a value is known not to change it, at no cost. Then by value, for
 * those alone: the engine's value is converted again and compared with the one it was given,
 * so a cell that might have changed it but did not makes no export (which would mark every
 * reader of it stale and send it back to its origin). A change made by code the cell calls
 * without naming the value (a function of an earlier cell) is not seen.
 */
export class ForeignValues {
  private readonly given = new Map<string, PackedValue>();

  /** A value set from another language. */
  remember(name: string, packed: PackedValue): void {
    if (isMutablePacked(packed)) this.given.set(name, packed);
    else this.given.delete(name);
  }

  /** The name now holds the engine's own value (its cell assigned it). */
  forget(name: string): void {
    this.given.delete(name);
  }

  clear(): void {
    this.given.clear();
  }

  /** Of the names a cell reads, those that hold a value given from another language. */
  readBy(reads: readonly string[]): string[] {
    return reads.filter((name) => this.given.has(name));
  }

  /** Whether a value now differs from what was given; one that cannot be read has changed. */
  async changed(name: string, read: (name: string) => Promise<NeutralValue | undefined>): Promise<boolean> {
    const before = this.given.get(name);
    if (before === undefined) return false;
    try {
      const now = await read(name);
      return now === undefined || !neutralEquals(unpack(before), now);
    } catch {
      return true;
    }
  }
}

/**
 * The reads of code analysed lately, by its text: a cell is mostly run again unchanged, and
 * its analysis would otherwise cost more than a short cell's run.
 */
export class ReadsCache {
  private readonly known = new Map<string, string[]>();

  constructor(private readonly capacity = 256) {}

  async of(code: string, analyze: (code: string) => Promise<string[]>): Promise<string[]> {
    const cached = this.known.get(code);
    if (cached) return cached;
    const reads = await analyze(code);
    if (this.known.size >= this.capacity) this.known.delete(this.known.keys().next().value ?? '');
    this.known.set(code, reads);
    return reads;
  }
}

/** Failures after which the engine is in no state to be asked anything more. */
const HALTED = new Set(['timeout', 'interrupted', 'memory', 'crash']);

export async function runCellRequest(steps: CellSteps, memory: { foreign: ForeignValues; reads: ReadsCache }, request: CellRequest): Promise<CellRun> {
  const { code, cellId, timeoutMs } = request;
  const { foreign } = memory;
  const reads = await memory.reads.of(code, (text) => steps.analyzeReads(text));
  const readSet = new Set(reads);
  const names = request.pending.filter((name) => readSet.has(name) && !Object.hasOwn(request.values, name));
  if (names.length > 0) return { kind: 'needs', reads, names };
  const given: string[] = [];
  for (const [name, value] of Object.entries(request.values)) {
    try {
      await steps.importValue(name, value);
    } catch (error) {
      const message = `${name} could not be given to ${steps.language === 'python' ? 'Python' : 'JavaScript'}: ${error instanceof Error ? error.message : String(error)}`;
      const failure = failedRun({ language: steps.language, kind: 'conversion', name: 'ConversionError', message, cellId, line: null, column: null, frames: [] });
      return { kind: 'ran', reads, given, result: failure, described: [], wasmChanges: {} };
    }
    foreign.remember(name, value);
    given.push(name);
  }
  const result = await steps.execute(code, { cellId, timeoutMs });
  const exports = [...result.exports];
  for (const name of exports) foreign.forget(name);
  const unassigned = foreign.readBy(reads).filter((name) => !exports.includes(name));
  if (unassigned.length > 0 && !result.errors.some((error) => HALTED.has(error.kind))) {
    for (const name of await steps.mayChange(code, unassigned)) {
      if (!(await foreign.changed(name, (read) => steps.getVariable(read)))) continue;
      exports.push(name);
      foreign.forget(name);
    }
  }
  const described = exports.length === 0 ? [] : await steps.describe(exports);
  return { kind: 'ran', reads, given, result: { ...result, exports }, described, wasmChanges: await steps.takeWasmChanges() };
}
