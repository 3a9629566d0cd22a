/**
 * Runs a notebook's cells: one persistent engine per language, each in its own worker and
 * started the first time one of its cells runs.
 */
import type { Language, OutputChunk, UnifiedError } from '../engines/contract';
import type { BridgeContract } from '../engines/bridge';
import { createEngineHost, type EngineHost } from './engine-host';
import { languageOf, type CellState, type Notebook } from './notebook';

/** The engine hosts, one per language, each typed with what its engine offers. */
export interface EngineHosts {
  readonly python: EngineHost<BridgeContract>;
  readonly javascript: EngineHost;
}

export interface Session {
  readonly hosts: EngineHosts;
  /** Runs one cell and returns its state afterwards. Inert cells are returned as they are. */
  runCell(cellId: string): Promise<CellState>;
  /** Runs every runnable cell in order, stopping at the first that fails. */
  runAll(): Promise<readonly CellState[]>;
}

export function createSession(notebook: Notebook, spawners: Readonly<Record<Language, () => Worker>>): Session {
  const onOutput = (chunk: OutputChunk, cellId: string | null) => {
    // Live chunks come over Comlink's callback port and the result over the worker's own, and
    // two ports keep no order between them: a chunk may land after the run's result, which
    // already holds all of its output. So live output is taken only while the cell runs.
    if (cellId !== null && notebook.state.cells[cellId]?.status === 'running') notebook.appendOutput(cellId, chunk);
  };
  const hosts: EngineHosts = {
    python: createEngineHost<BridgeContract>('python', spawners.python, onOutput),
    javascript: createEngineHost('javascript', spawners.javascript, onOutput),
  };

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
      const crash: UnifiedError = {
        language,
        kind: 'crash',
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
    const runnable = notebook.cells().filter((cell) => languageOf(cell.kind) !== null);
    for (const cell of runnable) notebook.update(cell.id, () => ({ status: 'queued' }));
    let failed = false;
    for (const cell of runnable) {
      if (failed) {
        notebook.update(cell.id, () => ({ status: 'idle' }));
        continue;
      }
      failed = (await runCell(cell.id)).status === 'error';
    }
    return notebook.cells();
  };

  return { hosts, runCell, runAll };
}
