/**
 * The one language-neutral contract every engine implements. The orchestrator talks to
 * Python, JavaScript and later engines through this interface only, so it never branches
 * on language. Everything that crosses it is structured-cloneable.
 */
import type { CellRequest, CellRun } from './cell-request';
import type { ConfinementProof } from './confinement';
import type { Policy } from './policy';
import type { NeutralValue } from './value';
import type { PackedValue } from './packed-value';
import type { WasmModuleSpec } from './wasm/wasm-instances';

/** Languages that have an engine behind this contract. */
export type Language = 'python' | 'javascript';

/** Who raised an error: an engine, or the WebAssembly compiler of a WASM cell. */
export type ErrorLanguage = Language | 'wasm';

/** Where a run's text went. */
export type StreamName = 'stdout' | 'stderr';

/** Text written to stdout or stderr. */
export interface StreamChunk {
  /** The stream the text was written to. */
  readonly stream: StreamName;
  /** The text, exactly as written (it may hold several lines or part of one). */
  readonly text: string;
}

/**
 * A Jupyter-style MIME bundle: the same thing in one or more forms, keyed by MIME type, such
 * as `text/html`, `image/svg+xml`, `image/png` or `application/json`. Every value is text:
 * images are base64 without a `data:` prefix, and `application/json` holds JSON text.
 */
export type MimeBundle = Readonly<Record<string, string>>;

/** Something a run showed with `display()`, or a rich form of its last expression. */
export interface DisplayChunk {
  /** Always `display`: tells this chunk from stream text. */
  readonly stream: 'display';
  /** The forms it can be shown in; the UI picks the richest it can render. */
  readonly data: MimeBundle;
}

/** One piece of a run's output, in the order it was written or displayed. */
export type OutputChunk = StreamChunk | DisplayChunk;

/** What kind of failure an error is; the UI and the tests switch on this. */
export type ErrorKind =
  | 'syntax'
  | 'runtime'
  | 'timeout'
  | 'memory'
  | 'policy'
  | 'interrupted'
  | 'crash'
  | 'conversion';

/** One stack frame of user code, in the cell's own coordinates. */
export interface ErrorFrame {
  /** The function's name, or `<cell>` for the cell's top level. */
  readonly name: string;
  /** 1-based line within the cell. */
  readonly line: number;
  /** 1-based column within the cell, when the engine knows it. */
  readonly column: number | null;
  /** The cell the frame's code came from; a function may be defined in an earlier cell. */
  readonly cellId: string | null;
}

/** An error in the same shape whatever language raised it (SPEC §3). */
export interface UnifiedError {
  /** The language whose engine raised it, or `wasm` for a WASM cell that did not compile. */
  readonly language: ErrorLanguage;
  /** The failure class. */
  readonly kind: ErrorKind;
  /** The language's own name for the error, such as `ZeroDivisionError` or `TypeError`. */
  readonly name: string;
  /** The message without a traceback. */
  readonly message: string;
  /** The cell that raised it, when known. */
  readonly cellId: string | null;
  /** 1-based line of the innermost user frame, or of the syntax error. */
  readonly line: number | null;
  /** 1-based column, when the engine knows it. */
  readonly column: number | null;
  /** User frames only, outermost first; never engine internals. */
  readonly frames: readonly ErrorFrame[];
}

/**
 * What was left out of a flood of output: the part between the beginning and the end that were
 * kept, counted instead of kept. Lines are counted by their line breaks.
 */
export interface OmittedOutput {
  /** Where it was: the index, in the kept chunks, of the first chunk after it. */
  readonly at: number;
  /** Line breaks in the text left out. */
  readonly lines: number;
  /** The text left out, in UTF-8 bytes. */
  readonly bytes: number;
  /** Displayed bundles left out. */
  readonly displays: number;
}

/** The outcome of running one piece of code (SPEC §3). */
export interface ExecutionResult {
  /** True when the code ran to the end without an error. */
  readonly success: boolean;
  /** stdout and stderr text and displayed bundles, in the order they were written. */
  readonly output: readonly OutputChunk[];
  /**
   * What a flood left out of `output` (src/engines/output-bounds.ts, KEPT_BOUNDS: its first and
   * last 16 MB of text are kept), or null when `output` is all that the run wrote.
   */
  readonly outputOmitted: OmittedOutput | null;
  /** The last expression's value in the neutral model, or null when there is none. */
  readonly result: NeutralValue;
  /** The language's own text form of the result (`repr` in Python), or null when there is none. */
  readonly resultText: string | null;
  /** Errors raised by the run; empty on success. */
  readonly errors: readonly UnifiedError[];
  /** Top-level names the run assigned; filled in by the variables work. */
  readonly exports: readonly string[];
  /** Wall time the engine spent on the run. */
  readonly executionTimeMs: number;
  /** The engine's heap size after the run, in bytes, when known. */
  readonly memoryBytes: number | null;
}

