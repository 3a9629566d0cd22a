/**
 * The Python engine: Pyodide behind the engine contract and the TARS bridge operations. It
 * runs in a Web Worker in the browser and directly under Node in the unit tests.
 */
import { loadPyodide, version as pyodideVersion, type PyodideAPI } from 'pyodide';
import type { PyCallable, PyDict } from 'pyodide/ffi';
import policySource from './python/policy.py?raw';
import readsSource from './python/reads.py?raw';
import inPlaceSource from './python/in_place.py?raw';
import scopesSource from './python/scopes.py?raw';
import supportSource from './python/support.py?raw';
import crossingSource from './python/crossing.py?raw';
import wasmSource from './python/wasm.py?raw';
import type {
  EnvironmentConfig,
  FileEntry,
  InstallResult,
  ModuleInfo,
  PackageInfo,
  PythonBridgeContract,
  VariableInfo,
} from './bridge';
import {
  EngineError,
  type ExecuteOptions,
  type ExecutionResult,
  type OutputListener,
  type ProgressListener,
  type UnifiedError,
  type VersionInfo,
} from './contract';
import type { CellRequest, CellRun, ExportInfo } from './cell-request';
import { ForeignValues, ReadsCache, runCellRequest, stepsOf } from './cell-runner';
import { filesIn } from './fetch-progress';
import { movable } from './movable';
import { movablePacked, packedValue, unpack, type PackedValue } from './packed-value';
import { EngineLifecycle } from './lifecycle';
import { readBundle } from './mime-bundle';
import { createCapabilityGuard, isWorkerScope } from './capabilities/guard';
import { confinementRefusal, type ConfinementProof } from './confinement';
import { failedRun } from './failed-run';
import { OutputCollector } from './output-collector';
import type { BoundedOutput } from './output-bounds';
import { TIERS, type Policy } from './policy';
import { readOutcome, toPlain } from './python/conversions';
import { exportPythonVariable, importPythonVariable } from './python/crossing';
import { createAuditGuard } from './python/audit-guard';
import { PolicyEnforcement } from './python/enforcement';
import { HeapLimit } from './heap-limit';
import { pyodideMemory } from './python/heap-limit';
import {
  defaultPackageBaseUrl,
  DEFAULT_PYPI_INDEX,
  isLockfile,
  packageUrlPermit,
  readVendoredManifest,
  routeLockfile,
  VENDORED_MANIFEST,
  type PackageSourceOptions,
} from './python/package-sources';
import { PythonPackages } from './python/packages';
import { StartupProgress } from './startup-progress';
import type { NeutralValue } from './value';
import { pythonWasmHost } from './python/wasm-host';
import { bootPython, snapshotKey, type SnapshotStore, type StartupReport } from './python/snapshot';
import { WasmInstances, type WasmModuleSpec } from './wasm/wasm-instances';

/** Where the engine finds Pyodide's runtime files and packages. */
export interface PythonEngineOptions extends PackageSourceOptions {
  /** URL of the folder that holds `pyodide.asm.mjs`, the wasm and the stdlib; Node needs none. */
  readonly indexURL?: string;
  /**
   * Sizes of the runtime files in `indexURL`, by file name, recorded at build time. The load
   * progress counts them into its total before they are requested, and uses them when the
   * server sends no usable Content-Length (it compresses the script and the lock file).
   */
  readonly runtimeFileBytes?: Readonly<Record<string, number>>;
  /** Where the start-up snapshot is kept (python/snapshot.ts); without one, every start is a normal one. */
  readonly snapshots?: SnapshotStore | null;
  /**
   * The worker's policy self-test (engines/confinement.ts); with one that failed, tiers without
   * the network run no user code. None under Node, where no browser policy applies.
   */
  readonly confinement?: ConfinementProof;
}

interface Loaded {
  readonly py: PyodideAPI;
  /** The support code's namespace. */
  readonly support: PyDict;
  /** `run_cell`, kept because every run calls it. */
  readonly runCell: PyCallable;
  /** The other support functions, each looked up once: a lookup makes a proxy to free. */
  readonly functions: Map<string, PyCallable>;
  readonly userGlobals: PyDict;
  readonly packages: PythonPackages;
  readonly enforcement: PolicyEnforcement;
  /** Where package installs may fetch from while user code has no network. */
  readonly baseUrl: string | null;
  readonly pypiIndexUrl: string | null;
}

