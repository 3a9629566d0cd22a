/**
 * The open document and its run state, as one Solid store. Cells are the document's code
 * blocks; every other block is kept as it is so that `text()` writes the document back whole.
 */
import { batch } from 'solid-js';
import { createStore, produce, unwrap } from 'solid-js/store';
import type { Language, OmittedOutput, OutputChunk, UnifiedError } from '../engines/contract';
import type { NeutralValue } from '../engines/value';
import type { BoundedOutput } from '../engines/output-bounds';
import { createLiveOutput } from './live-output';
import { openMetascript, type OpenOptions } from '../metascript/open';
import { blockSources, serializeMetascript } from '../metascript/serialize';
import type { Block, CodeBlock, CodeKind, Dialect } from '../metascript/types';

/** A cell's run state. Every kind runs: code in its engine, Markdown rendered, WASM compiled. */
export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error';

/** A cell in the store; the store's setters are the only writers. */
export interface CellState {
  id: string;
  kind: CodeKind;
  name: string | null;
  code: string;
  /** A WASM cell whose code is a `.wasm` module in base64 (`WASM name (binary) {`), not WAT. */
  binary: boolean;
  status: CellStatus;
  /** What the cell shows of its output: within SHOWN_BOUNDS, its beginning and its end. */
  output: readonly OutputChunk[];
  /** What `output` leaves out and where, or null when it is all of it. */
  omitted: OmittedOutput | null;
  /**
   * The run's output as the engine kept it (within KEPT_BOUNDS), for the download, when the
   * cell shows only part of it; null otherwise, and while the cell runs.
   */
  fullOutput: BoundedOutput | null;
  result: NeutralValue;
  resultText: string | null;
  errors: readonly UnifiedError[];
  runCount: number;
  /** Wall time of the last run, injection and collection of variables included. */
  durationMs: number | null;
  /** Wall time of every run since the document was opened. */
  totalMs: number;
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

/** The store's shape; Solid's setters need its fields writable, so only the store writes them. */
export interface NotebookState {
  items: NotebookItem[];
  cells: Record<string, CellState>;
  trusted: boolean;
  /** The dialect the document was read in; saving writes it back in the same one. */
  dialect: Dialect;
  /** `\r\n` when the loaded text's lines end in CRLF, which edited and new blocks follow. */
  lineBreak: '\n' | '\r\n';
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


export interface LoadOptions extends OpenOptions {
  readonly trusted?: boolean;
}

export interface Notebook {
  readonly state: NotebookState;
  /** The cells in document order. */
  cells(): readonly CellState[];
  /** Finds a cell by id or by name. */
  find(idOrName: string): CellState | undefined;
  /**
   * Replaces the document. Any text opens: what does not parse becomes inert blocks that keep
   * their exact text, with the error as a warning on the block.
   */
  load(text: string, options?: LoadOptions): void;
  /** The document serialized in its dialect. */
  text(): string;
  /** Each item's text as the document writes it, and the line it starts on, by item index. */
  sources(): { readonly text: string; readonly line: number }[];
  /** Adds an empty cell after the given cell, or at the end, and returns its id. */
  addCell(kind: CodeKind, afterCellId?: string): string;
  /** Removes a cell; the returned function puts it back where it was, code and output intact. */
  deleteCell(cellId: string): () => void;
  /** Swaps a cell with the nearest cell above (-1) or below (1); blocks between keep their place. */
  moveCell(cellId: string, direction: -1 | 1): void;
  /** Changes what kind of code a cell holds, keeping its code; its run state starts afresh. */
  setKind(cellId: string, kind: CodeKind): void;
  /** Sets a cell's code (typing in the editor). */
  setCode(cellId: string, code: string): void;
  /** Makes a cell a WASM cell holding a binary module, given in base64; its run state starts afresh. */
  setBinaryModule(cellId: string, base64: string): void;
  /**
   * Updates a cell's run state. Output set without `omitted` is output with nothing left out;
   * set a run's output with `shownOutput`, which bounds it.
   */
  update(cellId: string, change: (cell: CellState) => Partial<CellState>): void;
  /**
   * Appends live output to a cell at once, within SHOWN_BOUNDS, merging text into the last
   * chunk of the same stream.
   */
  appendOutput(cellId: string, chunk: OutputChunk): void;
  /** Appends live output to a cell by the next animation frame: a flood is shown at most ten times a second. */
  queueOutput(cellId: string, chunk: OutputChunk): void;
  /**
   * A run's final output as the cell shows it, to set with `update`: bounded, with the whole
   * kept for the download when it does not all show.
   */
  shownOutput(cellId: string, output: BoundedOutput): Pick<CellState, 'output' | 'omitted' | 'fullOutput'>;
  /** Marks the document trusted (the user pressed Trust and run) or not. */
  setTrusted(trusted: boolean): void;
  /** Calls the listener after every successful load of a new document. */
  onLoad(listener: () => void): void;
}

let nextCellNumber = 0;

function newCell(kind: CodeKind, name: string | null, code: string, binary = false): CellState {
  return {
    id: `cell-${++nextCellNumber}`,
    kind,
    name,
    code,
    binary,
    status: 'idle',
    output: [],
    omitted: null,
    fullOutput: null,
    result: null,
    resultText: null,
    errors: [],
    runCount: 0,
    durationMs: null,
    totalMs: 0,
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
    trusted: true,
    dialect: 'brace',
    lineBreak: '\n',
    trailingNewline: true,
  });
  // Live output goes into a bounder as it comes, and into the store in a frame, ten times a second at most.
  const live = createLiveOutput(
    (cellId) => {
      const cell = state.cells[cellId];
      return cell ? { chunks: cell.output, omitted: cell.omitted } : null;
    },
    (cellId, shown) => {
      if (state.cells[cellId]) setState('cells', cellId, { output: shown.chunks, omitted: shown.omitted });
    },
  );

