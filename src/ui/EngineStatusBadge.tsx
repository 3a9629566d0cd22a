import { Match, Show, Switch } from 'solid-js';
import type { LoadProgress } from '../engines/contract';
import type { EngineHost, EngineStatus } from '../runtime/engine-host';
import { usePlayground } from './playground-context';
import './EngineStatusBadge.css';

const LABELS = { python: 'Python', javascript: 'JavaScript' } as const;

type StatusOf<S extends EngineStatus['state']> = Extract<EngineStatus, { state: S }>;

/** Megabytes in the powers of 1024 that formatBytes uses, with one decimal. */
function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** True while the engine's files are still arriving and their total is known. */
function downloading(progress: LoadProgress): progress is LoadProgress & { bytesTotal: number } {
  return progress.bytesTotal !== null && progress.bytesTotal > 0 && progress.bytesLoaded < progress.bytesTotal;
}

/** `3.2 / 12.9 MB` while downloading, `12.9 MB` afterwards, nothing before the first byte. */
function bytesText(progress: LoadProgress): string {
  if (downloading(progress)) return `${megabytes(progress.bytesLoaded)} / ${megabytes(progress.bytesTotal)} MB`;
  return progress.bytesLoaded > 0 ? `${megabytes(progress.bytesLoaded)} MB` : '';
}

/** Loading: a bar that follows the bytes while the files arrive, then the start-up steps. */
function LoadingProgress(props: { label: string; progress: LoadProgress }) {
  const bar = () => (downloading(props.progress) ? { value: props.progress.bytesLoaded, max: props.progress.bytesTotal } : { value: props.progress.fraction, max: 1 });
  const valueText = () => {
    const progress = props.progress;
    if (downloading(progress)) return `${megabytes(progress.bytesLoaded)} of ${megabytes(progress.bytesTotal)} MB downloaded, ${progress.step}`;
    const bytes = bytesText(progress);
    return `${progress.step}, ${String(Math.round(progress.fraction * 100))}%${bytes === '' ? '' : `, ${bytes} downloaded`}`;
  };
  return (
    <>
      <progress
        value={bar().value}
        max={bar().max}
        aria-label={`${props.label} engine loading`}
        aria-valuetext={valueText()}
        data-bytes-loaded={props.progress.bytesLoaded}
        data-bytes-total={props.progress.bytesTotal ?? ''}
      />
      {/* The bar's value text says the same to assistive technology, without a message per chunk. */}
      <Show when={bytesText(props.progress)}>
        {(bytes) => (
          <span class="engine-bytes" aria-hidden="true">
            {bytes()} ·
          </span>
        )}
      </Show>
      <span class="engine-state">{props.progress.step}</span>
    </>
  );
}

/** One engine's lifecycle: not loaded, loading with progress, ready, busy or crashed with Restart. */
export function EngineStatusBadge(props: { host: EngineHost }) {
  const { session } = usePlayground();
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
  // Through the session, so that it forgets what it had injected and records the restart.
  const restart = () => {
    void session.restartEngine(props.host.language).catch(() => undefined);
  };
  return (
    <div class="engine-status" data-testid={`engine-${props.host.language}`} data-state={status().state} role="status">
      <span class="engine-name">{label()}</span>
      <Switch fallback={<span class="engine-state">{status().state === 'idle' ? 'not loaded' : status().state}</span>}>
        <Match when={loading()}>{(current) => <LoadingProgress label={label()} progress={current().progress} />}</Match>
        <Match when={crashed()}>
          {(current) => (
            <>
              <span class="engine-state" title={current().message}>
                crashed
                <span class="engine-visually-hidden">: {current().message}</span>
              </span>
              <button
                type="button"
                class="engine-restart"
                data-testid={`restart-${props.host.language}`}
                aria-label={`Restart the ${label()} engine`}
                title={`Restart the ${label()} engine (its variables are lost)`}
                onClick={restart}
              >
                Restart
              </button>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
