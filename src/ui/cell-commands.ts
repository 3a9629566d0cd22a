/**
 * What the cell and engine commands do, shared by the keyboard handler and the buttons, so a
 * key and its button can never drift apart.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { Language } from '../engines/contract';
import { languageOf, type Notebook } from '../runtime/notebook';
import type { Session } from '../runtime/session';
import { focusCellEditor } from './editor/focus';

/** A deleted cell that can still be put back. */
export interface DeletedCell {
  readonly label: string;
  readonly undo: () => void;
}

export interface CellCommands {
  addBelow(cellId: string | null): void;
  remove(cellId: string): void;
  move(cellId: string, direction: -1 | 1): void;
  /** Restarts one engine, or every engine that has started when `language` is null. */
  restart(language: Language | null): Promise<void>;
  /** The last deleted cell, offered for undo until the next deletion or undo. */
  readonly deleted: Accessor<DeletedCell | null>;
  undoDelete(): void;
}

export function createCellCommands(notebook: Notebook, session: Session): CellCommands {
  const [deleted, setDeleted] = createSignal<DeletedCell | null>(null);
  const focusSoon = (cellId: string) => {
    // The cell's element is rendered by the store change; focus it once it is in the page.
    requestAnimationFrame(() => focusCellEditor(cellId));
  };
  return {
    addBelow(cellId) {
      const current = cellId === null ? undefined : notebook.find(cellId);
      const kind = current && current.kind !== 'MARKDOWN' ? current.kind : 'PYTHON';
      focusSoon(notebook.addCell(kind, current?.id));
    },
    remove(cellId) {
      const cell = notebook.find(cellId);
      if (!cell) return;
      const cells = notebook.cells();
      const index = cells.findIndex((candidate) => candidate.id === cellId);
      const neighbour = cells[index + 1] ?? cells[index - 1];
      const undo = notebook.deleteCell(cellId);
      setDeleted({ label: cell.name ?? `${cell.kind.toLowerCase()} cell`, undo });
      if (neighbour) focusSoon(neighbour.id);
    },
    move(cellId, direction) {
      notebook.moveCell(cellId, direction);
      focusSoon(cellId);
    },
    async restart(language) {
      const languages: Language[] = language === null ? ['python', 'javascript'] : [language];
      const started = languages.filter((name) => session.hosts[name].status().state !== 'idle');
      await Promise.all(started.map((name) => session.restartEngine(name)));
    },
    deleted,
    undoDelete() {
      const last = deleted();
      if (!last) return;
      last.undo();
      setDeleted(null);
    },
  };
}

/** The language of a cell, for restarting "the current cell's engine". */
export function cellLanguage(notebook: Notebook, cellId: string | null): Language | null {
  const cell = cellId === null ? undefined : notebook.find(cellId);
  return cell ? languageOf(cell.kind) : null;
}