const SUPPORT_FILE = '/playground/support.py';
const CROSSING_FILE = '/playground/crossing.py';
const POLICY_FILE = '/playground/policy.py';
const WASM_FILE = '/playground/wasm.py';
const SCOPES_FILE = '/playground/scopes.py';
const READS_FILE = '/playground/reads.py';
const IN_PLACE_FILE = '/playground/in_place.py';
/** The module whose namespace holds the support code, so that a restored interpreter can find it. */
const SUPPORT_MODULE = '_tars_playground';
// Kept before any user code runs, so that later policy can take fetch off the global scope.
const engineFetch: typeof fetch = globalThis.fetch.bind(globalThis);
// One guard per global scope: engines that share a scope (only in tests) share what it took.
// Names no list knows are removed in a browser worker; Node's own (under the unit tests) stay.
const capabilities = createCapabilityGuard(globalThis, { unknown: isWorkerScope(globalThis) ? 'remove' : 'keep' });

export class PythonEngine implements PythonBridgeContract {
  private readonly lifecycle = new EngineLifecycle<Loaded>('python', (onProgress) => this.start(onProgress));
  private readonly output = new OutputCollector();
  private readonly wasm = new WasmInstances();
  private report: StartupReport | null = null;
  /** Values given from another language, to find what a cell changed in place. */
  private readonly foreign = new ForeignValues();
  /** Reads of the cells run lately, by their code. */
  private readonly reads = new ReadsCache();
  private runCounter = 0;
  /** The end of the runs, policy changes and package loads queued so far. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PythonEngineOptions = {}) {}

  async init(onProgress?: ProgressListener, onOutput?: OutputListener): Promise<void> {
    if (onOutput) this.output.listen(onOutput);
    await this.loaded(onProgress);
  }

  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    const { runCell } = await this.loaded();
    const cellId = options.cellId ?? `run-${++this.runCounter}`;
    return this.run(cellId, () => runCell(code, cellId) as unknown);
  }

  runCell(request: CellRequest): Promise<CellRun> {
    const own = { describe: (names: readonly string[]) => this.describe(names), mayChange: (code: string, names: readonly string[]) => this.mayChange(code, names) };
    return runCellRequest(stepsOf(this, 'python', own), { foreign: this.foreign, reads: this.reads }, request);
  }

  /** Of the given names, those the code might change in place (in_place.py). */
  private async mayChange(code: string, names: readonly string[]): Promise<string[]> {
    const changed = await this.plainCall('may_change', code, names);
    return Array.isArray(changed) ? changed.filter((name): name is string => typeof name === 'string') : [...names];
  }

  /** Describes globals without converting them: type, bounded repr, size estimate, barrier. */
  private async describe(names: readonly string[]): Promise<ExportInfo[]> {
    const described = await this.plainCall('describe', names);
    // Python's None arrives as undefined; every field is checked on its way out.
    return (Array.isArray(described) ? described : []).flatMap((item: unknown): ExportInfo[] => {
      if (typeof item !== 'object' || item === null) return [];
      const field = (key: string): unknown => Reflect.get(item, key);
      const name = field('name');
      if (typeof name !== 'string') return [];
      const text = (key: string) => {
        const value = field(key);
        return typeof value === 'string' ? value : null;
      };
      const size = field('sizeBytes');
      return [{ name, type: text('type') ?? 'object', preview: text('preview') ?? '', sizeBytes: typeof size === 'number' ? size : 0, barrier: text('barrier') }];
    });
  }

  async executeWithVariables(code: string, variables: Readonly<Record<string, NeutralValue>>, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    for (const [name, value] of Object.entries(variables)) await this.setVariable(name, value);
    return this.execute(code, options);
  }

  async executeFile(path: string): Promise<ExecutionResult> {
    (await this.loaded()).enforcement.checkFiles();
    return this.run(path, () => this.call('run_file', path));
  }

