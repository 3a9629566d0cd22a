import type { UnifiedError } from '../../engines/contract';

/**
 * The 1-based lines of a cell to mark as failing, from the errors its last run raised: every
 * user frame that points into this cell (the call site as well as the line that raised), or,
 * for an error without frames such as a syntax error, the error's own line. Frames in other
 * cells are left out: their lines number another cell's code. Sorted, without repeats.
 */
export function errorLinesOf(errors: readonly UnifiedError[], cellId: string): number[] {
  const lines = new Set<number>();
  for (const error of errors) {
    for (const frame of error.frames) {
      if (frame.cellId === cellId && frame.line > 0) lines.add(frame.line);
    }
    if (error.frames.length === 0 && error.cellId === cellId && error.line !== null) lines.add(error.line);
  }
  return [...lines].sort((a, b) => a - b);
}
