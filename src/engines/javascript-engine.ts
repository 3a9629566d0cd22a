/**
 * The JavaScript engine: QuickJS (quickjs-emscripten, one sync wasm variant) behind the engine
 * contract and the bridge operations. User code never runs in the host's own realm.
 */
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-wasmfile-release-sync';
import variantPackage from '@jitl/quickjs-wasmfile-release-sync/package.json';
import preludeSource from './javascript/prelude.js?raw';
import { INTERRUPT_SIGNAL, type InstallResult, type JavaScriptBridgeContract, type ModuleInfo, type PackageInfo, type VariableInfo } from './bridge';
import type {
  ExecuteOptions,
  ExecutionResult,
  OutputListener,
  ProgressListener,
  UnifiedError,
  VersionInfo,
} from './contract';
import type { CellRequest, CellRun, ExportInfo } from './cell-request';
import { ForeignValues, ReadsCache, runCellRequest, stepsOf } from './cell-runner';
import { EngineLifecycle } from './lifecycle';
import { movable } from './movable';
import { movablePacked, packedValue, unpack, type PackedValue } from './packed-value';
import { TIERS, type Policy } from './policy';
import { StartupProgress } from './startup-progress';
import { OutputCollector } from './output-collector';
import type { BoundedOutput } from './output-bounds';
import { readBundle } from './mime-bundle';
import { rewriteCell } from './javascript/cell-rewrite';
import { readsOf } from './javascript/reads';
import { mayChangeInPlace } from './javascript/in-place';
import { errorFromStack } from './javascript/error-stack';
import { callHelper, handleToNeutral } from './javascript/handles';
import { handleFromPacked, packedOf, valueOf } from './javascript/values';
import { ModuleLoader, type ModuleSourceOptions } from './javascript/module-loader';
import { installTimers, type Timers } from './javascript/timers';
import { HeapCap } from './javascript/heap-cap';
import { createCapabilityGuard, isWorkerScope } from './capabilities/guard';
import { installFetchBridge, type FetchBridge } from './javascript/fetch-bridge';
import { PolicyError } from './javascript/module-policy';
import { moduleError, stopError, type StopReason } from './javascript/run-errors';
import { PolicyState } from './javascript/policy-state';
import type { PositionMap } from './javascript/edits';
import { confinementRefusal, type ConfinementProof } from './confinement';
import { failedRun } from './failed-run';
import { ConversionError, ReadTimeoutError, type NeutralValue } from './value';
import { bindWasm } from './javascript/wasm-binding';
import { WasmInstances, type WasmModuleSpec } from './wasm/wasm-instances';

/** The QuickJS release vendored in the variant (see its README). */
const QUICKJS_RELEASE = '2025-09-13';
const PRELUDE_FILE = '<playground prelude>';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Limits and sources; every one has a default, and `setPolicy` replaces the policy's part. */
export interface JavaScriptEngineOptions extends ModuleSourceOptions {
  /**
   * Loads the QuickJS module; the default is the bundled release build on `memory`, the
   * capped wasm memory. Tests pass their own; one that ignores `memory` has no heap cap.
   */
  readonly loadModule?: (memory: WebAssembly.Memory) => Promise<Pick<QuickJSWASMModule, 'newRuntime'>>;
  /** The policy runs start under; Standard when not given. */
  readonly policy?: Policy;
  /** Heap cap until `setPolicy` sets one; the policy's by default. A bomb past it fails with `out of memory` and the context survives. */
  readonly memoryLimitBytes?: number;
  /** Without a cap, deep recursion overflows the host's stack first and breaks the runtime. */
  readonly maxStackBytes?: number;
  /** Time a run may take, timers and awaits included, unless its options say otherwise. */
  readonly timeoutMs?: number;
  /** The worker's policy self-test (engines/confinement.ts); see PythonEngineOptions. */
  readonly confinement?: ConfinementProof;
}

interface Loaded {
  readonly runtime: QuickJSRuntime;
  readonly heap: HeapCap;
  readonly context: QuickJSContext;
  /** The prelude's helpers: `inspect`, which formats a value as console.log does, and converters. */
  readonly helpers: QuickJSHandle;
  readonly timers: Timers;
  /** `fetch`, on the global object only while the policy allows the network. */
  readonly network: FetchBridge;
}

