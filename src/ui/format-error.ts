import type { UnifiedError } from '../engines/contract';

/** What a traceback needs to know of a cell. */
export interface CellSource {
  /** How the cell is named in a traceback, such as `cell "area"`. */
  readonly label: string;
  readonly code: string;
}

/**
 * Formats an error the way its language would print it, from user frames only, with each
 * frame's source line taken from the cell that defined it.
 */
export function formatError(error: UnifiedError, lookup: (cellId: string) => CellSource | undefined): string {
  const sourceLine = (cellId: string | null, line: number | null) => {
    if (cellId === null || line === null) return undefined;
    return lookup(cellId)?.code.split('\n')[line - 1]?.trim();
  };
  const label = (cellId: string | null) => (cellId === null ? 'cell ?' : (lookup(cellId)?.label ?? `cell ${cellId}`));
  const heading = error.message === '' ? error.name : `${error.name}: ${error.message}`;
  if (error.language === 'python') {
    const lines = error.frames.length > 0 ? ['Traceback (most recent call last):'] : [];
    for (const frame of error.frames) {
      lines.push(`  ${label(frame.cellId)}, line ${frame.line}, in ${frame.name}`);
      const source = sourceLine(frame.cellId, frame.line);
      if (source) lines.push(`    ${source}`);
    }
    if (error.kind === 'syntax' && error.line !== null) {
      lines.push(`  ${label(error.cellId)}, line ${error.line}`);
      const source = sourceLine(error.cellId, error.line);
      if (source) lines.push(`    ${source}`);
    }
    lines.push(heading);
    return lines.join('\n');
  }
  const lines = [heading];
  const frames = error.kind === 'syntax' && error.line !== null ? [{ name: '<cell>', cellId: error.cellId, line: error.line, column: error.column }] : [...error.frames].reverse();
  for (const frame of frames) {
    const column = frame.column === null ? '' : `:${frame.column}`;
    lines.push(`    at ${frame.name} (${label(frame.cellId)}, line ${frame.line}${column})`);
  }
  return lines.join('\n');
}
