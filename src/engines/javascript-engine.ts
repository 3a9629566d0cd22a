/**
 * The JavaScript engine: QuickJS (quickjs-emscripten, one sync wasm variant) behind the engine
 * contract. User code never runs in the host's own JavaScript realm.
 */
import {
  newQuickJSWASMModuleFromVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-wasmfile-release-sync';
import variantPackage from '@jitl/quickjs-wasmfile-release-sync/package.json';
import preludeSource from './javascript/prelude.js?raw';
import {
  EngineError,
  type EngineContract,
  type ExecuteOptions,
  type ExecutionResult,
  type OutputChunk,
  type OutputListener,
  type ProgressListener,
  type UnifiedError,
  type VersionInfo,
} from './contract';
import { OutputCollector } from './output-collector';
import { errorFromStack } from './javascript/error-stack';
import { callHelper, handleToNeutral, neutralToHandle } from './javascript/handles';
import { ConversionError, type NeutralValue } from './value';

/** The QuickJS release vendored in the variant (see its README). */
const QUICKJS_RELEASE = '2025-09-13';
/** Without a cap, deep recursion overflows the host's stack first and breaks the runtime. */
const MAX_STACK_BYTES = 128 * 1024;
/** Memory cap until policy tiers set their own. */
const DEFAULT_MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;
const PRELUDE_FILE = '<playground prelude>';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

interface Loaded {
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  /** The prelude's helpers: `inspect`, which formats a value as console.log does, and converters. */
  readonly helpers: QuickJSHandle;
}

type Lifecycle =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly done: Promise<Loaded> }
  | { readonly state: 'ready'; readonly loaded: Loaded }
  | { readonly state: 'disposed' };

/** Options for tests and embedders. */
export interface JavaScriptEngineOptions {
  /** Loads the QuickJS module; the default is the bundled release build. Tests pass a debug build. */
  readonly loadModule?: () => Promise<Pick<QuickJSWASMModule, 'newRuntime'>>;
}

export class JavaScriptEngine implements EngineContract {
  private lifecycle: Lifecycle = { state: 'idle' };
  private readonly output = new OutputCollector();
  private runCounter = 0;

  constructor(private readonly options: JavaScriptEngineOptions = {}) {}

