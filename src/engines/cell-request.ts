/**
 * A cell's run as one call to its engine (SPEC §4): the engine finds the names the cell reads,
 * takes the newer values of those it was sent, runs the code and describes what it exported,
 * all in one worker round trip. Only when the cell reads a name that another language holds a
 * newer value of, and that value was not sent, does the engine answer `needs` instead of
 * running, and the session sends the call again with the value.
 */
import type { ExecutionResult } from './contract';
import type { PackedValue } from './packed-value';

/** What the session sends to run a cell. */
export interface CellRequest {
  readonly code: string;
  readonly cellId: string;
  /** How long the run may take before it is stopped with a `timeout` error. */
  readonly timeoutMs: number;
  /**
   * Names of which the engine holds an older value than the store, or none (and WASM modules it
   * lacks). A cell that reads one of them that `values` does not hold is not run: the engine
   * answers `needs`.
   */
  readonly pending: readonly string[];
  /** Newer values to set before the code runs, by name, as their origin engines packed them. */
  readonly values: Readonly<Record<string, PackedValue>>;
}

/**
 * One export described where it lives, without converting it: cheap whatever its size, since
 * the value crosses only when something asks for it.
 */
export interface ExportInfo {
  readonly name: string;
  /** The type in its own language's terms: `list`, `dict`, `NoneType`; `Array`, `Object`, `null`. */
  readonly type: string;
  /** A short text form in its own language's terms (a bounded `repr` in Python). */
  readonly preview: string;
  /** An estimate of the bytes the value takes. */
  readonly sizeBytes: number;
  /** Why it cannot cross to another language, when its type alone says so; null otherwise. */
  readonly barrier: string | null;
}

/** The engine's answer to a `CellRequest`. */
export type CellRun =
  | {
      /** The cell reads names whose newer values were not sent; nothing ran. */
      readonly kind: 'needs';
      /** Every name the cell reads. */
      readonly reads: readonly string[];
      /** The pending names it reads, whose values the engine needs. */
      readonly names: readonly string[];
    }
  | {
      readonly kind: 'ran';
      /** Every name the cell reads. */
      readonly reads: readonly string[];
      /** The names of `values` that were set; a value that could not be set fails the run. */
      readonly given: readonly string[];
      /** The run; its `exports` include names read from another language and changed in place. */
      readonly result: ExecutionResult;
      /** Each export of `result.exports`, described. */
      readonly described: readonly ExportInfo[];
      /** The memory of each WASM module the run touched, by name; each is a copy. */
      readonly wasmChanges: Readonly<Record<string, Uint8Array>>;
    };
