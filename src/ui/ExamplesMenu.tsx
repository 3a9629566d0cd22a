import { createResource, createSignal, For, Show } from 'solid-js';
import { usePlayground } from './playground-context';
import { menuDismissal } from './menu-dismissal';
import { focusCellEditor } from './editor/focus';
import { exampleUrl, parseExamplesIndex, type ExampleEntry } from './examples-index';

async function fetchIndex(): Promise<ExampleEntry[]> {
  const response = await fetch(`${import.meta.env.BASE_URL}examples/index.json`);
  if (!response.ok) throw new Error(`examples/index.json: HTTP ${String(response.status)}`);
  return parseExamplesIndex(await response.json());
}

/** The Examples menu: a disclosure button over the examples that ship in public/examples/. */
export function ExamplesMenu() {
  const { notebook } = usePlayground();
  const [open, setOpen] = createSignal(false);
  const [index] = createResource(open, fetchIndex);
  const [failure, setFailure] = createSignal<string | null>(null);
  let root: HTMLDivElement | undefined;

  const openExample = async (entry: ExampleEntry) => {
    setFailure(null);
    try {
      const response = await fetch(exampleUrl(entry.name));
      if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
      // Examples ship with the app, so they are as trusted as the app itself.
      notebook.load(await response.text(), { trusted: true });
      setOpen(false);
      const first = notebook.cells()[0];
      if (first) requestAnimationFrame(() => focusCellEditor(first.id));
    } catch (error) {
      setFailure(`Could not open ${entry.title}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const { onFocusOut, onKeyDown } = menuDismissal({ root: () => root, isOpen: open, close: () => setOpen(false), toggle: () => root?.querySelector('button') });

  return (
    <div class="menu" ref={root} onFocusOut={onFocusOut} onKeyDown={onKeyDown}>
      <button type="button" aria-expanded={open()} aria-controls="examples-list" data-testid="examples" onClick={() => setOpen(!open())}>
        Examples ▾
      </button>
      <Show when={open()}>
        <div class="menu-list" id="examples-list" role="group" aria-label="Examples">
          <Show when={!index.error} fallback={<p class="menu-note">The examples could not be listed.</p>}>
            <Show when={index()} fallback={<p class="menu-note">Loading…</p>}>
              {(entries) => (
                <For each={entries()}>
                  {(entry) => (
                    <button type="button" class="menu-item" data-example={entry.name} onClick={() => void openExample(entry)}>
                      {entry.title}
                    </button>
                  )}
                </For>
              )}
            </Show>
          </Show>
          <Show when={failure()}>{(message) => <p class="menu-note" role="alert">{message()}</p>}</Show>
        </div>
      </Show>
    </div>
  );
}
