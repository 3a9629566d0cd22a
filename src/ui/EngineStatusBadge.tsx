import { Match, Switch } from 'solid-js';
import type { EngineHost, EngineStatus } from '../runtime/engine-host';

const LABELS = { python: 'Python', javascript: 'JavaScript' } as const;

type StatusOf<S extends EngineStatus['state']> = Extract<EngineStatus, { state: S }>;

/** One engine's lifecycle: not loaded, loading with progress, ready, busy or crashed. */
export function EngineStatusBadge(props: { host: EngineHost }) {
  const status = () => props.host.status();
  const label = () => LABELS[props.host.language];
  const loading = (): StatusOf<'loading'> | undefined => {
    const current = status();
    return current.state === 'loading' ? current : undefined;
  };
  const crashed = (): StatusOf<'crashed'> | undefined => {
    const current = status();
    return current.state === 'crashed' ? current : undefined;
  };
  return (
    <div class="engine-status" data-testid={`engine-${props.host.language}`} data-state={status().state} role="status">
      <span class="engine-name">{label()}</span>
      <Switch fallback={<span class="engine-state">{status().state === 'idle' ? 'not loaded' : status().state}</span>}>
        <Match when={loading()}>
          {(current) => (
            <>
              <progress max="1" value={current().progress.fraction} aria-label={`${label()} loading`} />
              <span class="engine-state">{current().progress.step}</span>
            </>
          )}
        </Match>
        <Match when={crashed()}>
          {(current) => (
            <span class="engine-state" title={current().message}>
              crashed
            </span>
          )}
        </Match>
      </Switch>
    </div>
  );
}