  /** The text last loaded, and the items it became: while they are unedited, text() is that text. */
  let opened: { readonly text: string; readonly items: readonly NotebookItem[] } = { text: '', items: [] };

  const cells = () =>
    state.items.flatMap((item) => {
      if (item.type !== 'cell') return [];
      const cell = state.cells[item.cellId];
      return cell ? [cell] : [];
    });

  const indexOfCell = (cellId: string) => state.items.findIndex((item) => item.type === 'cell' && item.cellId === cellId);

  /**
   * The document's blocks now, one per item. Tracked reads only of what an edit changes (the
   * items array, which every change replaces, and each cell's kind, name, code and binary
   * flag); the rest is read unwrapped, so that a long document is not a subscription per block.
   * `unedited` tells that they are still what the loaded text read as.
   */
  const currentBlocks = (): { blocks: Block[]; unedited: boolean } => {
    const items = unwrap(state.items);
    let unedited = items === opened.items;
    const blocks: Block[] = [];
    for (const item of items) {
      if (item.type === 'block') {
        blocks.push(item.block);
        continue;
      }
      const cell = state.cells[item.cellId];
      if (!cell) {
        blocks.push({ type: 'trivia', text: '' });
        continue;
      }
      const { kind, name, code, binary } = cell;
      const source = item.source;
      if (source === null || source.kind !== kind || source.name !== name || source.code !== code || (source.binary === true) !== binary) unedited = false;
      // The serializer only reuses the kept source text if it still says the same thing. A
      // cell added to a Markdown metascript is written as Markdown too.
      const style = source?.style ?? (state.dialect === 'markdown' ? 'markdown' : undefined);
      blocks.push({ ...source, type: 'code', kind, name, code, binary: binary ? true : undefined, style });
    }
    return { blocks, unedited };
  };

  const documentOf = (blocks: readonly Block[]) => ({ blocks, trailingNewline: state.trailingNewline, dialect: state.dialect, ...(state.lineBreak === '\r\n' ? { lineBreak: '\r\n' as const } : {}) });

