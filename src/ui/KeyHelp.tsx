import { createEffect, For } from 'solid-js';
import { KEY_BINDINGS } from './key-bindings';

/** The keyboard help overlay: a modal dialog listing every key, from the same table the keys use. */
export function KeyHelp(props: { open: boolean; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="key-help" aria-labelledby="key-help-title" data-testid="key-help" onClose={() => { props.onClose(); }}>
      <h2 id="key-help-title">Keyboard shortcuts</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          <For each={KEY_BINDINGS}>
            {(binding) => (
              <tr>
                <td>
                  <kbd>{binding.keys}</kbd>
                </td>
                <td>{binding.description}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p class="key-help-note">Tab and Shift+Tab move between the editors and the buttons; in an editor, Tab does not indent.</p>
      <form method="dialog">
        <button type="submit" autofocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