  async evaluateExpression(expression: string): Promise<ExecutionResult> {
    const { runCell } = await this.loaded();
    const cellId = `expression-${++this.runCounter}`;
    return this.run(cellId, () => runCell(expression, cellId, true) as unknown);
  }

  async getVariable(name: string): Promise<NeutralValue | undefined> {
    const packed = await this.exportValue(name);
    return packed === undefined ? undefined : movable(unpack(packed));
  }

  setVariable(name: string, value: NeutralValue): Promise<void> {
    return this.importValue(name, packedValue(value));
  }

  async exportValue(name: string): Promise<PackedValue | undefined> {
    const { py } = await this.loaded();
    return movablePacked(exportPythonVariable(py, (fn, ...args) => this.call(fn, ...args), name));
  }

  async importValue(name: string, packed: PackedValue): Promise<void> {
    await this.loaded();
    importPythonVariable((fn, ...args) => this.call(fn, ...args), name, packed);
  }

  async analyzeReads(code: string): Promise<string[]> {
    const names = await this.plainCall('reads', code);
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  }

  async getVariables(names?: readonly string[]): Promise<VariableInfo[]> {
    return (await this.plainCall('variables', names ?? null)) as VariableInfo[];
  }

  async importModule(name: string): Promise<ModuleInfo> {
    return (await this.plainCall('module_info', name)) as ModuleInfo;
  }

  async installPackage(nameOrUrl: string): Promise<InstallResult> {
    const { packages, baseUrl, pypiIndexUrl, enforcement } = await this.loaded();
    const permits = packageUrlPermit({ indexURL: this.options.indexURL, baseUrl, pypiIndexUrl }, nameOrUrl);
    // Pyodide's loader and micropip look up the global fetch, which user code may not have;
    // the queue keeps user code from running while the engine has it back.
    return this.exclusive(() => capabilities.lend(() => enforcement.whileInstalling(() => packages.install(nameOrUrl)), permits));
  }

  async listPackages(): Promise<PackageInfo[]> {
    const { packages } = await this.loaded();
    return packages.list((await this.versionInfo()).languageVersion);
  }

  async isPackageAvailable(name: string): Promise<boolean> {
    const { packages } = await this.loaded();
    return packages.isAvailable(name);
  }

  async configureEnvironment(config: EnvironmentConfig): Promise<InstallResult> {
    await this.loaded();
    this.call('configure', config.environmentVariables ?? null, config.workingDirectory ?? null, config.pythonPath ?? null);
    const results: InstallResult[] = [];
    for (const reference of config.requiredPackages ?? []) results.push(await this.installPackage(reference));
    return {
      success: results.every((result) => result.success),
      installed: results.flatMap((result) => result.installed),
      message: results.map((result) => result.message).join('\n') || 'environment configured',
    };
  }

  async reset(): Promise<void> {
    await this.loaded();
    this.call('reset_globals');
    this.wasm.clear();
    this.foreign.clear();
  }

  async loadWasm(spec: WasmModuleSpec): Promise<void> {
    await this.loaded();
    await this.exclusive(() => {
      const instance = this.wasm.load(spec);
      this.call('bind_wasm', spec.name, pythonWasmHost(instance));
    });
  }

  takeWasmChanges(): Promise<Record<string, Uint8Array>> {
    return Promise.resolve(this.wasm.takeChanges());
  }

  confinement(): Promise<ConfinementProof | null> {
    return Promise.resolve(this.options.confinement ?? null);
  }

  startupReport(): Promise<StartupReport | null> {
    return Promise.resolve(this.report);
  }

  async setPolicy(policy: Policy): Promise<void> {
    const { enforcement } = await this.loaded();
    await this.exclusive(() => {
      enforcement.apply(policy);
    });
  }

  resetEnvironment(): Promise<void> {
    return this.reset();
  }

  async versionInfo(): Promise<VersionInfo> {
    const details = (await this.plainCall('version_details')) as Record<string, string>;
    const python = details.python ?? 'unknown';
    return {
      language: 'python',
      languageVersion: python,
      runtime: `pyodide ${pyodideVersion}`,
      platform: 'emscripten',
      details: { ...details, pyodide: pyodideVersion },
    };
  }

  getVersionInfo(): Promise<VersionInfo> {
    return this.versionInfo();
  }

