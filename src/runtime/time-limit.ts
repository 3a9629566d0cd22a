/**
 * One time limit for everything a cell's run asks of its engine (SPEC §5): the run itself and
 * the reading of its exports, where a getter, a `__repr__` or an `__iter__` of the user's runs
 * too. An engine keeps its own deadline; this watch is the main thread's backstop for code that
 * never looks at one (a getter looping inside host formatting, a loop inside C). Past the limit
 * and a short grace it interrupts the engine, and if the engine has not stopped soon after, its
 * worker is replaced, so a cell is never running long past its limit.
 */
import type { ExecutionResult, Language, UnifiedError } from '../engines/contract';
import { failedRun } from '../engines/failed-run';
import type { StopOutcome } from './engine-host';

/** Extra time past the limit for an engine that keeps its own deadline to stop by itself. */
export const TIMEOUT_GRACE_MS = 250;
/** How long an interrupted engine may take to stop before its worker is replaced. */
export const TIMEOUT_INTERRUPT_GRACE_MS = 500;

export interface TimeLimitWatch {
  /** Whether the limit has passed and the engine was told to stop. */
  timedOut(): boolean;
  /** Stops watching; call it once the run and its exports are done. */
  clear(): void;
}

export interface TimeLimitOptions {
  readonly limitMs: number;
  /** Stops the engine: interrupts it, or replaces its worker after `graceMs`. */
  readonly interrupt: (graceMs: number) => Promise<StopOutcome>;
  /** Told how the stop ended, once it has. */
  readonly onStopped: (outcome: StopOutcome) => void;
}

export function watchTimeLimit({ limitMs, interrupt, onStopped }: TimeLimitOptions): TimeLimitWatch {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void interrupt(TIMEOUT_INTERRUPT_GRACE_MS).then(onStopped);
  }, limitMs + TIMEOUT_GRACE_MS);
  return {
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer);
    },
  };
}

/** The message of a run stopped at its limit; it names the limit the run really had. */
export function limitMessage(limitMs: number): string {
  return `the cell ran past its time limit of ${String(limitMs)} ms`;
}

/**
 * A run that was stopped at its limit, reported as a timeout rather than an interrupt; when the
 * stop came while its exports were read, the run itself may have ended well, and gets the error.
 */
export function asTimedOut(result: ExecutionResult, language: Language, cellId: string, limitMs: number): ExecutionResult {
  const message = limitMessage(limitMs);
  const errors = result.errors.map((error) => (error.kind === 'interrupted' || error.kind === 'timeout' ? { ...error, kind: 'timeout' as const, message } : error));
  const timedOut = errors.some((error) => error.kind === 'timeout') ? errors : [...errors, timeoutError(language, cellId, `${message} while its exports were read`)];
  return { ...result, success: false, errors: timedOut };
}

/** The whole result of a run whose worker was replaced to stop it at its limit. */
export function lostToTimeout(language: Language, cellId: string, limitMs: number): ExecutionResult {
  const error = timeoutError(language, cellId, `${limitMessage(limitMs)}; the engine was restarted and its state was lost`);
  return failedRun(error, limitMs);
}

function timeoutError(language: Language, cellId: string, message: string): UnifiedError {
  return { language, kind: 'timeout', name: 'TimeoutError', message, cellId, line: null, column: null, frames: [] };
}
