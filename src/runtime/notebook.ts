/**
 * The open document and its run state, as one Solid store. Cells are the document's code
 * blocks; every other block is kept as it is so that `text()` writes the document back whole.
 */
import { batch } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { Language, OutputChunk, UnifiedError } from '../engines/contract';
import type { NeutralValue } from '../engines/value';
import { parseMetascript } from '../metascript/parse';
import { serializeMetascript } from '../metascript/serialize';
import type { Block, CodeBlock, CodeKind, MetascriptSyntaxError } from '../metascript/types';

/** A cell's run state. `inert` cells (Markdown, WASM until it has an engine) never run. */
export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'inert';

/** A cell in the store; the store's setters are the only writers. */
export interface CellState {
  id: string;
  kind: CodeKind;
  name: string | null;
  code: string;
  status: CellStatus;
  output: readonly OutputChunk[];
  result: NeutralValue;
  resultText: string | null;
  errors: readonly UnifiedError[];
  runCount: number;
  /** Wall time of the last run, injection and collection of variables included. */
  durationMs: number | null;
  /** Time the engine itself spent on the last run. */
  engineMs: number | null;
  memoryBytes: number | null;
  /** Bytes of variables moved into and out of the engine for the last run. */
  bytesMoved: number;
  /** The store version of each name the cell read when it last ran. */
  readVersions: Record<string, number>;
}

/**
 * One entry of the document in order: a cell, or a block kept as written. A cell remembers the
 * block it was loaded from, so that saving writes an unedited cell back byte for byte.
 */
export type NotebookItem =
  | { readonly type: 'cell'; readonly cellId: string; readonly source: CodeBlock | null }
  | { readonly type: 'block'; readonly block: Block };

/** A document that failed to parse: the error, and the text, which is never thrown away. */
export interface LoadFailure extends MetascriptSyntaxError {
  readonly text: string;
}

/** The store's shape; Solid's setters need its fields writable, so only the store writes them. */
export interface NotebookState {
  items: NotebookItem[];
  cells: Record<string, CellState>;
  loadFailure: LoadFailure | null;
  trusted: boolean;
  /** False when the loaded text ended right after a closing brace, with no line break. */
  trailingNewline: boolean;
}

/** The language that runs a kind of cell, or null when the kind does not run. */
export function languageOf(kind: CodeKind): Language | null {
  switch (kind) {
    case 'PYTHON':
      return 'python';
    case 'JAVASCRIPT':
      return 'javascript';
    case 'WASM':
    case 'MARKDOWN':
      return null;
  }
}

/** Whether a cell does something when run: code in an engine, or Markdown rendered with variables. */
export function isRunnable(kind: CodeKind): boolean {
  switch (kind) {
    case 'PYTHON':
    case 'JAVASCRIPT':
    case 'MARKDOWN':
      return true;
    case 'WASM':
      return false;
  }
}

export interface Notebook {
  readonly state: NotebookState;
  /** The cells in document order. */
  cells(): readonly CellState[];
  /** Finds a cell by id or by name. */
  find(idOrName: string): CellState | undefined;
  /** Replaces the document; on a syntax error keeps the current cells and records the failure. */
  load(text: string, options?: { trusted?: boolean }): boolean;
  /** The document serialized as `.tars` text. */
  text(): string;
  /** Appends an empty cell and returns its id. */
  addCell(kind: CodeKind): string;
  /** Sets a cell's code (typing in the editor). */
  setCode(cellId: string, code: string): void;
  /** Updates a cell's run state. */
  update(cellId: string, change: (cell: CellState) => Partial<CellState>): void;
  /** Appends live output to a cell. */
  appendOutput(cellId: string, chunk: OutputChunk): void;
  /** Calls the listener after every successful load of a new document. */
  onLoad(listener: () => void): void;
}

let nextCellNumber = 0;

function newCell(kind: CodeKind, name: string | null, code: string): CellState {
  return {
    id: `cell-${++nextCellNumber}`,
    kind,
    name,
    code,
    status: isRunnable(kind) ? 'idle' : 'inert',
    output: [],
    result: null,
    resultText: null,
    errors: [],
    runCount: 0,
    durationMs: null,
    engineMs: null,
    memoryBytes: null,
    bytesMoved: 0,
    readVersions: {},
  };
}

export function createNotebook(initialText: string): Notebook {
  const loadListeners: (() => void)[] = [];
  const [state, setState] = createStore<NotebookState>({
    items: [],
    cells: {},
    loadFailure: null,
    trusted: true,
    trailingNewline: true,
  });

  const cells = () =>
    state.items.flatMap((item) => {
      if (item.type !== 'cell') return [];
      const cell = state.cells[item.cellId];
      return cell ? [cell] : [];
    });

  const notebook: Notebook = {
    state,
    cells,
    find: (idOrName) => state.cells[idOrName] ?? cells().find((cell) => cell.name === idOrName),
    load(text, options = {}) {
      const parsed = parseMetascript(text);
      if (!parsed.ok) {
        setState('loadFailure', { ...parsed.error, text });
        return false;
      }
      const items: NotebookItem[] = [];
      const loaded: Record<string, CellState> = {};
      for (const block of parsed.document.blocks) {
        if (block.type === 'code') {
          const cell = newCell(block.kind, block.name, block.code);
          loaded[cell.id] = cell;
          items.push({ type: 'cell', cellId: cell.id, source: block });
        } else {
          items.push({ type: 'block', block });
        }
      }
      // `reconcile` is not wanted here: a load is a new document, so every cell is replaced.
      setState({
        items,
        cells: loaded,
        loadFailure: null,
        trusted: options.trusted ?? true,
        trailingNewline: parsed.document.trailingNewline ?? true,
      });
      for (const listener of loadListeners) listener();
      return true;
    },
    text() {
      const blocks = state.items.flatMap((item): Block[] => {
        if (item.type === 'block') return [item.block];
        const cell = state.cells[item.cellId];
        if (!cell) return [];
        // The serializer only reuses the kept source text if it still says the same thing.
        return [{ ...item.source, type: 'code', kind: cell.kind, name: cell.name, code: cell.code }];
      });
      return serializeMetascript({ blocks, trailingNewline: state.trailingNewline });
    },
    addCell(kind) {
      const cell = newCell(kind, null, '');
      batch(() => {
        setState('cells', cell.id, cell);
        setState('items', (items) => [...items, { type: 'cell', cellId: cell.id, source: null }]);
      });
      return cell.id;
    },
    setCode(cellId, code) {
      setState('cells', cellId, 'code', code);
    },
    update(cellId, change) {
      const cell = state.cells[cellId];
      if (cell) setState('cells', cellId, change(cell));
    },
    onLoad(listener) {
      loadListeners.push(listener);
    },
    appendOutput(cellId, chunk) {
      const cell = state.cells[cellId];
      if (cell) setState('cells', cellId, 'output', [...cell.output, chunk]);
    },
  };
  notebook.load(initialText);
  return notebook;
}
