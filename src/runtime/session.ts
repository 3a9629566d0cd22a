/**
 * Runs a notebook's cells: one persistent engine per language, each in its own worker and
 * started the first time one of its cells runs. Values flow between languages through the
 * variable store: a cell's exports go into it after the cell runs, and the values a cell reads
 * are injected into its engine before it runs, when the store has a newer version.
 */
import { createSignal, type Accessor } from 'solid-js';
import { unwrap } from 'solid-js/store';
import type { JavaScriptBridgeContract, PythonBridgeContract } from '../engines/bridge';
import type { ExecutionResult, Language, OutputChunk, UnifiedError } from '../engines/contract';
import type { Tier } from '../engines/policy';
import { ConversionError, type NeutralValue } from '../engines/value';
import { interpolate } from '../metascript/interpolate';
import type { PropertyBlock, PropertyValue } from '../metascript/types';
import { createAuditLog, type AuditLog } from './audit-log';
import { documentSettings, type DocumentSettings } from './document-settings';
import { createEngineHost, hasMemoryForSpare, WorkerDiedError, type EngineHost } from './engine-host';
import { createPolicyControl, type PolicyControl } from './policy-control';
import { languageOf, type CellState, type Notebook } from './notebook';
import { createVariableStore, sizeOf, type VariableStore } from './variable-store';
import { PAGE_BYTES } from '../engines/wasm/module-reader';
import { createWasmModules, runWasmCell, type EngineCall } from './wasm-modules';
import { asTimedOut, lostToTimeout, watchTimeLimit, type TimeLimitWatch } from './time-limit';
import { confinementFor, type WorkerSpawner } from './worker-factories';

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
   * variables are lost; the store keeps the values other languages exported.
   */
  restartEngine(language: Language): Promise<void>;
  /** Whether a cell read a variable that has changed since it ran. */
  isStale(cell: CellState): boolean;
  /** Messages of the ACTION log blocks of the last run, reactive. */
  readonly log: Accessor<readonly string[]>;
  /** Every run, violation, stop, restart, crash, tier change and trust decision, with timestamps. */
  readonly audit: AuditLog;
  /** The policy runs use, and the pending request for more than Standard. */
  readonly policy: PolicyControl;
  /** Marks an untrusted document (a share link, a foreign file) trusted, then runs it all. */
  trustAndRun(): Promise<readonly CellState[]>;
  /** Loads a variable's value into its store entry and returns it. */
  readValue(name: string): Promise<NeutralValue>; // merge: lead owns
}