/** Per-run settings. */
export interface ExecuteOptions {
  /** The cell being run; used as its file name in tracebacks and echoed in errors. */
  readonly cellId?: string;
  /** How long the run may take before it is stopped with a `timeout` error. */
  readonly timeoutMs?: number;
}

/** A named start-up step and how far loading has got. */
export interface LoadProgress {
  /** A short human name of the current step, such as `starting interpreter`. */
  readonly step: string;
  /** Fraction done, from 0 to 1. */
  readonly fraction: number;
  /** Real bytes of the engine's files fetched so far (decoded), counted as they arrive. */
  readonly bytesLoaded: number;
  /** The bytes the engine's files come to in all, when known (Content-Length or build-time sizes). */
  readonly bytesTotal: number | null;
}

/** Real versions of what is running. */
export interface VersionInfo {
  /** The language. */
  readonly language: Language;
  /** The language's version, such as `3.14.2`. */
  readonly languageVersion: string;
  /** The runtime and its version, such as `pyodide 314.0.7`. */
  readonly runtime: string;
  /** Where it runs, such as `emscripten` or `wasm32`. */
  readonly platform: string;
  /** Every component's version by name, such as `{python, pyodide, emscripten}`. */
  readonly details: Readonly<Record<string, string>>;
}

/**
 * Receives start-up progress. A listener in another thread (a Comlink proxy) returns a promise
 * that settles once the report has been handled there.
 */
export type ProgressListener = (progress: LoadProgress) => unknown;

/** Receives output while a run is still going, tagged with the run's cell. */
export type OutputListener = (chunk: OutputChunk, cellId: string | null) => void;

/**
 * What every engine offers. Failures of user code are data (`success: false`);
 * failures of the engine itself reject with an `EngineError`.
 */
export interface EngineContract {
  /**
   * Loads the runtime. Progress goes to `onProgress`; output written during later runs goes
   * to `onOutput` as it happens, in addition to being collected in each `ExecutionResult`.
   * Safe to call twice: the second call waits for the first.
   */
  init(onProgress?: ProgressListener, onOutput?: OutputListener): Promise<void>;
  /** Runs code in the engine's persistent global scope. Never rejects for user errors. */
  execute(code: string, options?: ExecuteOptions): Promise<ExecutionResult>;
  /**
   * Runs a notebook cell in one call: finds its reads, sets the newer values it was sent, runs
   * it, and describes its exports without converting them (cell-request.ts).
   */
  runCell(request: CellRequest): Promise<CellRun>;
  /** Reads one global as a neutral value; undefined when it is not set. */
  getVariable(name: string): Promise<NeutralValue | undefined>;
  /** Sets one global from a neutral value. */
  setVariable(name: string, value: NeutralValue): Promise<void>;
  /**
   * Reads one global in the form its bulk road gives (packed-value.ts), for another engine;
   * undefined when it is not set.
   */
  exportValue(name: string): Promise<PackedValue | undefined>;
  /** Sets one global from a value another engine exported. */
  importValue(name: string, packed: PackedValue): Promise<void>;
  /** Gives the engine fresh globals, keeping the loaded runtime. */
  reset(): Promise<void>;
  /** Names the code reads, found statically without running it; empty when it does not parse. */
  analyzeReads(code: string): Promise<string[]>;
  /**
   * Applies a security policy (src/engines/policy.ts) to every later run: allowed imports,
   * network and storage access, and the memory limit. Engines start under Standard.
   */
  setPolicy(policy: Policy): Promise<void>;
  /** Reports the real language, runtime and platform versions. */
  versionInfo(): Promise<VersionInfo>;
  /** The worker's policy self-test, taken as it started; null where no browser policy applies (Node). */
  confinement(): Promise<ConfinementProof | null>;
  /**
   * Instantiates a WASM cell's compiled module (again, when it is already there) and binds it
   * to the global of its name, so that cells call its exports; its memory starts as
   * `spec.memory` says. Rejects with the reason when the module cannot be instantiated.
   */
  loadWasm(spec: WasmModuleSpec): Promise<void>;
  /** The memory of each WASM module that runs touched since the last call, by name; each is a copy. */
  takeWasmChanges(): Promise<Record<string, Uint8Array>>;
  /** Frees the runtime; the engine cannot be used afterwards. */
  dispose(): Promise<void>;
}

/** An engine's own failure: it could not start, or it was used after `dispose`. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    message: string,
    readonly language: Language,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
