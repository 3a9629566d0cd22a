/**
 * Runs a notebook's cells: one persistent engine per language, each in its own worker and
 * started the first time one of its cells runs.
 */
import type { Language, OutputChunk, UnifiedError } from '../engines/contract';
import type { JavaScriptBridgeContract, PythonBridgeContract } from '../engines/bridge';
import { createEngineHost, WorkerDiedError, type EngineHost } from './engine-host';
import { languageOf, type CellState, type Notebook } from './notebook';

/** The engine hosts, one per language, each typed with what its engine offers. */
export interface EngineHosts {
  readonly python: EngineHost<PythonBridgeContract>;
  readonly javascript: EngineHost<JavaScriptBridgeContract>;
}

export interface Session {
  readonly hosts: EngineHosts;
  /** Runs one cell and returns its state afterwards. Inert cells are returned as they are. */
  runCell(cellId: string): Promise<CellState>;
  /** Runs every runnable cell in order, stopping at the first that fails. */
  runAll(): Promise<readonly CellState[]>;
  /** Stops the running cell in every engine and cancels the rest of a Run all. */
  stop(): Promise<void>;
}

export function createSession(notebook: Notebook, spawners: Readonly<Record<Language, () => Worker>>): Session {
  const onOutput = (chunk: OutputChunk, cellId: string | null) => {
    // Live chunks come over Comlink's callback port and the result over the worker's own, and
    // two ports keep no order between them: a chunk may land after the run's result, which
    // already holds all of its output. So live output is taken only while the cell runs.
    if (cellId !== null && notebook.state.cells[cellId]?.status === 'running') notebook.appendOutput(cellId, chunk);
  };
  const hosts: EngineHosts = {
    python: createEngineHost<PythonBridgeContract>('python', spawners.python, onOutput),
    javascript: createEngineHost<JavaScriptBridgeContract>('javascript', spawners.javascript, onOutput),
  };

  /** Set by stop(); a Run all checks it between cells, after awaits the compiler cannot see into. */
  let stopRequested = false;
  const stopping = () => stopRequested;

  const runCell = async (cellId: string): Promise<CellState> => {
    const cell = notebook.state.cells[cellId];
    if (!cell) throw new Error(`there is no cell ${cellId}`);
    const language = languageOf(cell.kind);
    if (language === null) return cell;
    notebook.update(cellId, () => ({ status: 'running', output: [], errors: [], result: null, resultText: null }));
    try {
      const result = await hosts[language].execute(cell.code, { cellId });
      notebook.update(cellId, (current) => ({
        status: result.success ? 'done' : 'error',
        output: result.output,
        result: result.result,
        resultText: result.resultText,
        errors: result.errors,
        runCount: current.runCount + 1,
        durationMs: result.executionTimeMs,
        memoryBytes: result.memoryBytes,
      }));
    } catch (error) {
      // A worker replaced to honour a stop is an interruption the user asked for, not a crash.
      const stopped = stopRequested && error instanceof WorkerDiedError;
      const crash: UnifiedError = {
        language,
        kind: stopped ? 'interrupted' : 'crash',
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
        cellId,
        line: null,
        column: null,
        frames: [],
      };
      notebook.update(cellId, (current) => ({ status: 'error', errors: [crash], runCount: current.runCount + 1 }));
    }
    return notebook.state.cells[cellId] ?? cell;
  };

  const runAll = async (): Promise<readonly CellState[]> => {
    stopRequested = false;
    const runnable = notebook.cells().filter((cell) => languageOf(cell.kind) !== null);
    for (const cell of runnable) notebook.update(cell.id, () => ({ status: 'queued' }));
    let failed = false;
    for (const cell of runnable) {
      if (failed || stopping()) {
        notebook.update(cell.id, () => ({ status: 'idle' }));
        continue;
      }
      failed = (await runCell(cell.id)).status === 'error';
    }
    return notebook.cells();
  };

  const stop = async (): Promise<void> => {
    stopRequested = true;
    await Promise.all([hosts.python.interrupt(), hosts.javascript.interrupt()]);
  };

  return {
    hosts,
    runCell: (cellId) => {
      stopRequested = false;
      return runCell(cellId);
    },
    runAll,
    stop,
  };
}