interface Outcome {
  readonly result: NeutralValue;
  readonly resultText: string | null;
  readonly errors: UnifiedError[];
}

export class JavaScriptEngine implements JavaScriptBridgeContract {
  private readonly lifecycle = new EngineLifecycle<Loaded>('javascript', (onProgress) => this.start(onProgress));
  private readonly output = new OutputCollector();
  private readonly modules: ModuleLoader;
  private readonly wasm = new WasmInstances();
  private runCounter = 0;
  /** Declared names, in the order first declared, for getVariables. */
  private readonly declared = new Set<string>();
  /** Position maps of each cell's last rewrite, so frames in earlier cells map back too. */
  private readonly maps = new Map<string, PositionMap>();
  private deadline: number | null = null;
  /** The last run's deadline, which the description of its exports shares. */
  private runDeadline: number | null = null;
  /** The last run's time limit: every later call into the VM (a timer, reading an export) gets as long. */
  private limitMs: number | null = null;
  private interruptBuffer: Int32Array | null = null;
  /** Why the interrupt handler stopped the code, if it did. */
  private stopReason: StopReason | null = null;
  private cancelWait: ((reason: StopReason | null) => void) | null = null;
  private readonly guard: PolicyState;
  /** Values given from another language, to find what a cell changed in place. */
  private readonly foreign = new ForeignValues();
  /** Reads of the cells run lately, by their code. */
  private readonly reads = new ReadsCache();
  /** The worker's own fetch, kept for the Unrestricted tier's bridge. */
  private readonly hostFetch: typeof fetch;

  constructor(private readonly options: JavaScriptEngineOptions = {}) {
    this.guard = new PolicyState(options.policy ?? TIERS.standard, options.memoryLimitBytes);
    this.hostFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.modules = new ModuleLoader(options, (error) => {
      this.guard.record(error);
    });
    this.modules.setPolicy(this.guard.policy);
  }

  confinement(): Promise<ConfinementProof | null> {
    return Promise.resolve(this.options.confinement ?? null);
  }

  setPolicy(policy: Policy): Promise<void> {
    this.guard.set(policy);
    this.modules.setPolicy(policy);
    // Before start-up there is nothing to change: start() reads the policy after its await.
    const loaded = this.lifecycle.ready();
    if (loaded) this.guard.applyTo(loaded);
    return Promise.resolve();
  }

