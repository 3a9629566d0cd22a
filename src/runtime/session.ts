/**
 * Runs a notebook's cells: one persistent engine per language, each in its own worker and
 * started the first time one of its cells runs. Values flow between languages through the
 * variable store: a cell's exports go into it after the cell runs, and the values a cell reads
 * are injected into its engine before it runs, when the store has a newer version.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { JavaScriptBridgeContract, PythonBridgeContract } from '../engines/bridge';
import type { ExecutionResult, Language, OutputChunk, UnifiedError } from '../engines/contract';
import { ConversionError, type NeutralValue } from '../engines/value';
import type { PackedValue } from '../engines/packed-value';
import { createCellRunner, StoppedError } from './cell/run-within-limit';
import type { HeldVersions } from './cell/prepare';
import { createAuditLog, type AuditLog } from './audit-log';
import { createEngineHost, hasMemoryForSpare, WorkerDiedError, type EngineHost } from './engine-host';
import { createPolicyControl, type PolicyControl } from './policy-control';
import { createEnginePolicies } from './engine-policies';
import { languageOf, type CellState, type Notebook } from './notebook';
import { createVariableStore, type VariableStore } from './variable-store';
import { createVariableValues } from './variable-values';
import { createDocumentValues } from './document-values';
import { PAGE_BYTES } from '../engines/wasm/module-reader';
import { createWasmModules, runWasmCell, type EngineCall } from './wasm-modules';
import { confinementFor, type WorkerSpawner } from './worker-factories';
import { createDslSteps, isDslStep, type RunLogLine } from './dsl-steps';

/** The engine hosts, one per language, each typed with what its engine offers. */
export interface EngineHosts {
  readonly python: EngineHost<PythonBridgeContract>;
  readonly javascript: EngineHost<JavaScriptBridgeContract>;
}

export interface Session {
  readonly hosts: EngineHosts;
  readonly variables: VariableStore;
  /** Runs one cell and returns its state afterwards. */
  runCell(cellId: string): Promise<CellState>;
  /** Runs every runnable cell in order, stopping at the first that fails. */
  runAll(): Promise<readonly CellState[]>;
  /** Runs the given cell and every one after it, stopping at the first that fails. */
  runFrom(cellId: string): Promise<readonly CellState[]>;
  /** Stops the running cell in every engine and cancels the rest of a Run all. */
  stop(): Promise<void>;
  /**
   * Replaces an engine's worker with a fresh one, stopping whatever it was running. Its
   * variables are lost and its exports leave the store; the other languages keep theirs.
   */
  restartEngine(language: Language): Promise<void>;
  /** Whether a cell read a variable that has changed since it ran. */
  isStale(cell: CellState): boolean;
  /**
   * A store entry's value, read from its engine the first time (exports are lazy). Rejects with
   * a ConversionError when the value cannot cross.
   */
  readValue(name: string): Promise<NeutralValue>;
  /** The run log of the last run (TARS DSL logs, notes and errors), each line with its block; reactive. */
  readonly log: Accessor<readonly RunLogLine[]>;
  /** Whether TARS DSL blocks are running now; reactive. */
  readonly dslRunning: Accessor<boolean>;
  /** Every run, violation, stop, restart, crash, tier change and trust decision, with timestamps. */
  readonly audit: AuditLog;
  /** The policy runs use, and the pending request for more than Standard. */
  readonly policy: PolicyControl;
  /** Marks an untrusted document (a share link, a foreign file) trusted, then runs it all. */
  trustAndRun(): Promise<readonly CellState[]>;
}

