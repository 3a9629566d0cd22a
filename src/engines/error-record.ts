import type { ErrorFrame, ErrorKind, Language, UnifiedError } from './contract';

/** The plain shape an engine's guest-side code reports an error in, before it is checked. */
export type ErrorRecord = Record<string, unknown>;

const KINDS: readonly ErrorKind[] = ['syntax', 'runtime', 'timeout', 'memory', 'policy', 'interrupted', 'crash', 'conversion'];

/** Checks an error record that came from guest code and turns it into a UnifiedError. */
export function errorFromRecord(language: Language, record: unknown, cellId: string | null): UnifiedError {
  const fields = isRecord(record) ? record : {};
  const kind = KINDS.find((candidate) => candidate === fields.kind) ?? 'runtime';
  const frames = Array.isArray(fields.frames) ? fields.frames.filter(isRecord).map(frameFromRecord) : [];
  return {
    language,
    kind,
    name: typeof fields.name === 'string' ? fields.name : 'Error',
    message: typeof fields.message === 'string' ? fields.message : '',
    cellId,
    line: positiveOrNull(fields.line),
    column: positiveOrNull(fields.column),
    frames,
  };
}

function frameFromRecord(record: Record<string, unknown>): ErrorFrame {
  return {
    name: typeof record.name === 'string' ? record.name : '<anonymous>',
    line: positiveOrNull(record.line) ?? 0,
    column: positiveOrNull(record.column),
    cellId: typeof record.cellId === 'string' ? record.cellId : null,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
