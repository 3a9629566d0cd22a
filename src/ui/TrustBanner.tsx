import { Show } from 'solid-js';
import { isAbove } from '../engines/policy';
import { usePlayground } from './playground-context';

/** Shown over an untrusted document (a share link, a foreign file): nothing runs until the user says so. */
export function TrustBanner() {
  const { notebook, session } = usePlayground();
  return (
    <Show when={!notebook.state.trusted}>
      <section class="trust-banner" role="region" aria-label="This document is not trusted yet" data-testid="trust-banner">
        <p>
          <strong>This document came from a link or a file, so none of it has run.</strong> Read its cells first: running them lets their code use this
          tab.
          <Show when={isAbove(session.policy.requested(), 'standard')}>
            {' '}
            It also asks for the <strong>{session.policy.requested()}</strong> tier, which you will be asked about separately.
          </Show>
        </p>
        <button type="button" class="primary" data-testid="trust-run" onClick={() => void session.trustAndRun()}>
          Trust and run
        </button>
      </section>
    </Show>
  );
}