  async init(onProgress?: ProgressListener, onOutput?: OutputListener): Promise<void> {
    if (onOutput) this.output.listen(onOutput);
    await this.loaded(onProgress);
  }

  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    const loaded = await this.loaded();
    const cellId = options.cellId ?? `run-${++this.runCounter}`;
    const refusal = confinementRefusal(this.guard.policy, this.options.confinement ?? null, 'javascript', cellId);
    if (refusal) return failedRun(refusal);
    const started = performance.now();
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 300_000;
    this.output.begin(cellId);
    let kept: BoundedOutput = { chunks: [], omitted: null };
    let outcome: Outcome;
    let exports: string[];
    try {
      this.deadline = Date.now() + timeoutMs;
      this.runDeadline = this.deadline;
      this.limitMs = timeoutMs;
      this.stopReason = null;
      this.guard.beginRun();
      outcome = await this.evaluateCell(loaded, code, cellId, timeoutMs);
      exports = this.changedGlobals(this.lifecycle.ready() ?? loaded).filter((name) => !name.startsWith('_'));
    } finally {
      this.deadline = null;
      kept = this.output.end();
    }
    return {
      success: outcome.errors.length === 0,
      output: kept.chunks,
      outputOmitted: kept.omitted,
      ...outcome,
      exports,
      executionTimeMs: performance.now() - started,
      // The wasm memory's size, as Python reports its heap: QuickJS's own count walks every object, which costs milliseconds once a cell holds big arrays.
      memoryBytes: loaded.heap.memory.buffer.byteLength,
    };
  }

  async runCell(request: CellRequest): Promise<CellRun> {
    // Describing the exports is part of the run: a getter, toString or trap that the preview
    // reaches and that does not return ends the run in a timeout, as the code's own loop would.
    const stop: { reason: StopReason | null } = { reason: null };
    const own = {
      describe: async (names: readonly string[]) => {
        const described = await this.describe(names);
        stop.reason ??= described.stopped;
        return described.exports;
      },
      mayChange: (code: string, names: readonly string[]) => Promise.resolve(mayChangeInPlace(code, names)),
    };
    const run = await runCellRequest(stepsOf(this, 'javascript', own), { foreign: this.foreign, reads: this.reads }, request);
    if (run.kind === 'needs' || stop.reason === null || run.result.errors.some((error) => error.kind === 'timeout' || error.kind === 'interrupted')) return run;
    const error = stopError(stop.reason, request.cellId, request.timeoutMs, 'while its exports were read');
    return { ...run, result: { ...run.result, success: false, errors: [...run.result.errors, error] } };
  }

  /**
   * Describes globals without converting them (kind, bounded preview, size estimate, barrier),
   * within what is left of the last run's time; says whether that time ran out on the way.
   */
  private async describe(names: readonly string[]): Promise<{ exports: ExportInfo[]; stopped: StopReason | null }> {
    const { context, helpers } = await this.loaded();
    return this.armed(() => {
      const variables = this.describeVariables(context, helpers, names);
      const exports = variables.map(({ info, estimate }) => ({
        name: info.name,
        type: info.type,
        preview: info.preview,
        sizeBytes: estimate,
        barrier: info.isCallable ? 'a JavaScript function cannot cross between languages' : info.type === 'symbol' ? 'a JavaScript symbol cannot cross between languages' : null,
      }));
      return { exports, stopped: variables.find((variable) => variable.stopped !== null)?.stopped ?? null };
    }, this.runDeadline ?? undefined);
  }

  async executeWithVariables(code: string, variables: Readonly<Record<string, NeutralValue>>, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    for (const [name, value] of Object.entries(variables)) await this.setVariable(name, value);
    return this.execute(code, options);
  }

  evaluateExpression(expression: string): Promise<ExecutionResult> {
    // Parenthesised, so that statements fail to parse instead of running.
    return this.execute(`(\n${expression}\n)`, { cellId: `expression-${++this.runCounter}` }).then((result) => ({
      ...result,
      errors: result.errors.map((error) => ({ ...error, line: error.line === null ? null : Math.max(1, error.line - 1) })),
    }));
  }

  async getVariable(name: string): Promise<NeutralValue | undefined> {
    const packed = await this.exportValue(name);
    return packed === undefined ? undefined : movable(unpack(packed));
  }

  async exportValue(name: string): Promise<PackedValue | undefined> {
    const { context, helpers } = await this.loaded();
    return this.armed(() => {
      try {
        using handle = this.readGlobal(context, name);
        if (handle === null || context.typeof(handle) === 'undefined') return undefined;
        return movablePacked(packedOf(context, helpers, handle));
      } catch (error) {
        throw this.takeStop() === null ? error : new ReadTimeoutError(`${name} could not be read within the time limit of ${String(this.currentLimitMs())} ms: its getters or traps did not return`);
      }
    });
  }

  /** Why the interrupt handler last stopped the VM, cleared as it is read; null when it did not. */
  private takeStop(): StopReason | null {
    const reason = this.stopReason;
    this.stopReason = null;
    return reason;
  }

  setVariable(name: string, value: NeutralValue): Promise<void> {
    return this.importValue(name, packedValue(value));
  }

  async importValue(name: string, packed: PackedValue): Promise<void> {
    const { context, helpers } = await this.loaded();
    this.armed(() => {
      using handle = handleFromPacked(context, helpers, packed);
      using key = context.newString(name);
      // Set as the last run's globals, since a value set from outside is not something the next run assigned.
      callHelper(context, helpers, 'setGlobal', key, handle).dispose();
      this.declared.add(name);
    });
  }

  analyzeReads(code: string): Promise<string[]> {
    return Promise.resolve(readsOf(code));
  }

  async loadWasm(spec: WasmModuleSpec): Promise<void> {
    const loaded = await this.loaded();
    bindWasm(loaded.context, loaded.helpers, this.wasm.load(spec));
    // The binding is not something the next run assigned.
    this.changedGlobals(loaded);
  }

  takeWasmChanges(): Promise<Record<string, Uint8Array>> {
    return Promise.resolve(this.wasm.takeChanges());
  }

  /** Globals assigned since the last call, by the prelude's reckoning. */
  private changedGlobals({ context, helpers }: Pick<Loaded, 'context' | 'helpers'>): string[] {
    using changed = callHelper(context, helpers, 'changedGlobals');
    const names = handleToNeutral(context, helpers, changed);
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  }

  async getVariables(names?: readonly string[]): Promise<VariableInfo[]> {
    const { context, helpers } = await this.loaded();
    return this.armed(() => this.describeVariables(context, helpers, names).map(({ info }) => info));
  }

  private describeVariables(context: QuickJSContext, helpers: QuickJSHandle, names: readonly string[] | undefined): { info: VariableInfo; estimate: number; stopped: StopReason | null }[] {
    const variables: { info: VariableInfo; estimate: number; stopped: StopReason | null }[] = [];
    for (const name of this.declared) {
      if (names && !names.includes(name)) continue;
      using handle = this.readGlobal(context, name);
      if (handle === null || context.typeof(handle) === 'undefined') continue;
      const isCallable = context.typeof(handle) === 'function';
      try {
        using kind = callHelper(context, helpers, 'kind', handle);
        using preview = callHelper(context, helpers, 'inspect', handle);
        using size = callHelper(context, helpers, 'sizeEstimate', handle);
        const text = context.getString(preview);
        const info = { name, type: describeKind(context.getString(kind)), preview: text.length <= 120 ? text : `${text.slice(0, 119)}…`, isCallable };
        variables.push({ info, estimate: context.getNumber(size), stopped: null });
      } catch {
        // A getter, toString or trap of the value's own threw, or ran to the deadline.
        const stopped = this.takeStop();
        variables.push({ info: { name, type: 'unknown', preview: stopped === null ? '(its getters or traps threw)' : '(its getters or traps did not return in time)', isCallable }, estimate: 0, stopped });
      }
    }
    return variables;
  }


  async importModule(name: string): Promise<ModuleInfo> {
    const loaded = await this.loaded();
    const { context, helpers, runtime } = loaded;
    const failure = await this.modules.prefetch([name]);
    if (failure !== null) throw failure.kind === 'policy' ? new PolicyError(failure.message) : new Error(failure.message);
    using promise = context.unwrapResult(context.evalCode(`import(${JSON.stringify(name)})`, PRELUDE_FILE));
    this.drainJobs(runtime);
    if (isPending(context, promise)) await this.waitFor(context, promise, this.options.timeoutMs ?? 300_000);
    const state = context.getPromiseState(promise);
    if (state.type !== 'fulfilled') {
      const thrown: unknown = state.type === 'rejected' ? context.dump(state.error) : null;
      if (state.type === 'rejected') state.error.dispose();
      throw new Error(errorFromStack(thrown, name, PRELUDE_FILE).message || `could not import ${name}`);
    }
    using namespace = state.value;
    using description = callHelper(context, helpers, 'describeModule', namespace);
    const described = handleToNeutral(context, helpers, description);
    const strings = (key: string) => {
      const list: unknown = typeof described === 'object' && described !== null && key in described ? Reflect.get(described, key) : [];
      return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
    };
    const info = await this.modules.packageInfo(name);
    return { name, version: info?.version ?? null, description: null, functions: strings('functions'), classes: strings('classes') };
  }

  installPackage(nameOrSpec: string): Promise<InstallResult> {
    return this.modules.install(nameOrSpec);
  }

  listPackages(): Promise<PackageInfo[]> {
    return this.modules.list();
  }

  isPackageAvailable(name: string): Promise<boolean> {
    return this.modules.isAvailable(name);
  }

  async reset(): Promise<void> {
    const loaded = await this.loaded();
    releaseContext(loaded);
    this.declared.clear();
    this.maps.clear();
    this.wasm.clear();
    this.foreign.clear();
    this.lifecycle.set({ runtime: loaded.runtime, heap: loaded.heap, ...this.newContext(loaded.runtime) });
  }

  resetEnvironment(): Promise<void> {
    return this.reset();
  }

  versionInfo(): Promise<VersionInfo> {
    return Promise.resolve({
      language: 'javascript',
      languageVersion: 'ES2023',
      runtime: `QuickJS ${QUICKJS_RELEASE} (quickjs-emscripten ${variantPackage.version})`,
      platform: 'wasm32',
      details: { quickjs: QUICKJS_RELEASE, 'quickjs-emscripten': variantPackage.version },
    });
  }

  getVersionInfo(): Promise<VersionInfo> {
    return this.versionInfo();
  }

  isAvailable(): Promise<boolean> {
    return Promise.resolve(!this.lifecycle.disposed && typeof WebAssembly === 'object');
  }

  /** Shares a flag with the main thread: writing INTERRUPT_SIGNAL stops code that is running. */
  setInterruptBuffer(buffer: Int32Array | null): Promise<void> {
    this.interruptBuffer = buffer;
    return Promise.resolve();
  }

  /** Stops a run that is waiting (on a timer or a promise); a busy loop needs the buffer. */
  interrupt(): Promise<void> {
    this.cancelWait?.('interrupted');
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return this.lifecycle.dispose((loaded) => {
      releaseContext(loaded);
      loaded.runtime.dispose();
    });
  }

  /** Rewrites, loads imports, evaluates, and waits for a top-level await to settle. */
  private async evaluateCell(loaded: Loaded, code: string, cellId: string, timeoutMs: number): Promise<Outcome> {
    const { context } = loaded;
    const rewritten = rewriteCell(code);
    if (rewritten === null) return this.settle(loaded, context.evalCode(code, cellId), cellId, timeoutMs);
    this.maps.set(cellId, rewritten.map);
    const failure = await this.modules.prefetch(rewritten.imports);
    if (failure !== null) return { result: null, resultText: null, errors: [moduleError(failure, cellId)] };
    for (const name of rewritten.declared) this.declared.add(name);
    if (rewritten.declarations !== '') {
      const declared = context.evalCode(rewritten.declarations, PRELUDE_FILE);
      if (declared.error) return this.settle(loaded, declared, cellId, timeoutMs);
      declared.value.dispose();
    }
    return this.settle(loaded, context.evalCode(rewritten.code, cellId), cellId, timeoutMs);
  }

  /** Turns an eval's outcome into a result, waiting for a promise to settle. */
  private async settle(
    loaded: Loaded,
    evaluated: ReturnType<QuickJSContext['evalCode']>,
    cellId: string,
    timeoutMs: number,
  ): Promise<Outcome> {
    const { context, runtime } = loaded;
    if (evaluated.error) return this.failure(context, evaluated.error, cellId);
    let value = evaluated.value;
    this.drainJobs(runtime);
    // A job that ran past the deadline was stopped there; the run ends with it.
    if (this.stopReason !== null) {
      value.dispose();
      const reason = this.stopReason;
      this.stopReason = null;
      return { result: null, resultText: null, errors: [stopError(reason, cellId, timeoutMs)] };
    }
    if (isPending(context, value)) {
      const waited = await this.waitFor(context, value, timeoutMs);
      if (waited !== null) {
        value.dispose();
        return { result: null, resultText: null, errors: [stopError(waited, cellId, timeoutMs)] };
      }
    }
    // A promise that has settled stands for its value; a pending one stays as it is.
    const state = context.getPromiseState(value);
    if (state.type === 'rejected') {
      value.dispose();
      return this.failure(context, state.error, cellId);
    }
    if (state.type === 'fulfilled' && state.notAPromise !== true) {
      value.dispose();
      value = state.value;
    }
    try {
      const described = this.describeResult(loaded, value);
      // A getter or trap reached while the result was formatted ran to the deadline.
      const stopped = this.takeStop();
      return stopped === null ? described : { result: null, resultText: null, errors: [stopError(stopped, cellId, timeoutMs)] };
    } finally {
      value.dispose();
    }
  }

  /** Waits for a QuickJS promise; resolves to null when it settled, or why it was stopped. */
  private waitFor(context: QuickJSContext, promise: QuickJSHandle, timeoutMs: number): Promise<StopReason | null> {
    return new Promise<StopReason | null>((resolve) => {
      const timer = setTimeout(() => {
        finish('timeout');
      }, timeoutMs);
      const finish = (reason: StopReason | null) => {
        clearTimeout(timer);
        this.cancelWait = null;
        resolve(reason);
      };
      this.cancelWait = finish;
      void context.resolvePromise(promise).then((settled) => {
        // The outcome is read again from the promise itself; this handle is not needed.
        if (settled.error) settled.error.dispose();
        else settled.value.dispose();
        finish(null);
      });
    });
  }

  private describeResult({ context, helpers }: Loaded, value: QuickJSHandle): Outcome {
    if (context.typeof(value) === 'undefined') return { result: null, resultText: null, errors: [] };
    const resultText = describe(context, helpers, value);
    try {
      return { result: valueOf(context, helpers, value), resultText, errors: [] };
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      // A value that cannot cross stays in QuickJS; its text form is still shown.
      return { result: null, resultText, errors: [] };
    }
  }

  private failure(context: QuickJSContext, handle: QuickJSHandle, cellId: string): Outcome {
    const thrown: unknown = context.dump(handle);
    handle.dispose();
    const error = errorFromStack(thrown, cellId, PRELUDE_FILE, (frameCell, line, column) => this.maps.get(frameCell)?.(line, column) ?? { line, column });
    const stopped = this.stopReason;
    this.stopReason = null;
    if (stopped !== null && error.name === 'InternalError' && error.message === 'interrupted') {
      return { result: null, resultText: null, errors: [{ ...error, ...stopError(stopped, cellId, this.currentLimitMs()), frames: error.frames }] };
    }
    return { result: null, resultText: null, errors: [this.guard.classify(error)] };
  }

  /** Runs queued jobs; an error in one belongs to a promise the user code already holds. */
  private drainJobs(runtime: QuickJSRuntime): void {
    const jobs = this.armed(() => runtime.executePendingJobs());
    if (jobs.error) jobs.error.dispose();
  }

  /** The time limit now: the run's, or the last run's for calls between runs, or the policy's. */
  private currentLimitMs(): number {
    return this.limitMs ?? this.options.timeoutMs ?? this.guard.policy.timeLimitMs;
  }

  /**
   * Runs host work that calls into the VM (a timer, a settled fetch, reading or formatting a
   * value, where user getters, toString, valueOf and Proxy traps run) under a deadline: inside
   * a run, the run's; between runs `until`, by default a fresh one as long as the last run's limit.
   */
  private armed<T>(work: () => T, until = Date.now() + this.currentLimitMs()): T {
    if (this.deadline !== null) return work();
    this.deadline = until;
    try {
      return work();
    } finally {
      this.deadline = null;
    }
  }

  /** The interrupt handler: past the deadline, or when the main thread raised the flag. */
  private shouldInterrupt(): boolean {
    // The engine's one chance to act while user code runs: output held back in a flood goes out.
    this.output.tick();
    const buffer = this.interruptBuffer;
    if (buffer !== null && Atomics.load(buffer, 0) === INTERRUPT_SIGNAL) {
      Atomics.store(buffer, 0, 0);
      this.stopReason = 'interrupted';
      return true;
    }
    if (this.deadline !== null && Date.now() > this.deadline) {
      this.stopReason = 'timeout';
      return true;
    }
    return false;
  }

  private readGlobal(context: QuickJSContext, name: string): QuickJSHandle | null {
    if (!IDENTIFIER.test(name)) return null;
    // Top-level let and const are not properties of globalThis, so read the binding by name.
    const result = context.evalCode(`typeof ${name} === 'undefined' ? undefined : ${name}`, PRELUDE_FILE);
    if (!result.error) return result.value;
    result.error.dispose();
    return null;
  }

  private loaded(onProgress?: ProgressListener): Promise<Loaded> {
    return this.lifecycle.get(onProgress);
  }

  /** Start-up in named steps: wasm module, runtime limits, context and prelude. */
  private async start(onProgress: ProgressListener): Promise<Loaded> {
    const progress = new StartupProgress(onProgress);
    // The wasm compiles while it streams in, so little is left once the last byte is here.
    progress.enterDownload('loading runtime', { from: 0.05, to: 0.75, then: 'starting runtime' });
    const heap = new HeapCap(this.guard.memoryLimitBytes);
    const load = this.options.loadModule ?? ((memory) => newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmMemory: memory })));
    const module = await progress.whileDownloading(() => load(heap.memory));
    progress.enter('creating context', 0.8);
    const runtime = module.newRuntime();
    runtime.setMaxStackSize(this.options.maxStackBytes ?? 128 * 1024);
    runtime.setInterruptHandler(() => this.shouldInterrupt());
    this.modules.attach(runtime);
    const loaded = { runtime, heap, ...this.newContext(runtime) };
    // The policy as it is now, a setPolicy during the download included. QuickJS's own memory
    // limit counts allocations rather than bytes in this build; the heap cap does the real limiting.
    this.guard.applyTo(loaded);
    // Cells run in QuickJS and see none of the worker's scope, but what the scope does not
    // hold cannot leak through a hole in that wall. The engine keeps its own fetch and package
    // cache from before, so nothing here ever comes back, in any tier; a scope that keeps a
    // capability fails the start, and no cell runs.
    if (isWorkerScope(globalThis)) createCapabilityGuard(globalThis).deny();
    progress.enter('ready', 1);
    return loaded;
  }

  /** A fresh context with the prelude, the timers, and the network bridge as the policy says. */
  private newContext(runtime: QuickJSRuntime): Omit<Loaded, 'runtime' | 'heap'> {
    const context = runtime.newContext();
    const helpers = this.installPrelude(context);
    const timers = installTimers(context, (work) => this.armed(work), (thrown) => {
      this.drainJobs(runtime);
      if (thrown === null) return;
      // An error thrown by a timer has no run to belong to: it is printed, as browsers do.
      const error = errorFromStack(context.dump(thrown), '', PRELUDE_FILE, (cell, line, column) => this.maps.get(cell)?.(line, column) ?? { line, column });
      thrown.dispose();
      const stopped = this.takeStop();
      const text = stopped === null ? `${error.name}: ${error.message}` : stopped === 'timeout' ? `TimeoutError: a timer ran past its time limit of ${String(this.currentLimitMs())} ms` : 'InterruptedError: a timer was stopped';
      this.output.write('stderr', `Uncaught ${text}\n`);
    });
    const network = installFetchBridge(context, this.hostFetch, () => this.guard.networkDenied(), () => {
      this.drainJobs(runtime);
    });
    network.expose(this.guard.policy.network);
    // The timer globals are the context's own, not exports of the first run.
    this.changedGlobals({ context, helpers });
    return { context, helpers, timers, network };
  }


  /** Runs the prelude in a fresh context, giving it the host's output and display functions. */
  private installPrelude(context: QuickJSContext): QuickJSHandle {
    using install = context.unwrapResult(context.evalCode(preludeSource, PRELUDE_FILE));
    // One function a stream, so that each console.log reads one string out of the VM, not two.
    using writeOut = context.newFunction('writeOut', (text) => {
      this.output.write('stdout', context.getString(text));
    });
    using writeErr = context.newFunction('writeErr', (text) => {
      this.output.write('stderr', context.getString(text));
    });
    // The prelude hands over a plain object of strings, which dump copies out as it is.
    using show = context.newFunction('show', (bundle) => {
      this.output.display(readBundle(context.dump(bundle)));
    });
    return context.unwrapResult(context.callFunction(install, context.undefined, writeOut, writeErr, show));
  }
}

