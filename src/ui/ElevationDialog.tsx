import { createEffect } from 'solid-js';
import { usePlayground } from './playground-context';

/** Asks the user before a document runs under a tier above Standard, whether its CONFIG or the policy menu asks. */
export function ElevationDialog() {
  const { session } = usePlayground();
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    const pending = session.policy.pending();
    if (!dialog) return;
    if (pending && !dialog.open) dialog.showModal();
    if (!pending && dialog.open) dialog.close();
  });
  // Esc or closing the dialog any other way is a refusal: the safer answer.
  const onClose = () => {
    if (session.policy.pending()) session.policy.answer('denied');
  };
  return (
    <dialog ref={dialog} class="key-help elevation" aria-labelledby="elevation-title" data-testid="elevation-dialog" onClose={onClose}>
      <h2 id="elevation-title">Allow the {session.policy.pending()?.tier ?? ''} tier?</h2>
      <p>
        {session.policy.pending()?.source === 'menu' ? 'You chose to run this document' : "This document's CONFIG asks to run"} under the{' '}
        <strong>{session.policy.pending()?.tier}</strong> tier: {session.policy.pending()?.allows}. Its code could then reach the network from this tab.
      </p>
      <p>If you refuse, it runs under the standard tier, and whatever needs more fails with a policy error.</p>
      <div class="dialog-actions">
        <button type="button" data-testid="elevation-deny" autofocus onClick={() => { session.policy.answer('denied'); }}>
          Run under standard
        </button>
        <button type="button" class="primary" data-testid="elevation-allow" onClick={() => { session.policy.answer('granted'); }}>
          Allow {session.policy.pending()?.tier}
        </button>
      </div>
    </dialog>
  );
}
