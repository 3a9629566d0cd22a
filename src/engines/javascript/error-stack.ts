import type { ErrorFrame, UnifiedError } from '../contract';
import { isRecord } from '../error-record';

/** `at name (file:line:column)` or, for syntax errors, `at file:line:column`. */
const FRAME = /^\s*at (?:(.+?) \((.+?):(\d+):(\d+)\)|(.+?):(\d+):(\d+))\s*$/;

/**
 * Turns a value thrown inside QuickJS (already dumped to the host) into a UnifiedError.
 * Frames of the engine's own support code are dropped; the rest are user frames.
 */
/** Maps a frame's position in the code QuickJS ran back to the cell as written. */
export type FrameMapper = (cellId: string, line: number, column: number) => { line: number; column: number };

export function errorFromStack(thrown: unknown, cellId: string, internalFile: string, mapFrame: FrameMapper = (_, line, column) => ({ line, column })): UnifiedError {
  const fields = isRecord(thrown) ? thrown : null;
  const name = typeof fields?.name === 'string' ? fields.name : 'Uncaught';
  const message = fields === null ? String(thrown) : typeof fields.message === 'string' ? fields.message : '';
  const stack = typeof fields?.stack === 'string' ? fields.stack : '';
  // QuickJS lists the innermost frame first; frames are kept outermost first, as Python does.
  const frames = stack
    .split('\n')
    .map(parseFrame)
    .filter((frame): frame is ErrorFrame => frame !== null && frame.cellId !== internalFile && !frame.cellId?.startsWith('<playground'))
    .map((frame) => (frame.cellId === null || frame.column === null ? frame : { ...frame, ...mapFrame(frame.cellId, frame.line, frame.column) }))
    .reverse();
  const innermost = [...frames].reverse().find((frame) => frame.cellId === cellId) ?? frames.at(-1);
  return {
    language: 'javascript',
    // A WASM module's memory past its cap (wasm-binding.ts) is a memory error, though not QuickJS's heap.
    kind: name === 'SyntaxError' ? 'syntax' : name === 'WasmMemoryError' ? 'memory' : 'runtime',
    name,
    message,
    cellId,
    line: innermost?.line ?? null,
    column: innermost?.column ?? null,
    frames: name === 'SyntaxError' ? [] : frames,
  };
}

function parseFrame(line: string): ErrorFrame | null {
  const match = FRAME.exec(line);
  if (!match) return null;
  const [, name, file, row, column, bareFile, bareRow, bareColumn] = match;
  return {
    name: name === undefined || name === '<eval>' ? '<cell>' : name,
    cellId: file ?? bareFile ?? null,
    line: Number(row ?? bareRow),
    column: Number(column ?? bareColumn),
  };
}
