/**
 * Dropping a file anywhere on the page opens it. Only drags that carry files count, so that
 * dragging text between editors is left alone.
 */

/** Whether a drag carries files (its items are only readable on drop, but their kinds are). */
export function carriesFiles(data: DataTransfer | null): boolean {
  return data !== null && Array.from(data.types).includes('Files');
}

export interface FileDropHandlers {
  /** A file drag entered the page (true) or left it or was dropped (false). */
  onDragging(dragging: boolean): void;
  /** The first dropped file. */
  onFile(file: File): void;
}

/**
 * Listens on `target` (the document) for file drags, in the capture phase so that a drop over a
 * cell's editor opens the file too; returns the function that stops listening.
 */
export function listenForFileDrops(target: Pick<Document, 'addEventListener' | 'removeEventListener'>, handlers: FileDropHandlers): () => void {
  // dragenter and dragleave fire for every element crossed; the page is left when they balance.
  let depth = 0;
  const onDragEnter = (event: DragEvent) => {
    if (!carriesFiles(event.dataTransfer)) return;
    event.preventDefault();
    depth++;
    handlers.onDragging(true);
  };
  const onDragOver = (event: DragEvent) => {
    if (!carriesFiles(event.dataTransfer)) return;
    // Without this the browser would navigate to the file instead of dropping it here.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = (event: DragEvent) => {
    if (!carriesFiles(event.dataTransfer)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) handlers.onDragging(false);
  };
  const onDrop = (event: DragEvent) => {
    if (!carriesFiles(event.dataTransfer)) return;
    // The editors would otherwise insert the file's text into a cell as well.
    event.preventDefault();
    event.stopPropagation();
    depth = 0;
    handlers.onDragging(false);
    const file = event.dataTransfer?.files[0];
    if (file) handlers.onFile(file);
  };
  target.addEventListener('dragenter', onDragEnter, true);
  target.addEventListener('dragover', onDragOver, true);
  target.addEventListener('dragleave', onDragLeave, true);
  target.addEventListener('drop', onDrop, true);
  return () => {
    target.removeEventListener('dragenter', onDragEnter, true);
    target.removeEventListener('dragover', onDragOver, true);
    target.removeEventListener('dragleave', onDragLeave, true);
    target.removeEventListener('drop', onDrop, true);
  };
}
