/**
 * What the TARS DSL interpreter needs from the playground, and what it reports. The interpreter
 * (interpreter.ts) runs the blocks; the session gives it the variable store, the document's
 * folder, the run log and the time limit through a DslHost.
 */
import type { DslValue } from './expression';

/** The document's virtual folder, as Python sees it; null in a tier without a file system. */
export interface DslFiles {
  write(path: string, content: string): Promise<void>;
  /** Rejects when there is no such file. */
  read(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
  ensureDirectory(path: string): Promise<void>;
  /** The entries of a folder, by name, sorted. */
  list(path: string): Promise<string[]>;
}

/** One line of the run log, beside the block it came from. */
export interface DslLogLine {
  readonly text: string;
  /** The 1-based line of the block in the document. */
  readonly line: number;
  /** `log` from ACTION log; `note` for a block that was skipped; `error` for a failure. */
  readonly level: 'log' | 'note' | 'error';
}

export interface DslHost {
  /** A variable of the store (any language's export, or the document's), or undefined. */
  read(name: string): Promise<DslValue | undefined>;
  /** Sets a variable of the store, as the document's. */
  write(name: string, value: DslValue): void;
  log(line: DslLogLine): void;
  readonly files: DslFiles | null;
  /** Why the run must end now: Stop was pressed, or the time limit passed; else null. */
  stopReason(): 'stopped' | 'timeout' | null;
  /** The time limit, for the message when it passes. */
  readonly timeLimitMs?: number;
}

/** Documented caps, each with a clear error when passed. */
export const DSL_LIMITS = {
  /** Nested CALLs, recursion included. */
  callDepth: 200,
  /** Iterations of one FOR, FOREACH or WHILE. */
  iterations: 100_000,
} as const;

/**
 * A failure of a DSL block: its message, and the line of the block it concerns. `kind` tells
 * what TRY may catch: everything but a stop and the time limit.
 */
export class DslError extends Error {
  override readonly name = 'DslError';

  constructor(
    message: string,
    readonly line: number,
    readonly kind: 'runtime' | 'unsupported' | 'policy' | 'limit' | 'stopped' | 'timeout' = 'runtime',
  ) {
    super(message);
  }

  /** Whether a TRY block may catch it. */
  get catchable(): boolean {
    return this.kind !== 'stopped' && this.kind !== 'timeout';
  }
}
