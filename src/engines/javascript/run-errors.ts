/**
 * The errors a JavaScript run ends with when the engine, not the cell's own code, stopped it:
 * a time limit, an interrupt, a module that could not be had, the policy, the heap's limit.
 */
import type { UnifiedError } from '../contract';
import type { Policy } from '../policy';
import type { ModuleFailure } from './module-loader';

/** Why the engine stopped a run. */
export type StopReason = 'timeout' | 'interrupted';

const MB = 1024 * 1024;

/** `during` says what the engine was doing for the run when it stopped, if not running its code. */
export function stopError(reason: StopReason, cellId: string, timeoutMs: number, during?: string): UnifiedError {
  const stopped = reason === 'timeout' ? `the cell ran past its time limit of ${String(timeoutMs)} ms` : 'the cell was stopped';
  const message = during === undefined ? stopped : `${stopped} ${during}`;
  return bare(reason, reason === 'timeout' ? 'TimeoutError' : 'InterruptedError', message, cellId);
}

/** A module that was not found, or that the policy denied before anything was fetched. */
export function moduleError(failure: ModuleFailure, cellId: string): UnifiedError {
  return failure.kind === 'policy' ? bare('policy', 'PolicyError', failure.message, cellId) : bare('runtime', 'ModuleNotFoundError', failure.message, cellId);
}

/** Whether QuickJS's error is its own out-of-memory error. */
export function isOutOfMemory(error: UnifiedError): boolean {
  return error.name === 'InternalError' && error.message === 'out of memory';
}

/** QuickJS's `out of memory`, with the limit and the tier that set it; its position is kept. */
export function memoryError(error: UnifiedError, policy: Policy, limitBytes: number): UnifiedError {
  const limit = `${Math.round(limitBytes / MB)} MB`;
  return { ...error, kind: 'memory', name: 'MemoryError', message: `${error.message}: the heap may not grow past ${limit} under the ${policy.tier} policy` };
}

function bare(kind: UnifiedError['kind'], name: string, message: string, cellId: string): UnifiedError {
  return { language: 'javascript', kind, name, message, cellId, line: null, column: null, frames: [] };
}
