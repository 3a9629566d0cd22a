/**
 * Step two of a cell's run: the call to its engine, within the document's time limit. One call
 * in the common case; a second when the cell reads a value another language made (prepare.ts).
 * Past the limit the run is interrupted, or its worker replaced, whichever part of the work it
 * was in. Step three, collecting the exports, runs here too, since a run lost to its limit or
 * to a memory error has nothing to collect.
 */
import type { CellRun } from '../../engines/cell-request';
import type { ExecutionResult, Language, UnifiedError } from '../../engines/contract';
import { failedRun } from '../../engines/failed-run';
import type { AuditLog } from '../audit-log';
import { WorkerDiedError, type EngineHost } from '../engine-host';
import type { CellState } from '../notebook';
import { asTimedOut, lostToTimeout, watchTimeLimit, type TimeLimitWatch } from '../time-limit';
import type { VariableStore } from '../variable-store';
import type { VariableValues } from '../variable-values';
import type { EngineCall, WasmModules } from '../wasm-modules';
import { collectExports } from './collect';
import { firstRequest, pendingNames, supply, type HeldVersions } from './prepare';

/** What a cell's run came to. */
export interface CellOutcome {
  readonly result: ExecutionResult;
  /** The names the cell reads, as its engine found them; empty when it never got that far. */
  readonly reads: readonly string[];
  /** Bytes of values and WASM memory that crossed for the run. */
  readonly bytesMoved: number;
}

/** A run that a stop ended before its code started. */
export class StoppedError extends Error {
  override readonly name = 'InterruptedError';
}

export interface CellRunDependencies {
  readonly host: (language: Language) => EngineHost;
  readonly variables: VariableStore;
  readonly values: VariableValues;
  readonly held: HeldVersions;
  readonly wasm: WasmModules;
  readonly wasmCall: (language: Language) => EngineCall;
  readonly audit: AuditLog;
  /** Whether the user asked to stop. */
  readonly stopping: () => boolean;
  /** The engine's worker was replaced: it holds nothing that was put in it. */
  readonly forget: (language: Language) => void;
  /** Replaces the Python worker after a memory error, to give the memory back. */
  readonly freeMemory: (result: ExecutionResult) => Promise<ExecutionResult>;
}

export function createCellRunner(deps: CellRunDependencies) {
  const { host, variables, values, held, wasm, audit } = deps;

  /** Watches a cell's run against the document's time limit. */
  const watchCell = (language: Language, cell: CellState, limitMs: number): TimeLimitWatch =>
    watchTimeLimit({
      limitMs,
      interrupt: (graceMs) => host(language).interrupt(graceMs),
      onStopped: (outcome) => {
        if (outcome === 'idle') return;
        if (outcome === 'restarted') deps.forget(language);
        audit.record({
          kind: outcome === 'interrupted' ? 'interrupt' : 'restart',
          language,
          cellId: cell.id,
          detail: outcome === 'interrupted' ? `stopped at its time limit of ${String(limitMs)} ms; the engine kept its state` : `the worker was replaced to stop the cell at its time limit of ${String(limitMs)} ms; its state was lost`,
        });
      },
    });

  /**
   * Sends the run, and when the cell reads values its engine lacks, gathers them and sends it
   * again with them. Returns the run, or an error that kept the code from starting.
   */
  const call = async (language: Language, cell: CellState, limitMs: number): Promise<{ run: CellRun & { kind: 'ran' }; moved: number } | { failure: UnifiedError; reads: readonly string[] }> => {
    const request = firstRequest(cell.code, cell.id, limitMs, pendingNames(variables, held, wasm, language));
    const first = await host(language).run(request);
    if (first.kind === 'ran') return { run: first, moved: 0 };
    const given = await supply(variables, values, language, first.names, cell.id);
    if (!('values' in given)) return { failure: given, reads: first.reads };
    let moved = given.bytes;
    try {
      moved += await wasm.prepare(language, first.names, deps.wasmCall(language));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { failure: { language, kind: 'runtime', name: 'LinkError', message, cellId: cell.id, line: null, column: null, frames: [] }, reads: first.reads };
    }
    // A stop that came while the values were gathered stops the cell before its code starts.
    if (deps.stopping()) throw new StoppedError('the cell was stopped before it started');
    const second = await host(language).run({ ...request, pending: pendingNames(variables, held, wasm, language), values: given.values });
    if (second.kind === 'needs') {
      const message = `${second.names.join(', ')} could not be given to the cell`;
      return { failure: { language, kind: 'conversion', name: 'ConversionError', message, cellId: cell.id, line: null, column: null, frames: [] }, reads: second.reads };
    }
    const versions = new Map(given.versions);
    for (const name of second.given) held[language].set(name, versions.get(name) ?? 0);
    return { run: second, moved };
  };

  /** Runs a cell in its engine within its time limit, and puts its exports in the store. */
  const runWithin = async (language: Language, cell: CellState, limitMs: number): Promise<CellOutcome> => {
    const watch = watchCell(language, cell, limitMs);
    let result: ExecutionResult | null = null;
    try {
      const called = await call(language, cell, limitMs);
      if ('failure' in called) return { result: failedRun(called.failure), reads: called.reads, bytesMoved: 0 };
      const { run } = called;
      result = run.result;
      for (const error of result.errors) {
        if (error.kind === 'policy') audit.record({ kind: 'violation', language, cellId: cell.id, detail: error.message });
      }
      // Python's own heap, that is: a WASM module's memory past its cap (WasmMemoryError) is the module's.
      // The fresh worker holds nothing to collect, and its start is not the cell's time.
      if (language === 'python' && result.errors.some((error) => error.kind === 'memory' && error.name === 'MemoryError')) {
        watch.clear();
        return { result: await deps.freeMemory(result), reads: run.reads, bytesMoved: called.moved };
      }
      collectExports(variables, held, language, cell.id, result.exports, run.described);
      const wasmOut = wasm.collect(language, run.wasmChanges);
      return { result: watch.timedOut() ? asTimedOut(result, language, cell.id, limitMs) : result, reads: run.reads, bytesMoved: called.moved + wasmOut };
    } catch (error) {
      if (!watch.timedOut()) throw error;
      // The worker was replaced, or the interrupt broke off the run's own work around the code.
      if (error instanceof WorkerDiedError) {
        deps.forget(language);
        return { result: lostToTimeout(language, cell.id, limitMs), reads: [], bytesMoved: 0 };
      }
      return { result: asTimedOut({ ...(result ?? lostToTimeout(language, cell.id, limitMs)), exports: [] }, language, cell.id, limitMs), reads: [], bytesMoved: 0 };
    } finally {
      watch.clear();
    }
  };

  return { runWithin };
}
