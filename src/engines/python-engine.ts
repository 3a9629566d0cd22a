/**
 * The Python engine: Pyodide behind the engine contract. It runs in a Web Worker in the
 * browser and directly under Node in the unit tests.
 */
import { loadPyodide, type PyodideAPI } from 'pyodide';
import type { PyCallable, PyDict, PyProxy } from 'pyodide/ffi';
import supportSource from './python/support.py?raw';
import {
  EngineError,
  type EngineContract,
  type ExecuteOptions,
  type ExecutionResult,
  type OutputChunk,
  type OutputListener,
  type ProgressListener,
  type VersionInfo,
} from './contract';
import { OutputCollector } from './output-collector';
import { errorFromRecord } from './error-record';
import { fromEntries, toNeutral, ConversionError, type NeutralValue } from './value';

/** Where the engine finds Pyodide's runtime files. */
export interface PythonEngineOptions {
  /** URL of the folder that holds `pyodide.asm.mjs`, the wasm and the stdlib; Node needs none. */
  readonly indexURL?: string;
}

interface Loaded {
  readonly py: PyodideAPI;
  /** The support code's namespace. */
  readonly support: PyDict;
  /** `run_cell(code, cell_id)` from the support code. */
  readonly runCell: PyCallable;
  /** `reset_globals()` from the support code. */
  readonly resetGlobals: PyCallable;
  /** The dict user code runs in. */
  readonly userGlobals: PyDict;
}

type Lifecycle =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly done: Promise<Loaded> }
  | { readonly state: 'ready'; readonly loaded: Loaded }
  | { readonly state: 'disposed' };

const SUPPORT_FILE = '/playground/support.py';

export class PythonEngine implements EngineContract {
  private lifecycle: Lifecycle = { state: 'idle' };
  private readonly output = new OutputCollector();
  private runCounter = 0;

  constructor(private readonly options: PythonEngineOptions = {}) {}