  isAvailable(): Promise<boolean> {
    return Promise.resolve(!this.lifecycle.disposed && typeof WebAssembly === 'object');
  }

  async setInterruptBuffer(buffer: Int32Array | null): Promise<void> {
    const { py } = await this.loaded();
    // Pyodide checks the buffer between bytecodes and raises KeyboardInterrupt on SIGINT (2).
    if (buffer === null) py.setInterruptBuffer(new Int32Array(1));
    else py.setInterruptBuffer(buffer);
  }

  interrupt(): Promise<void> {
    // Python code waiting on the event loop is rare in cells; a running one stops by the buffer.
    return Promise.resolve();
  }

  async writeFile(path: string, data: string | Uint8Array): Promise<void> {
    (await this.loaded()).enforcement.checkFiles();
    this.call('write_file', path, data);
  }

  async readFile(path: string): Promise<Uint8Array> {
    (await this.loaded()).enforcement.checkFiles();
    const bytes = await this.plainCall('read_file', path);
    if (!(bytes instanceof Uint8Array)) throw new EngineError(`could not read ${path}`, 'python');
    return bytes;
  }

  async makeDirectory(path: string): Promise<void> {
    (await this.loaded()).enforcement.checkFiles();
    this.call('make_folder', path);
  }

  async pathKind(path: string): Promise<'file' | 'directory' | null> {
    (await this.loaded()).enforcement.checkFiles();
    const kind = await this.plainCall('path_kind', path);
    return kind === 'file' || kind === 'directory' ? kind : null;
  }

  async listFiles(path?: string): Promise<FileEntry[]> {
    (await this.loaded()).enforcement.checkFiles();
    return (await this.plainCall('list_files', path ?? null)) as FileEntry[];
  }

  dispose(): Promise<void> {
    return this.lifecycle.dispose((loaded) => {
      for (const proxy of [loaded.runCell, loaded.userGlobals, loaded.support, ...loaded.functions.values()]) proxy.destroy();
    });
  }

  private loaded(onProgress?: ProgressListener): Promise<Loaded> {
    return this.lifecycle.get(onProgress);
  }

  /**
   * Runs work once the work queued before it has ended: user code never runs while a policy
   * changes or while a package load has the network back.
   */
  private exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Runs user code through a support function, collecting its output and timing it. */
  private async run(cellId: string, start: () => unknown): Promise<ExecutionResult> {
    const { py, enforcement } = await this.loaded();
    return this.exclusive(async () => {
      // A worker that cannot prove its policy, or could not take a capability away, runs nothing.
      const refusal = confinementRefusal(enforcement.policy, this.options.confinement ?? null, 'python', cellId) ?? enforcement.refusal(cellId);
      if (refusal) return failedRun(refusal);
      const started = performance.now();
      const pastMemoryLimit = enforcement.watchRun();
      this.output.begin(cellId);
      let kept: BoundedOutput = { chunks: [], omitted: null };
      let outcome: ReturnType<typeof readOutcome>;
      try {
        // Code with top-level await returns an awaitable; any other returns its outcome at once.
        const outcomeValue: unknown = await start();
        outcome = readOutcome(py, outcomeValue, cellId);
      } catch (error) {
        // With the heap full, even reporting the error can fail; the memory limit is the cause.
        if (!pastMemoryLimit()) throw error;
        outcome = { result: null, resultText: null, errors: [], exports: [] };
      } finally {
        kept = this.output.end();
      }
      // Code may catch the MemoryError and go on; the run still asked for more than it may have.
      const errors: readonly UnifiedError[] = pastMemoryLimit() ? [enforcement.memoryError(cellId, outcome.errors[0])] : outcome.errors;
      return {
        success: errors.length === 0,
        output: kept.chunks,
        outputOmitted: kept.omitted,
        ...outcome,
        errors,
        executionTimeMs: performance.now() - started,
        memoryBytes: heapBytes(py),
      };
    });
  }

