import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { openFile } from '../share/open-file';
import { focusCellEditor } from './editor/focus';
import { listenForFileDrops } from './file-drop';
import { usePlayground } from './playground-context';
import './FileDrop.css';

/** Opens a `.tars` or `.md` file dropped anywhere on the page, and shows where to drop while dragging. */
export function FileDrop() {
  const { notebook, setNotice } = usePlayground();
  const [dragging, setDragging] = createSignal(false);
  onMount(() => {
    const stop = listenForFileDrops(document, {
      onDragging: setDragging,
      onFile: (file) => {
        void openFile(file, { notebook, setNotice }).then((opened) => {
          const first = notebook.cells()[0];
          if (opened && first) requestAnimationFrame(() => focusCellEditor(first.id));
        });
      },
    });
    onCleanup(stop);
  });
  return (
    <Show when={dragging()}>
      <div class="file-drop" data-testid="drop-hint" aria-hidden="true">
        <p>Drop a .tars or .md file to open it</p>
      </div>
    </Show>
  );
}
