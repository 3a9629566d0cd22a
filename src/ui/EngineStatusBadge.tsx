import { Match, Switch } from 'solid-js';
import type { EngineHost } from '../runtime/engine-host';

const LABELS = { python: 'Python', javascript: 'JavaScript' } as const;

/** One engine's lifecycle: not loaded, loading with progress, ready, busy or crashed. */
export function EngineStatusBadge(props: { host: EngineHost }) {
  const status = () => props.host.status();
  return (
    <div class="engine-status" data-testid={`engine-${props.host.language}`} data-state={status().state} role="status">
      <span class="engine-name">{LABELS[props.host.language]}</span>
      <Switch>
        <Match when={status().state === 'idle'}>
          <span class="engine-state">not loaded</span>
        </Match>
        <Match when={(() => { const s = status(); return s.state === 'loading' ? s : null; })()}>
          {(loading) => (
            <>
              <progress max="1" value={loading().progress.fraction} aria-label={`${LABELS[props.host.language]} loading`} />
              <span class="engine-state">{loading().progress.step}</span>
            </>
          )}
        </Match>
        <Match when={status().state === 'ready'}>
          <span class="engine-state">ready</span>
        </Match>
        <Match when={status().state === 'busy'}>
          <span class="engine-state">busy</span>
        </Match>
        <Match when={(() => { const s = status(); return s.state === 'crashed' ? s : null; })()}>
          {(crashed) => (
            <span class="engine-state" title={crashed().message}>
              crashed
            </span>
          )}
        </Match>
      </Switch>
    </div>
  );
}