export function createSession(notebook: Notebook, spawners: Readonly<Record<Language, WorkerSpawner>>): Session {
  const onOutput = (chunk: OutputChunk, cellId: string | null) => {
    // Live chunks come over Comlink's callback port and the result over the worker's own, and
    // two ports keep no order between them: a chunk may land after the run's result, which
    // already holds all of its output. So live output is taken only while the cell runs.
    if (cellId !== null && notebook.state.cells[cellId]?.status === 'running') notebook.queueOutput(cellId, chunk);
  };
  // A worker is made confined or open as the policy of the moment needs (worker-factories.ts).
  const neededKind = () => confinementFor(policy.effective());
  const spawn = (language: Language) => () => spawners[language](neededKind());
  const hosts: EngineHosts = {
    // Python's start-up takes the longest, so a spare worker is kept warm where memory allows.
    python: createEngineHost<PythonBridgeContract>('python', spawn('python'), onOutput, {
      spare: hasMemoryForSpare,
      // Started from its snapshot, a spare restores in half a second, so one is kept from the start.
      prestart: async (remote) => (await remote.startupReport())?.kind === 'restored',
      kind: neededKind,
    }),
    javascript: createEngineHost<JavaScriptBridgeContract>('javascript', spawn('javascript'), onOutput, { kind: neededKind }),
  };
  // The operations both engines share; the Python host offers more.
  const host = (language: Language): EngineHost<JavaScriptBridgeContract> => hosts[language];
  const variables = createVariableStore();
  const wasm = createWasmModules();
  /** Runs an operation of an engine's for the WASM registry. */
  const wasmCall = (language: Language): EngineCall => (work) => host(language).call(work);
  const audit = createAuditLog();
  const policy = createPolicyControl(notebook, audit);
  const [log, setLog] = createSignal<readonly RunLogLine[]>([]);
  /** The store version each engine holds of each name, natively or given. */
  const held: HeldVersions = { python: new Map(), javascript: new Map() };
  const values = createVariableValues(variables, (language, name) => host(language).call(async (remote): Promise<PackedValue | undefined> => await remote.exportValue(name)));
  /** The worker generation each `held` map describes. */
  const generations: Record<Language, number> = { python: 0, javascript: 0 };
  /** Packages of the document's CONFIG already installed in Python. */
  let packagesReady: Promise<UnifiedError | null> | null = null;

  /** Set by stop(); a Run all checks it between cells, after awaits the compiler cannot see into. */
  let stopRequested = false;
  const stopping = () => stopRequested;

  const documentValues = createDocumentValues(notebook, variables, values);
  const { settings, seedVariables, fillPlaceholders } = documentValues;

  const ensurePackages = (): Promise<UnifiedError | null> => {
    packagesReady ??= (async () => {
      for (const reference of (await settings()).packages) {
        const result = await hosts.python.call((remote) => remote.installPackage(reference));
        if (!result.success) return { language: 'python', kind: 'runtime', name: 'PackageError', message: result.message, cellId: null, line: null, column: null, frames: [] };
      }
      return null;
    })();
    return packagesReady;
  };

  /** Runs a code cell: its engine's policy and packages first, then the run itself (cell/). */
  const runCode = async (cell: CellState, language: Language): Promise<void> => {
    const started = performance.now();
    // A worker that crashed or was replaced since the last run holds none of what was put in it.
    if (host(language).generation() !== generations[language]) {
      forget(language);
      generations[language] = host(language).generation();
    }
    const rules = await applyPolicy(language);
    if (language === 'python') {
      const failure = await ensurePackages();
      if (failure) {
        notebook.update(cell.id, (current) => ({ status: 'error', errors: [{ ...failure, cellId: cell.id }], runCount: current.runCount + 1 }));
        return;
      }
    }
    // A stop that came while the cell was being prepared stops it before its code starts.
    if (stopping()) throw new StoppedError('the cell was stopped before it started');
    const { result, reads, bytesMoved } = await cells.runWithin(language, cell, rules.timeLimitMs);
    // A worker replaced during the run (a stop, the time limit, a memory error) was forgotten then.
    generations[language] = host(language).generation();
    // The versions the cell saw; what it wrote itself is not a change it has missed.
    const readVersions = Object.fromEntries(reads.map((name) => [name, variables.version(name)]));
    const durationMs = performance.now() - started;
    notebook.update(cell.id, (current) => ({
      status: result.success ? 'done' : 'error',
      ...notebook.shownOutput(cell.id, { chunks: result.output, omitted: result.outputOmitted }),
      result: result.result,
      resultText: result.resultText,
      errors: result.errors,
      runCount: current.runCount + 1,
      durationMs,
      totalMs: current.totalMs + durationMs,
      engineMs: result.executionTimeMs,
      memoryBytes: result.memoryBytes,
      bytesMoved,
      readVersions,
    }));
  };

  const policies = createEnginePolicies({
    policy,
    audit,
    host,
    forget: (language) => {
      forget(language);
    },
    restarted: (language) => {
      generations[language] = host(language).generation();
    },
  });
  const applyPolicy = (language: Language) => policies.apply(language);

  /** Wasm memory never shrinks: after a memory error the Python worker is replaced to give it back. */
  const freeMemory = async (result: ExecutionResult): Promise<ExecutionResult> => {
    forget('python');
    audit.record({ kind: 'restart', language: 'python', cellId: null, detail: 'the worker was replaced to free the memory a run used past its limit; its state was lost' });
    await host('python').restart();
    const note = '; the Python engine was restarted to free it, so its variables were lost';
    // The new worker holds nothing the run assigned, so there is nothing to collect.
    return { ...result, exports: [], errors: result.errors.map((error) => (error.kind === 'memory' ? { ...error, message: error.message + note } : error)) };
  };

  const cells = createCellRunner({
    host,
    variables,
    values,
    held,
    wasm,
    wasmCall,
    audit,
    stopping,
    forget: (language) => {
      forget(language);
    },
    freeMemory,
  });

  const runMarkdown = async (cell: CellState) => {
    const text = await fillPlaceholders(cell.code);
    notebook.update(cell.id, (current) => ({ status: 'done', output: [{ stream: 'stdout', text }], runCount: current.runCount + 1 }));
  };

  /** Compiles a WASM cell, so that later cells can call it; its memory is capped by the policy. */
  const runWasm = async (cell: CellState): Promise<CellState> => {
    notebook.update(cell.id, () => ({ status: 'running', output: [], errors: [], result: null, resultText: null }));
    const started = performance.now();
    const maxPages = Math.floor(policy.effective().memoryLimitBytes / PAGE_BYTES);
    const run = await runWasmCell(wasm, cell, maxPages);
    const durationMs = performance.now() - started;
    notebook.update(cell.id, (current) => ({
      status: run.success ? 'done' : 'error',
      output: run.output,
      errors: run.errors,
      runCount: current.runCount + 1,
      durationMs,
      totalMs: current.totalMs + durationMs,
      engineMs: durationMs,
    }));
    audit.record({ kind: 'run', language: null, cellId: cell.id, detail: run.success ? 'compiled' : `failed: ${run.errors[0]?.name ?? 'error'}`, durationMs, outcome: run.success ? 'success' : 'error' });
    return notebook.state.cells[cell.id] ?? cell;
  };

  const runCell = async (cellId: string): Promise<CellState> => {
    const cell = notebook.state.cells[cellId];
    if (!cell) throw new Error(`there is no cell ${cellId}`);
    await seedVariables();
    if (cell.kind === 'MARKDOWN') {
      await runMarkdown(cell);
      return notebook.state.cells[cellId] ?? cell;
    }
    if (cell.kind === 'WASM') return runWasm(cell);
    const language = languageOf(cell.kind);
    if (language === null) return cell;
    notebook.update(cellId, () => ({ status: 'running', output: [], errors: [], result: null, resultText: null }));
    const started = performance.now();
    try {
      await runCode(cell, language);
      const after = notebook.state.cells[cellId];
      const failed = after?.status === 'error';
      const durationMs = performance.now() - started;
      audit.record({ kind: 'run', language, cellId, detail: failed ? `failed: ${after.errors[0]?.name ?? 'error'}` : 'succeeded', durationMs, outcome: failed ? 'error' : 'success' });
    } catch (error) {
      // Whatever ends a run while a stop is pending (a replaced worker, or an interrupt that
      // landed in the playground's own calls around the code) is the interruption the user
      // asked for, not a crash.
      const stopped = stopping();
      const crash: UnifiedError = {
        language,
        kind: stopped ? 'interrupted' : error instanceof ConversionError ? 'conversion' : 'crash',
        name: stopped && !(error instanceof WorkerDiedError) ? 'InterruptedError' : error instanceof Error ? error.name : 'Error',
        // A replaced worker's message says the state was lost; an interrupt elsewhere needs no detail.
        message: stopped && !(error instanceof WorkerDiedError) ? 'the cell was stopped' : error instanceof Error ? error.message : String(error),
        cellId,
        line: null,
        column: null,
        frames: [],
      };
      notebook.update(cellId, (current) => ({ status: 'error', errors: [crash], runCount: current.runCount + 1 }));
      if (error instanceof WorkerDiedError) {
        forget(language);
        generations[language] = host(language).generation();
      }
      audit.record(
        stopped
          ? { kind: 'run', language, cellId, detail: 'stopped by the user', durationMs: performance.now() - started, outcome: 'stopped' }
          : { kind: 'crash', language, cellId, detail: crash.message },
      );
    }
    return notebook.state.cells[cellId] ?? cell;
  };

  /** Runs the document in order from an item: runnable cells, and the TARS DSL blocks between them. */
  const runSequence = async (fromItem: number): Promise<readonly CellState[]> => {
    stopRequested = false;
    setLog([]);
    type Step = { readonly cell: CellState } | { readonly dsl: number[] };
    const steps: Step[] = [];
    notebook.state.items.forEach((item, index) => {
      if (index < fromItem) return;
      if (item.type === 'block') {
        if (!isDslStep(item.block, notebook.state.dialect)) return;
        const last = steps.at(-1);
        // Blocks with no cell between them run as one stretch: an ELSE belongs to the IF before it.
        if (last && 'dsl' in last) last.dsl.push(index);
        else steps.push({ dsl: [index] });
        return;
      }
      const cell = notebook.state.cells[item.cellId];
      if (cell) steps.push({ cell });
    });
    for (const step of steps) if ('cell' in step) notebook.update(step.cell.id, () => ({ status: 'queued' }));
    if (steps.some((step) => 'dsl' in step)) {
      await seedVariables();
      await dsl.begin();
    }
    let failed = false;
    for (const step of steps) {
      if ('dsl' in step) {
        if (!failed && !stopping()) failed = await dsl.run(step.dsl);
        continue;
      }
      if (failed || stopping()) {
        notebook.update(step.cell.id, () => ({ status: 'idle' }));
        continue;
      }
      failed = (await runCell(step.cell.id)).status === 'error';
    }
    return notebook.cells();
  };

  const dsl = createDslSteps({
    notebook,
    variables,
    values,
    policy,
    audit,
    stopping,
    // The document folder lives in the Python worker, where Python cells see the same files.
    python: async (work) => {
      await applyPolicy('python');
      return hosts.python.call(work);
    },
    log: (line) => {
      setLog((lines) => [...lines, line]);
    },
  });

  const stop = async (): Promise<void> => {
    stopRequested = true;
    stops += 1;
    const languages: Language[] = ['python', 'javascript'];
    const outcomes = await Promise.all(languages.map((language) => host(language).interrupt()));
    outcomes.forEach((outcome, index) => {
      const language = languages[index] ?? null;
      if (outcome === 'interrupted') audit.record({ kind: 'interrupt', language, cellId: null, detail: 'the run was interrupted; the engine kept its state' });
      if (outcome === 'restarted' && language !== null) forget(language);
      if (outcome === 'restarted') audit.record({ kind: 'restart', language, cellId: null, detail: 'the worker was replaced to stop the run; its state was lost' });
    });
  };

  /**
   * A new worker holds nothing: no values given to it, no policy and, for Python, no document
   * packages. Its exports leave the store, since their values went with it, and the cells that
   * read them become stale; the other engines keep what they hold of them.
   */
  const forget = (language: Language) => {
    held[language].clear();
    variables.forgetOrigin(language);
    wasm.forget(language);
    policies.forget(language);
    if (language === 'python') packagesReady = null;
  };

  const restartEngine = async (language: Language): Promise<void> => {
    stopRequested = true;
    stops += 1;
    forget(language);
    audit.record({ kind: 'restart', language, cellId: null, detail: 'restarted by the user; its state was lost' });
    await host(language).restart();
    generations[language] = host(language).generation();
  };

  const isStale = (cell: CellState): boolean =>
    cell.runCount > 0 && Object.entries(cell.readVersions).some(([name, version]) => variables.version(name) > version);

  // A new document starts with an empty store; the engines keep running.
  notebook.onLoad(() => {
    variables.clear();
    wasm.clear();
    held.python.clear();
    held.javascript.clear();
    packagesReady = null;
  });

  /**
   * Runs wait their turn, as in a notebook kernel: a cell run while another runs (Shift+Enter
   * pressed twice) starts when the first ends, so it sees the variables the first exports. A
   * stop cancels every run still waiting.
   */
  let queue: Promise<unknown> = Promise.resolve();
  let stops = 0;
  const enqueue = <T>(cellIds: readonly string[], work: () => Promise<T>, cancelled: () => T): Promise<T> => {
    if (!notebook.state.trusted) {
      // Nothing from a link or a foreign file runs before the user says so (Trust and run).
      audit.record({ kind: 'trust', language: null, cellId: cellIds[0] ?? null, detail: 'a run was refused: the document is not trusted yet', outcome: 'blocked' });
      return Promise.resolve(cancelled());
    }
    const generation = stops;
    for (const id of cellIds) if (notebook.state.cells[id]?.status !== 'running') notebook.update(id, () => ({ status: 'queued' }));
    const turn = queue.then(async () => {
      // A document that asks for more than Standard waits for the user's answer first.
      await policy.settle();
      if (generation === stops) return work();
      for (const id of cellIds) if (notebook.state.cells[id]?.status === 'queued') notebook.update(id, () => ({ status: 'idle' }));
      return cancelled();
    });
    queue = turn.catch(() => undefined);
    return turn;
  };
  const runnableFrom = (fromItem: number) =>
    notebook.state.items.slice(fromItem).flatMap((item) => (item.type === 'cell' && item.cellId in notebook.state.cells ? [item.cellId] : []));
  const sequenceFrom = (fromItem: number) => enqueue(runnableFrom(fromItem), () => runSequence(fromItem), () => notebook.cells());

  return {
    hosts,
    variables,
    runCell: (cellId) => {
      const cancelled = () => {
        const cell = notebook.state.cells[cellId];
        if (!cell) throw new Error(`there is no cell ${cellId}`);
        return cell;
      };
      return enqueue(
        [cellId],
        () => {
          stopRequested = false;
          return runCell(cellId);
        },
        cancelled,
      );
    },
    runAll: () => sequenceFrom(0),
    runFrom: (cellId) => sequenceFrom(Math.max(0, notebook.state.items.findIndex((item) => item.type === 'cell' && item.cellId === cellId))),
    log,
    dslRunning: () => dsl.running(),
    audit,
    policy,
    trustAndRun: () => {
      if (!notebook.state.trusted) {
        notebook.setTrusted(true);
        audit.record({ kind: 'trust', language: null, cellId: null, detail: 'the user trusted the document and ran it' });
      }
      return sequenceFrom(0);
    },
    stop,
    restartEngine,
    isStale,
    readValue: (name) => values.read(name),
  };
}