  const notebook: Notebook = {
    state,
    cells,
    find: (idOrName) => state.cells[idOrName] ?? cells().find((cell) => cell.name === idOrName),
    load(text, options = {}) {
      const document = openMetascript(text, options);
      const items: NotebookItem[] = [];
      opened = { text, items };
      const loaded: Record<string, CellState> = {};
      for (const block of document.blocks) {
        if (block.type === 'code') {
          const cell = newCell(block.kind, block.name, block.code, block.binary === true);
          loaded[cell.id] = cell;
          items.push({ type: 'cell', cellId: cell.id, source: block });
        } else {
          items.push({ type: 'block', block });
        }
      }
      // One batch, so that the load listeners run before any effect sees the new document:
      // autosave must hear "a new document" before an edit watcher hears "the text changed",
      // or it would save the new text under the old document's id.
      batch(() => {
        // `reconcile` is not wanted here: a load is a new document, so every cell is replaced.
        setState({
          items,
          cells: loaded,
          trusted: options.trusted ?? true,
          dialect: document.dialect ?? 'brace',
          lineBreak: document.lineBreak ?? '\n',
          trailingNewline: document.trailingNewline ?? true,
        });
        for (const listener of loadListeners) listener();
      });
    },
    text() {
      const { blocks, unedited } = currentBlocks();
      if (unedited) return opened.text;
      return serializeMetascript(documentOf(blocks));
    },
    sources() {
      return blockSources(documentOf(currentBlocks().blocks));
    },
    addCell(kind, afterCellId) {
      const cell = newCell(kind, null, '');
      const after = afterCellId === undefined ? -1 : indexOfCell(afterCellId);
      batch(() => {
        setState('cells', cell.id, cell);
        setState('items', (items) => {
          const item: NotebookItem = { type: 'cell', cellId: cell.id, source: null };
          return after < 0 ? [...items, item] : items.toSpliced(after + 1, 0, item);
        });
      });
      return cell.id;
    },
    deleteCell(cellId) {
      const index = indexOfCell(cellId);
      const item = state.items[index];
      const removed = state.cells[cellId];
      if (index < 0 || !item || !removed) return () => undefined;
      const kept = { ...unwrap(removed) };
      batch(() => {
        setState('items', (items) => items.toSpliced(index, 1));
        setState(
          'cells',
          produce((cells) => {
            // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- cells are keyed by id
            delete cells[cellId];
          }),
        );
      });
      return () => {
        if (state.cells[cellId]) return;
        batch(() => {
          setState('cells', cellId, kept);
          setState('items', (items) => items.toSpliced(Math.min(index, items.length), 0, item));
        });
      };
    },
    moveCell(cellId, direction) {
      const from = indexOfCell(cellId);
      if (from < 0) return;
      let to = from + direction;
      while (to >= 0 && to < state.items.length && state.items[to]?.type !== 'cell') to += direction;
      if (to < 0 || to >= state.items.length) return;
      const moving = state.items[from];
      const other = state.items[to];
      if (moving && other) setState('items', (items) => items.with(from, other).with(to, moving));
    },
    setKind(cellId, kind) {
      const cell = state.cells[cellId];
      if (!cell || cell.kind === kind) return;
      setState('cells', cellId, { ...newCell(kind, cell.name, cell.code), id: cellId });
    },
    setCode(cellId, code) {
      setState('cells', cellId, 'code', code);
    },
    setBinaryModule(cellId, base64) {
      const cell = state.cells[cellId];
      if (cell) setState('cells', cellId, { ...newCell('WASM', cell.name, base64, true), id: cellId });
    },
    update(cellId, change) {
      const cell = state.cells[cellId];
      if (!cell) return;
      const changed = change(cell);
      if ('output' in changed) {
        // What is set replaces the live output; any still on its way is of the run it replaces.
        live.forget(cellId);
        setState('cells', cellId, { omitted: null, fullOutput: null, ...changed });
      } else {
        setState('cells', cellId, changed);
      }
    },
    setTrusted(trusted) {
      setState('trusted', trusted);
    },
    onLoad(listener) {
      loadListeners.push(listener);
    },
    appendOutput(cellId, chunk) {
      live.queue(cellId, chunk);
      live.flush();
    },
    queueOutput(cellId, chunk) {
      live.queue(cellId, chunk);
    },
    shownOutput(cellId, output) {
      const shown = live.shown(cellId, output);
      return { output: shown.chunks, omitted: shown.omitted, fullOutput: shown.omitted === null ? null : output };
    },
  };
  notebook.load(initialText);
  return notebook;
}