/** Whether a handle is a pending promise; reading the state of a settled one makes a handle to free. */
function isPending(context: QuickJSContext, handle: QuickJSHandle): boolean {
  const state = context.getPromiseState(handle);
  if (state.type === 'rejected') state.error.dispose();
  if (state.type === 'fulfilled' && state.notAPromise !== true) state.value.dispose();
  return state.type === 'pending';
}

/** Frees a context and what lives in it; the bridge's pending requests go before the context. */
function releaseContext(loaded: Loaded): void {
  loaded.network.dispose();
  loaded.timers.dispose();
  loaded.helpers.dispose();
  loaded.context.dispose();
}

/** The prelude's kind tags, as type names a person reads. */
function describeKind(kind: string): string {
  if (kind.startsWith('instance:')) return kind.slice('instance:'.length);
  const names: Record<string, string> = { array: 'Array', date: 'Date', bytes: 'Uint8Array', map: 'Map', set: 'Set', object: 'Object', null: 'null' };
  return names[kind] ?? kind;
}

function describe(context: QuickJSContext, helpers: QuickJSHandle, value: QuickJSHandle): string | null {
  try {
    using text = callHelper(context, helpers, 'inspect', value);
    return context.getString(text);
  } catch {
    // A value whose getters throw is still a result; it just has no text form.
    return null;
  }
}