  /** Calls a support function with JavaScript arguments; the caller owns the result. */
  private call(name: string, ...args: unknown[]): unknown {
    const loaded = this.lifecycle.ready();
    if (loaded === null) throw new EngineError('the Python engine is not ready', 'python');
    const { py, support, functions } = loaded;
    let fn = functions.get(name);
    if (fn === undefined) {
      const found: unknown = support.get(name);
      if (!(found instanceof py.ffi.PyCallable)) throw new EngineError(`the support code has no ${name}`, 'python');
      fn = found;
      functions.set(name, fn);
    }
    return fn(...args) as unknown;
  }

  /** Calls a support function and converts its result to plain JavaScript values. */
  private async plainCall(name: string, ...args: unknown[]): Promise<unknown> {
    const { py } = await this.loaded();
    return toPlain(py, this.call(name, ...args));
  }

  /** Start-up in named steps: package index, runtime, streams, support code. */
  private async start(onProgress: ProgressListener): Promise<Loaded> {
    const baseUrl = this.options.packageBaseUrl === undefined ? defaultPackageBaseUrl(pyodideVersion) : this.options.packageBaseUrl;
    const { indexURL, runtimeFileBytes } = this.options;
    const progress = new StartupProgress(onProgress, indexURL === undefined || runtimeFileBytes === undefined ? {} : { expected: filesIn(indexURL, runtimeFileBytes) });
    const key = await snapshotKey(pyodideVersion, [supportSource, crossingSource, scopesSource, readsSource, inPlaceSource, policySource, wasmSource]);
    // The downloads take about a fifth of a cold start; the interpreter's start-up the rest.
    const { py, support, packageIndex, report } = await progress.whileDownloading(async () => {
      progress.enter('reading package index', 0.02);
      const index = indexURL === undefined ? null : await this.readPackageIndex(indexURL, baseUrl, progress.downloads.fetch);
      progress.enterDownload('loading runtime', { from: 0.05, to: 0.25, then: 'starting interpreter' });
      const options = {
        ...(indexURL === undefined ? {} : { indexURL }),
        ...(index === null ? {} : { lockFileContents: index.lock, packageBaseUrl: indexURL }),
        // Under Node, Pyodide fetches packages it has not cached from `cdnUrl`: the same base URL.
        ...(indexURL === undefined && baseUrl !== null ? { cdnUrl: baseUrl } : {}),
        env: { HOME: '/home/pyodide' },
      };
      const boot = await bootPython(
        {
          load: (from) => loadPyodide({ ...options, ...('snapshot' in from ? { _loadSnapshot: from.snapshot } : { _makeSnapshot: from.makeSnapshot }) }),
          install: (runtime) => {
            progress.enter('installing support code', 0.85);
            return installSupport(runtime);
          },
          reopen: (runtime) => supportNamespace(runtime),
        },
        this.options.snapshots ?? null,
        key,
      );
      return { ...boot, packageIndex: index };
    });
    this.report = report;
    progress.enter('connecting output', 0.9);
    this.connectStreams(py);
    const runCell: unknown = support.get('run_cell');
    const userGlobals: unknown = support.get('user_globals');
    if (!(runCell instanceof py.ffi.PyCallable) || !(userGlobals instanceof py.ffi.PyDict)) {
      throw new EngineError('the support code did not load', 'python');
    }
    const settings = {
      vendored: packageIndex?.vendored ?? new Set<string>(),
      baseUrl,
      pypiIndexUrl: this.options.pypiIndexUrl === undefined ? DEFAULT_PYPI_INDEX : this.options.pypiIndexUrl,
      fetch: engineFetch,
    };
    const supportCall = (name: string, ...args: unknown[]) => toPlain(py, this.call(name, ...args));
    const loaded: Loaded = {
      py,
      support,
      runCell,
      functions: new Map(),
      userGlobals,
      packages: new PythonPackages(py, settings, supportCall),
      // The guard takes hold of what it needs now, before any user code could replace it.
      enforcement: new PolicyEnforcement(new HeapLimit(pyodideMemory(py)), capabilities, supportCall, createAuditGuard(py)),
      baseUrl,
      pypiIndexUrl: settings.pypiIndexUrl,
    };
    // Ready now, so that the support code can be called while start-up finishes.
    this.lifecycle.set(loaded);
    this.connectDisplay();
    // A restored interpreter gets a new file system: the document's folder is made again.
    this.call('prepare_document_folder');
    // Before any user code runs: the engine's own loading is done, and user code starts under Standard.
    loaded.enforcement.apply(TIERS.standard);
    progress.enter('ready', 1);
    return loaded;
  }