  async init(onProgress?: ProgressListener, onOutput?: OutputListener): Promise<void> {
    if (onOutput) this.output.listen(onOutput);
    await this.loaded(onProgress);
  }

  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    const { py, runCell } = await this.loaded();
    const cellId = options.cellId ?? `run-${++this.runCounter}`;
    const started = performance.now();
    this.output.begin(cellId);
    let chunks: readonly OutputChunk[] = [];
    let outcomeValue: unknown;
    try {
      // A cell with top-level await returns an awaitable; any other returns its outcome at once.
      outcomeValue = await (runCell(code, cellId) as unknown);
    } finally {
      chunks = this.output.end();
    }
    const outcome = readOutcome(py, outcomeValue, cellId);
    return {
      success: outcome.errors.length === 0,
      output: chunks,
      result: outcome.result,
      resultText: outcome.resultText,
      errors: outcome.errors,
      exports: [],
      executionTimeMs: performance.now() - started,
      memoryBytes: heapBytes(py),
    };
  }

  async getVariable(name: string): Promise<NeutralValue | undefined> {
    const { py, userGlobals } = await this.loaded();
    if (!userGlobals.has(name)) return undefined;
    return pythonToNeutral(py, userGlobals.get(name) as unknown);
  }

  async setVariable(name: string, value: NeutralValue): Promise<void> {
    const { py, userGlobals } = await this.loaded();
    const converted: unknown = py.toPy(value);
    userGlobals.set(name, converted);
    if (converted instanceof py.ffi.PyProxy) converted.destroy();
  }

  async reset(): Promise<void> {
    const { resetGlobals } = await this.loaded();
    resetGlobals();
  }

  async versionInfo(): Promise<VersionInfo> {
    const { py } = await this.loaded();
    const pythonVersion = String(py.runPython('import platform; platform.python_version()'));
    const platform = String(py.runPython('import sys; sys.platform'));
    return { language: 'python', languageVersion: pythonVersion, runtime: `pyodide ${py.version}`, platform };
  }

  async dispose(): Promise<void> {
    const lifecycle = this.lifecycle;
    this.lifecycle = { state: 'disposed' };
    if (lifecycle.state === 'loading' || lifecycle.state === 'ready') {
      const loaded = lifecycle.state === 'ready' ? lifecycle.loaded : await lifecycle.done;
      for (const proxy of [loaded.runCell, loaded.resetGlobals, loaded.userGlobals, loaded.support]) proxy.destroy();
    }
  }

  private loaded(onProgress?: ProgressListener): Promise<Loaded> {
    const lifecycle = this.lifecycle;
    switch (lifecycle.state) {
      case 'ready':
        return Promise.resolve(lifecycle.loaded);
      case 'loading':
        return lifecycle.done;
      case 'disposed':
        return Promise.reject(new EngineError('the Python engine was disposed', 'python'));
      case 'idle': {
        const done = this.start(onProgress ?? (() => undefined));
        this.lifecycle = { state: 'loading', done };
        return done.then(
          (loaded) => {
            this.lifecycle = { state: 'ready', loaded };
            return loaded;
          },
          (error: unknown) => {
            this.lifecycle = { state: 'idle' };
            throw new EngineError(`Python could not start: ${describe(error)}`, 'python', { cause: error });
          },
        );
      }
    }
  }

  /** Start-up in named steps: runtime, streams, support code. */
  private async start(onProgress: ProgressListener): Promise<Loaded> {
    onProgress({ step: 'loading runtime', fraction: 0.05 });
    const py = await loadPyodide({
      ...(this.options.indexURL === undefined ? {} : { indexURL: this.options.indexURL }),
      env: { HOME: '/home/pyodide' },
    });
    onProgress({ step: 'connecting output', fraction: 0.85 });
    this.connectStreams(py);
    onProgress({ step: 'installing support code', fraction: 0.9 });
    // The support code gets a namespace of its own; user code never sees it.
    const support: unknown = py.toPy({});
    if (!(support instanceof py.ffi.PyDict)) throw new EngineError('could not make a namespace for the support code', 'python');
    py.runPython(supportSource, { globals: support, filename: SUPPORT_FILE });
    const loaded = {
      py,
      support,
      runCell: member(support, 'run_cell', py.ffi.PyCallable),
      resetGlobals: member(support, 'reset_globals', py.ffi.PyCallable),
      userGlobals: member(support, 'user_globals', py.ffi.PyDict),
    };
    onProgress({ step: 'ready', fraction: 1 });
    return loaded;
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

interface Outcome {
  readonly result: NeutralValue;
  readonly resultText: string | null;
  readonly errors: ExecutionResult['errors'];
}

/** Reads the dict that `run_cell` returned, converting and destroying every proxy. */
function readOutcome(py: PyodideAPI, value: unknown, cellId: string): Outcome {
  if (!(value instanceof py.ffi.PyDict)) throw new EngineError('the Python support code returned no outcome', 'python');
  try {
    const errorProxy: unknown = value.get('error');
    if (errorProxy instanceof py.ffi.PyDict) {
      const record: unknown = errorProxy.toJs({ dict_converter: Object.fromEntries });
      errorProxy.destroy();
      return { result: null, resultText: null, errors: [errorFromRecord('python', record, cellId)] };
    }
    const shown: unknown = value.get('repr');
    const resultText = typeof shown === 'string' ? shown : null;
    try {
      return { result: pythonToNeutral(py, value.get('value') as unknown), resultText, errors: [] };
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      // A value that cannot cross stays in Python; its repr is still shown.
      return { result: null, resultText, errors: [] };
    }
  } finally {
    value.destroy();
  }
}

/** Converts a value from Python to the neutral model, destroying the proxy it came in. */
function pythonToNeutral(py: PyodideAPI, value: unknown): NeutralValue {
  if (!(value instanceof py.ffi.PyProxy)) return toNeutral(value);
  try {
    return toNeutral(value.toJs({ dict_converter: fromEntries, create_pyproxies: false }));
  } catch (error) {
    if (error instanceof ConversionError) throw error;
    throw new ConversionError(`a Python ${value.type} cannot cross between languages`);
  } finally {
    value.destroy();
  }
}

/** Reads one name from the support code's namespace and checks its kind. */
function member<T extends PyProxy>(namespace: PyDict, name: string, kind: abstract new (...args: never[]) => T): T {
  const value: unknown = namespace.get(name);
  if (!(value instanceof kind)) {
    throw new EngineError(`the support code has no ${name}`, 'python');
  }
  return value;
}

/** The wasm heap size; Pyodide keeps its module on a private field. */
function heapBytes(py: PyodideAPI): number | null {
  const module: unknown = Reflect.get(py, '_module');
  if (typeof module !== 'object' || module === null) return null;
  const heap: unknown = Reflect.get(module, 'HEAP8');
  return heap instanceof Int8Array ? heap.byteLength : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
