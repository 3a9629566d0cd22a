/**
 * The result of a run that ended in one error before the engine produced anything: a refusal,
 * a value that could not be given, a run lost to its time limit.
 */
import type { ExecutionResult, UnifiedError } from './contract';

export function failedRun(error: UnifiedError, executionTimeMs = 0): ExecutionResult {
  return { success: false, output: [], outputOmitted: null, result: null, resultText: null, errors: [error], exports: [], executionTimeMs, memoryBytes: null };
}