  /** Reads the lock file and the vendored manifest, and routes packages that were not vendored. */
  private async readPackageIndex(indexURL: string, baseUrl: string | null, countedFetch: typeof fetch) {
    const [lockResponse, manifestResponse] = await Promise.all([
      countedFetch(new URL('pyodide-lock.json', indexURL)),
      engineFetch(new URL(VENDORED_MANIFEST, indexURL)).catch(() => null),
    ]);
    if (!lockResponse.ok) throw new EngineError(`the package index could not be read (${lockResponse.status})`, 'python');
    const vendored = manifestResponse?.ok ? readVendoredManifest(await manifestResponse.text()) : new Set<string>();
    const parsed: unknown = await lockResponse.json();
    if (!isLockfile(parsed)) throw new EngineError('the package index is not a Pyodide lock file', 'python');
    const lock = routeLockfile(parsed, vendored, baseUrl);
    return { lock, vendored };
  }

  /** Gives the support code's `display()` the way to the run's output. */
  private connectDisplay(): void {
    this.call('connect_display', (bundle: unknown) => {
      this.output.display(readBundle(bundle));
    });
  }

  private connectStreams(py: PyodideAPI): void {
    const stdout = new TextDecoder();
    const stderr = new TextDecoder();
    py.setStdout({
      write: (buffer: Uint8Array) => {
        this.output.write('stdout', stdout.decode(buffer, { stream: true }));
        return buffer.length;
      },
    });
    py.setStderr({
      write: (buffer: Uint8Array) => {
        this.output.write('stderr', stderr.decode(buffer, { stream: true }));
        return buffer.length;
      },
    });
  }
}

/**
 * Runs the support code in a fresh interpreter, in a module of its own that user code never
 * sees, and returns its namespace. All of it runs before the start-up snapshot is taken.
 */
function installSupport(py: PyodideAPI): PyDict {
  py.runPython(`import sys, types\nsys.modules[${JSON.stringify(SUPPORT_MODULE)}] = types.ModuleType(${JSON.stringify(SUPPORT_MODULE)})`);
  const support = moduleNamespace(py);
  py.runPython(supportSource, { globals: support, filename: SUPPORT_FILE });
  // Values in bulk across the boundary (crossing.py), the scope analysis that finds a cell's
  // reads, and the one that finds what it might change in place.
  py.runPython(crossingSource, { globals: support, filename: CROSSING_FILE });
  py.runPython(scopesSource, { globals: support, filename: SCOPES_FILE });
  py.runPython(readsSource, { globals: support, filename: READS_FILE });
  py.runPython(inPlaceSource, { globals: support, filename: IN_PLACE_FILE });
  py.runPython(policySource, { globals: support, filename: POLICY_FILE });
  py.runPython(wasmSource, { globals: support, filename: WASM_FILE });
  const remember: unknown = support.get('remember_startup_modules');
  if (!(remember instanceof py.ffi.PyCallable)) throw new EngineError('the support code did not load', 'python');
  remember();
  remember.destroy();
  return support;
}

/** The support code's namespace in an interpreter restored from a snapshot; throws when it is missing. */
function supportNamespace(py: PyodideAPI): PyDict {
  const support = moduleNamespace(py);
  if (!support.has('run_cell')) throw new EngineError('the snapshot holds no support code', 'python');
  return support;
}

function moduleNamespace(py: PyodideAPI): PyDict {
  const namespace: unknown = py.runPython(`import sys\nsys.modules[${JSON.stringify(SUPPORT_MODULE)}].__dict__`);
  if (!(namespace instanceof py.ffi.PyDict)) throw new EngineError('could not make a namespace for the support code', 'python');
  return namespace;
}

/** The wasm heap size; Pyodide keeps its module on a private field. */
function heapBytes(py: PyodideAPI): number | null {
  const module: unknown = Reflect.get(py, '_module');
  if (typeof module !== 'object' || module === null) return null;
  const heap: unknown = Reflect.get(module, 'HEAP8');
  return heap instanceof Int8Array ? heap.byteLength : null;
}
