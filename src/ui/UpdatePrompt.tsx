import { Show } from 'solid-js';
import { updateReady } from '../share/offline';

/** Asks to reload when a new version of the playground has been deployed and is waiting. */
export function UpdatePrompt() {
  return (
    <Show when={updateReady()}>
      {(apply) => (
        <div class="toast update-toast" role="status" data-testid="update-ready">
          A new version of the playground is ready. Your document is saved.{' '}
          <button type="button" class="primary" data-testid="update-reload" onClick={() => { apply()(); }}>
            Reload
          </button>
        </div>
      )}
    </Show>
  );
}
