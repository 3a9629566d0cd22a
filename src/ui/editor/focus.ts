/**
 * Moving the keyboard focus to a cell's code, whether its editor exists yet or the plain text
 * area still stands in for it. Each mounted CodeEditor registers itself here by cell id.
 */

/** What the registry needs of a mounted cell editor. */
export interface FocusTarget {
  /** Focuses the editor (or its stand-in, which then becomes an editor) and scrolls it into view. */
  focus(): void;
}

const targets = new Map<string, FocusTarget>();

/** Registers a cell's editor; the returned function unregisters it. */
export function registerCellEditor(cellId: string, target: FocusTarget): () => void {
  targets.set(cellId, target);
  return () => {
    // A newer editor for the same cell may have registered since; leave it alone.
    if (targets.get(cellId) === target) targets.delete(cellId);
  };
}

/** Focuses a cell's code and scrolls it into view; false when no editor of that cell is mounted. */
export function focusCellEditor(cellId: string): boolean {
  const target = targets.get(cellId);
  if (!target) return false;
  target.focus();
  return true;
}