const LANGUAGE_NAMES: Record<Language, string> = { python: 'Python', javascript: 'JavaScript' };

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
  /** The policy each engine's current worker was last given, as JSON; `forget` clears it. */
  const applied: Record<Language, string | null> = { python: null, javascript: null };
  /** The tier each engine's current worker was given; `forget` clears it. */
  const givenTier: Record<Language, Tier | null> = { python: null, javascript: null };
  let lastTier: string | null = null;
  const [log, setLog] = createSignal<readonly string[]>([]);
  /** The store version each engine holds of each name, natively or injected. */
  const held: Record<Language, Map<string, number>> = { python: new Map(), javascript: new Map() };
  /** The worker generation each `held` map describes. */
  const generations: Record<Language, number> = { python: 0, javascript: 0 };
  /** Packages of the document's CONFIG already installed in Python. */
  let packagesReady: Promise<UnifiedError | null> | null = null;

  /** Set by stop(); a Run all checks it between cells, after awaits the compiler cannot see into. */
  let stopRequested = false;
  const stopping = () => stopRequested;

  const settings = (): DocumentSettings => documentSettings(notebook, (name) => displayOf(variables.entries[name]?.value));

  /** VARIABLE blocks seed the store, unless a cell has written the name since. */
  const seedVariables = () => {
    for (const [name, value] of settings().variables) {
      const current = variables.entries[name];
      if (current && current.origin !== 'document') continue;
      if (current && sameValue(current.value ?? null, value)) continue; // merge: lead owns
      variables.put({ name, origin: 'document', cellId: null, type: typeof value, preview: displayOf(value), sizeBytes: sizeOf(value), value, barrier: null });
    }
  };

  /** Injects the store's newer values of the names a cell reads; returns an error, or the bytes moved. */
  const inject = async (language: Language, reads: readonly string[], cellId: string): Promise<UnifiedError | number> => {
    let moved = 0;
    for (const name of reads) {
      const entry = variables.entries[name];
      if (!entry || entry.origin === language || (held[language].get(name) ?? 0) >= entry.version) continue;
      if (entry.barrier !== null) {
        return crossingError(language, cellId, `${name} is a ${LANGUAGE_NAMES[entry.origin === 'document' ? language : entry.origin]} ${entry.type} and cannot cross to ${LANGUAGE_NAMES[language]}: ${entry.barrier}`);
      }
      // The store wraps objects in proxies, which cannot be cloned into a worker.
      const value = unwrap(entry.value ?? null); // merge: lead owns
      await host(language).call((remote) => remote.setVariable(name, value));
      held[language].set(name, entry.version);
      moved += entry.sizeBytes;
    }
    return moved;
  };

  /** Puts a cell's exports into the store; values that cannot cross are kept as barriers. */
  const collect = async (language: Language, cellId: string, names: readonly string[], stopped: () => boolean = () => false): Promise<number> => {
    if (names.length === 0) return 0;
    // Only the exported names: previews of every global would repr large values on each run.
    const infos = await host(language).call((remote) => remote.getVariables(names));
    let moved = 0;
    for (const name of names) {
      const info = infos.find((candidate) => candidate.name === name);
      let value: NeutralValue = null;
      let barrier: string | null = null;
      try {
        // Past the cell's time limit no further read starts: each could run the value's own code again.
        if (stopped()) throw new Error(`${name} was not read: the cell ran past its time limit`);
        value = (await host(language).call(async (remote): Promise<NeutralValue | undefined> => await remote.getVariable(name))) ?? null;
      } catch (error) {
        barrier = error instanceof Error ? error.message : String(error);
      }
      const sizeBytes = barrier === null ? sizeOf(value) : 0;
      moved += sizeBytes;
      const version = variables.put({
        name,
        origin: language,
        cellId,
        type: info?.type ?? typeof value,
        preview: info?.preview ?? displayOf(value),
        sizeBytes,
        value,
        barrier: barrier === null ? null : barrier.replace(/^ConversionError: /, ''),
      });
      held[language].set(name, version);
    }
    return moved;
  };

  const ensurePackages = (): Promise<UnifiedError | null> => {
    packagesReady ??= (async () => {
      for (const reference of settings().packages) {
        const result = await hosts.python.call((remote) => remote.installPackage(reference));
        if (!result.success) return { language: 'python', kind: 'runtime', name: 'PackageError', message: result.message, cellId: null, line: null, column: null, frames: [] };
      }
      return null;
    })();
    return packagesReady;
  };

  const runCode = async (cell: CellState, language: Language): Promise<void> => {
    const started = performance.now();
    const reads = await host(language).call((remote) => remote.analyzeReads(cell.code));
    // A worker that crashed or was replaced since the last run holds none of what was put in it.
    if (host(language).generation() !== generations[language]) {
      forget(language);
      generations[language] = host(language).generation();
    }
    const readVersions = Object.fromEntries(reads.map((name) => [name, variables.version(name)]));
    const rules = await applyPolicy(language);
    if (language === 'python') {
      const failure = await ensurePackages();
      if (failure) {
        notebook.update(cell.id, (current) => ({ status: 'error', errors: [{ ...failure, cellId: cell.id }], runCount: current.runCount + 1, readVersions }));
        return;
      }
    }
    const injected = await inject(language, reads, cell.id);
    if (typeof injected !== 'number') {
      notebook.update(cell.id, (current) => ({ status: 'error', errors: [injected], runCount: current.runCount + 1, readVersions }));
      return;
    }
    let wasmIn: number;
    try {
      wasmIn = await wasm.prepare(language, reads, wasmCall(language));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failure: UnifiedError = { language, kind: 'runtime', name: 'LinkError', message, cellId: cell.id, line: null, column: null, frames: [] };
      notebook.update(cell.id, (current) => ({ status: 'error', errors: [failure], runCount: current.runCount + 1, readVersions }));
      return;
    }
    // A stop that came while the cell was being prepared stops it before its code starts.
    if (stopping()) throw new StoppedError('the cell was stopped before it started');
    const { result, exported, wasmOut } = await executeWithin(language, cell, rules.timeLimitMs);
    // What the cell wrote itself is not a change it has missed.
    for (const name of result.exports) if (name in readVersions) readVersions[name] = variables.version(name);
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
      bytesMoved: injected + exported + wasmIn + wasmOut,
      readVersions,
    }));
  };

  /** Gives an engine the document's policy when it or the worker has changed since it was last given. */
  const applyPolicy = async (language: Language) => {
    const rules = policy.effective();
    if (rules.tier !== lastTier) {
      audit.record({ kind: 'tier', language: null, cellId: null, detail: `runs use the ${rules.tier} policy${lastTier === null ? '' : ` (was ${lastTier})`}` });
      lastTier = rules.tier;
    }
    // A worker that ran under another tier is replaced, in either direction: nothing it was
    // granted, or holds, carries over (and a Restrictive engine cannot be raised at all). So is
    // one made with another Content-Security-Policy, which is fixed when a worker is made.
    const given = givenTier[language];
    const kind = host(language).kind();
    if ((given !== null && given !== rules.tier) || (kind !== null && kind !== confinementFor(rules))) await replaceForTier(language, given ?? rules.tier, rules.tier);
    const key = JSON.stringify(rules);
    if (applied[language] !== key) {
      await host(language).call((remote) => remote.setPolicy(rules));
      applied[language] = key;
      givenTier[language] = rules.tier;
    }
    return rules;
  };

  /** Replaces an engine's worker because the tier changed; its state is lost. */
  const replaceForTier = async (language: Language, from: Tier, to: Tier) => {
    forget(language);
    audit.record({ kind: 'restart', language, cellId: null, detail: `the worker was replaced for the ${to} tier (was ${from}); its state was lost` });
    await host(language).restart();
    generations[language] = host(language).generation();
  };

  // A choice from the policy menu, or an answer to the consent dialog, replaces every engine
  // that has started at once; other changes (CONFIG edited, another document) at the next run.
  policy.onTierChange((from, to) => {
    for (const language of ['python', 'javascript'] as const) {
      const given = givenTier[language];
      if (given !== null && given !== to) void replaceForTier(language, given, to).catch(() => undefined);
    }
  });

  /** Wasm memory never shrinks: after a memory error the Python worker is replaced to give it back. */
  const freeMemory = async (result: ExecutionResult): Promise<ExecutionResult> => {
    forget('python');
    audit.record({ kind: 'restart', language: 'python', cellId: null, detail: 'the worker was replaced to free the memory a run used past its limit; its state was lost' });
    await host('python').restart();
    const note = '; the Python engine was restarted to free it, so its variables were lost';
    // The new worker holds nothing the run assigned, so there is nothing to collect.
    return { ...result, exports: [], errors: result.errors.map((error) => (error.kind === 'memory' ? { ...error, message: error.message + note } : error)) };
  };

  /** Watches a cell's run and the reading of its exports against the document's time limit. */
  const watchCell = (language: Language, cell: CellState, limitMs: number): TimeLimitWatch =>
    watchTimeLimit({
      limitMs,
      interrupt: (graceMs) => host(language).interrupt(graceMs),
      onStopped: (outcome) => {
        if (outcome === 'idle') return;
        if (outcome === 'restarted') forget(language);
        audit.record({
          kind: outcome === 'interrupted' ? 'interrupt' : 'restart',
          language,
          cellId: cell.id,
          detail: outcome === 'interrupted' ? `stopped at its time limit of ${String(limitMs)} ms; the engine kept its state` : `the worker was replaced to stop the cell at its time limit of ${String(limitMs)} ms; its state was lost`,
        });
      },
    });

  /**
   * Runs a cell's code and reads its exports, within its time limit: past it, the run is
   * interrupted, or its worker replaced, whichever part of the work it was in.
   */
  const executeWithin = async (language: Language, cell: CellState, limitMs: number): Promise<{ result: ExecutionResult; exported: number; wasmOut: number }> => {
    const watch = watchCell(language, cell, limitMs);
    let result: ExecutionResult | null = null;
    try {
      result = await host(language).execute(cell.code, { cellId: cell.id, timeoutMs: limitMs });
      for (const error of result.errors) {
        if (error.kind === 'policy') audit.record({ kind: 'violation', language, cellId: cell.id, detail: error.message });
      }
      // Python's own heap, that is: a WASM module's memory past its cap (WasmMemoryError) is the module's.
      // The fresh worker holds nothing to collect, and its start is not the cell's time.
      if (language === 'python' && result.errors.some((error) => error.kind === 'memory' && error.name === 'MemoryError')) {
        watch.clear();
        return { result: await freeMemory(result), exported: 0, wasmOut: 0 };
      }
      const exported = await collect(language, cell.id, result.exports, () => watch.timedOut());
      const wasmOut = await wasm.collect(language, wasmCall(language));
      return { result: watch.timedOut() ? asTimedOut(result, language, cell.id, limitMs) : result, exported, wasmOut };
    } catch (error) {
      if (!watch.timedOut()) throw error;
      // The worker was replaced, or the interrupt broke off reading the exports.
      if (error instanceof WorkerDiedError) {
        forget(language);
        return { result: lostToTimeout(language, cell.id, limitMs), exported: 0, wasmOut: 0 };
      }
      return { result: asTimedOut({ ...(result ?? lostToTimeout(language, cell.id, limitMs)), exports: [] }, language, cell.id, limitMs), exported: 0, wasmOut: 0 };
    } finally {
      watch.clear();
    }
  };

  const runMarkdown = (cell: CellState) => {
    const text = interpolate(cell.code, (name) => {
      const entry = variables.entries[name];
      return entry ? displayOf(entry.value) : undefined;
    });
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
    seedVariables();
    if (cell.kind === 'MARKDOWN') {
      runMarkdown(cell);
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
      if (error instanceof WorkerDiedError) forget(language);
      audit.record(
        stopped
          ? { kind: 'run', language, cellId, detail: 'stopped by the user', durationMs: performance.now() - started, outcome: 'stopped' }
          : { kind: 'crash', language, cellId, detail: crash.message },
      );
    }
    return notebook.state.cells[cellId] ?? cell;
  };

  /** Runs the document in order from an item: runnable cells, and ACTION blocks that log. */
  const runSequence = async (fromItem: number): Promise<readonly CellState[]> => {
    stopRequested = false;
    setLog([]);
    const steps = notebook.state.items.slice(fromItem).flatMap((item): ({ cell: CellState } | { block: PropertyBlock })[] => {
      if (item.type === 'block') return item.block.type === 'properties' && item.block.kind === 'ACTION' ? [{ block: item.block }] : [];
      const cell = notebook.state.cells[item.cellId];
      return cell ? [{ cell }] : [];
    });
    for (const step of steps) if ('cell' in step) notebook.update(step.cell.id, () => ({ status: 'queued' }));
    let failed = false;
    for (const step of steps) {
      if ('block' in step) {
        if (!failed && !stopping()) runAction(step.block);
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

  /** ACTION blocks of type `log` print their message, with `${name}` interpolated. */
  const runAction = (block: PropertyBlock) => {
    seedVariables();
    const read = (key: string) => block.properties.find((entry) => entry.key === key)?.value;
    if (read('type') !== 'log') return;
    const message = read('message');
    const text = typeof message === 'string' ? message : displayOf(message === undefined ? null : toLogValue(message));
    setLog((lines) => [...lines, interpolate(text, (name) => (variables.entries[name] ? displayOf(variables.entries[name].value) : undefined))]);
  };

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

  /** A new worker holds nothing: no injected values, no policy and, for Python, no document packages. */
  const forget = (language: Language) => {
    held[language].clear();
    wasm.forget(language);
    applied[language] = null;
    givenTier[language] = null;
    if (language === 'python') packagesReady = null;
  };

  const restartEngine = async (language: Language): Promise<void> => {
    stopRequested = true;
    stops += 1;
    forget(language);
    audit.record({ kind: 'restart', language, cellId: null, detail: 'restarted by the user; its state was lost' });
    await host(language).restart();
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
    readValue: (name) => Promise.resolve(variables.entries[name]?.value ?? null), // merge: lead owns
  };
}

/** A run that a stop ended before its code started. */
class StoppedError extends Error {
  override readonly name = 'InterruptedError';
}

function crossingError(language: Language, cellId: string, message: string): UnifiedError {
  return { language, kind: 'conversion', name: 'ConversionError', message, cellId, line: null, column: null, frames: [] };
}

/** How a value reads in Markdown and previews: text as itself, everything else compactly. */
export function displayOf(value: NeutralValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return `${value}`;
  if (typeof value !== 'object') return String(value);
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value, (_, item: unknown) => (typeof item === 'bigint' ? `${item}` : item));
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A property value as a neutral one, for a log message that is not text. */
function toLogValue(value: PropertyValue): NeutralValue {
  if (value === null || typeof value !== 'object') return value;
  return JSON.stringify(value);
}

function sameValue(a: NeutralValue, b: NeutralValue): boolean {
  return displayOf(a) === displayOf(b) && typeof a === typeof b;
}