  async init(onProgress?: ProgressListener, onOutput?: OutputListener): Promise<void> {
    if (onOutput) this.output.listen(onOutput);
    await this.loaded(onProgress);
  }

  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    const loaded = await this.loaded();
    const { context, runtime } = loaded;
    const cellId = options.cellId ?? `run-${++this.runCounter}`;
    const started = performance.now();
    this.output.begin(cellId);
    let chunks: readonly OutputChunk[] = [];
    let outcome: { result: NeutralValue; resultText: string | null; errors: UnifiedError[] };
    try {
      outcome = this.settle(loaded, context.evalCode(code, cellId), cellId);
    } finally {
      chunks = this.output.end();
    }
    return {
      success: outcome.errors.length === 0,
      output: chunks,
      ...outcome,
      exports: [],
      executionTimeMs: performance.now() - started,
      memoryBytes: memoryUsed(runtime, context),
    };
  }

  async getVariable(name: string): Promise<NeutralValue | undefined> {
    const { context, helpers } = await this.loaded();
    if (!IDENTIFIER.test(name)) return undefined;
    // Top-level let and const are not properties of globalThis, so read the binding by name.
    const result = context.evalCode(`typeof ${name} === 'undefined' ? undefined : ${name}`, PRELUDE_FILE);
    if (result.error) {
      result.error.dispose();
      return undefined;
    }
    using handle = result.value;
    if (context.typeof(handle) === 'undefined') return undefined;
    return handleToNeutral(context, helpers, handle);
  }

  async setVariable(name: string, value: NeutralValue): Promise<void> {
    const { context, helpers } = await this.loaded();
    using handle = neutralToHandle(context, helpers, value);
    context.setProp(context.global, name, handle);
  }

  async reset(): Promise<void> {
    const loaded = await this.loaded();
    loaded.helpers.dispose();
    loaded.context.dispose();
    const context = loaded.runtime.newContext();
    this.lifecycle = { state: 'ready', loaded: { runtime: loaded.runtime, context, helpers: this.installPrelude(context) } };
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

  async dispose(): Promise<void> {
    const lifecycle = this.lifecycle;
    this.lifecycle = { state: 'disposed' };
    if (lifecycle.state === 'loading' || lifecycle.state === 'ready') {
      const loaded = lifecycle.state === 'ready' ? lifecycle.loaded : await lifecycle.done;
      loaded.helpers.dispose();
      loaded.context.dispose();
      loaded.runtime.dispose();
    }
  }

  /** Turns an eval's outcome into a result, running queued jobs and unwrapping a settled promise. */
  private settle(
    { runtime, context, helpers }: Loaded,
    evaluated: ReturnType<QuickJSContext['evalCode']>,
    cellId: string,
  ): { result: NeutralValue; resultText: string | null; errors: UnifiedError[] } {
    const failure = (handle: QuickJSHandle) => {
      const error = errorFromStack(context.dump(handle), cellId, PRELUDE_FILE);
      handle.dispose();
      return { result: null, resultText: null, errors: [error] };
    };
    if (evaluated.error) return failure(evaluated.error);
    let value = evaluated.value;
    drainJobs(runtime);
    // A promise that has settled by now stands for its value; a pending one stays as it is.
    const state = context.getPromiseState(value);
    if (state.type === 'rejected') {
      value.dispose();
      return failure(state.error);
    }
    if (state.type === 'fulfilled' && state.notAPromise !== true) {
      value.dispose();
      value = state.value;
    }
    try {
      if (context.typeof(value) === 'undefined') return { result: null, resultText: null, errors: [] };
      const resultText = describe(context, helpers, value);
      try {
        return { result: handleToNeutral(context, helpers, value), resultText, errors: [] };
      } catch (error) {
        if (!(error instanceof ConversionError)) throw error;
        // A value that cannot cross stays in QuickJS; its text form is still shown.
        return { result: null, resultText, errors: [] };
      }
    } finally {
      value.dispose();
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
        return Promise.reject(new EngineError('the JavaScript engine was disposed', 'javascript'));
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
            const reason = error instanceof Error ? error.message : String(error);
            throw new EngineError(`JavaScript could not start: ${reason}`, 'javascript', { cause: error });
          },
        );
      }
    }
  }

  /** Start-up in named steps: wasm module, runtime limits, context and prelude. */
  private async start(onProgress: ProgressListener): Promise<Loaded> {
    onProgress({ step: 'loading runtime', fraction: 0.1 });
    const module = await (this.options.loadModule ?? (() => newQuickJSWASMModuleFromVariant(variant)))();
    onProgress({ step: 'creating context', fraction: 0.8 });
    const runtime = module.newRuntime();
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    runtime.setMemoryLimit(DEFAULT_MEMORY_LIMIT_BYTES);
    const context = runtime.newContext();
    const helpers = this.installPrelude(context);
    onProgress({ step: 'ready', fraction: 1 });
    return { runtime, context, helpers };
  }

  /** Runs the prelude in a fresh context, giving it the host's write function. */
  private installPrelude(context: QuickJSContext): QuickJSHandle {
    using install = context.unwrapResult(context.evalCode(preludeSource, PRELUDE_FILE));
    using write = context.newFunction('write', (stream, text) => {
      this.output.write(context.getString(stream) === 'stderr' ? 'stderr' : 'stdout', context.getString(text));
    });
    return context.unwrapResult(context.callFunction(install, context.undefined, write));
  }
}

function drainJobs(runtime: QuickJSRuntime): void {
  const jobs = runtime.executePendingJobs();
  // An error thrown in a job belongs to a promise the user code already holds.
  if (jobs.error) jobs.error.dispose();
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

function memoryUsed(runtime: QuickJSRuntime, context: QuickJSContext): number | null {
  using usage = runtime.computeMemoryUsage();
  using used = context.getProp(usage, 'memory_used_size');
  return context.typeof(used) === 'number' ? context.getNumber(used) : null;
}
