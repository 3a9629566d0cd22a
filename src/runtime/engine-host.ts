/**
 * The main thread's side of one engine: it spawns the worker the first time it is needed,
 * talks to it through `Remote<EngineContract>`, and tracks its lifecycle as a tagged union.
 */
import { proxy, wrap, type Remote } from 'comlink';
import { createSignal, type Accessor } from 'solid-js';
import { INTERRUPT_SIGNAL, type Interruptible } from '../engines/bridge';
import type { CellRequest, CellRun } from '../engines/cell-request';
import type {
  EngineContract,
  ExecuteOptions,
  ExecutionResult,
  Language,
  LoadProgress,
  OutputListener,
  VersionInfo,
} from '../engines/contract';

/** What the UI shows for an engine. */
export type EngineStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly progress: LoadProgress }
  | { readonly state: 'ready' }
  | { readonly state: 'busy' }
  | { readonly state: 'crashed'; readonly message: string };

/** How a stop ended: nothing was running, the run was interrupted, or the worker was replaced. */
export type StopOutcome = 'idle' | 'interrupted' | 'restarted';

/** How long an interrupted run may take to end before its worker is terminated instead. */
const INTERRUPT_GRACE_MS = 2000;
/** Pyodide now and then clears the flag without raising; raising it again fixes that. */
const INTERRUPT_REPEAT_MS = 100;

/** The last start-up: its wall time on the main thread, from spawning the worker to ready. */
export interface StartupTime {
  /** Milliseconds from spawning the worker to the engine being ready. */
  readonly ms: number;
  /** When it became ready, as a `Date.now()` timestamp. */
  readonly at: number;
}

/** What the host needs of a worker; a real `Worker` is one, and tests pass a fake. */
export type EngineWorker = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'>;

/** The worker died (crashed, failed to load, or was terminated) while a call was pending. */
export class WorkerDiedError extends Error {
  override readonly name = 'WorkerDiedError';
}

export type HostedEngine = EngineContract & Interruptible;

export interface EngineHost<C extends HostedEngine = HostedEngine> {
  readonly language: Language;
  /** The engine's lifecycle state, reactive. */
  readonly status: Accessor<EngineStatus>;
  /** The last successful start-up's time, reactive; null before the first one. */
  readonly startup: Accessor<StartupTime | null>;
  /** Starts the engine if needed and runs code; rejects with WorkerDiedError if the worker dies. */
  execute(code: string, options?: ExecuteOptions): Promise<ExecutionResult>;
  /** Runs a notebook cell in one call (engines/cell-request.ts); rejects with WorkerDiedError if the worker dies. */
  run(request: CellRequest): Promise<CellRun>;
  /** Starts the engine without running anything. */
  start(): Promise<void>;
  /** Reports the engine's versions, starting it if needed. */
  versionInfo(): Promise<VersionInfo>;
  /** Starts the engine if needed and makes one call on it, tracked as busy like a run. */
  call<T>(work: (remote: Remote<C>) => Promise<T>): Promise<T>;
  /**
   * Stops what the engine is running. With shared memory the run is interrupted and the
   * engine's state kept; otherwise, or if the run does not end, the worker is replaced.
   */
  interrupt(graceMs?: number): Promise<StopOutcome>;
  /** Terminates the worker; the next call starts a fresh one. Engine state is lost. */
  terminate(): void;
  /** The `kind` the worker in use was made as; null when none is running. */
  kind(): string | null;
  /**
   * Changes whenever a worker starts or ends (crash, stop, restart), so that whoever put
   * values into the engine can tell they may be gone.
   */
  generation(): number;
  /**
   * Terminates the worker if there is one, whatever its state, and starts a fresh one. Calls
   * pending on the old worker reject with a WorkerDiedError; engine state is lost.
   */
  restart(): Promise<void>;
}

interface Running<C extends HostedEngine> {
  readonly worker: EngineWorker;
  readonly remote: Remote<C>;
  /** The shared interrupt flag, when the page is cross-origin isolated. */
  readonly flag: Int32Array | null;
  /** Rejects when the worker dies; every call races against it. */
  readonly died: Promise<never>;
  /** Marks the worker dead, rejecting `died`. */
  readonly kill: (error: WorkerDiedError) => void;
  readonly ready: Promise<void>;
  /** True once `ready` has resolved. */
  settled: boolean;
  /** What `options.kind` said when the worker was spawned. */
  readonly kind: string;
}

export interface EngineHostOptions<C extends HostedEngine = HostedEngine> {
  /**
   * Whether to keep a spare worker started in the background once a worker has been replaced
   * (a hard restart, a crash), so that the next replacement is nearly instant. Asked each time;
   * false where memory is short.
   */
  readonly spare?: () => boolean;
  /**
   * Asked once a worker in use is ready: whether to start a spare beside it at once rather than
   * after a first replacement (Python: when it started from its snapshot, so a spare is cheap).
   */
  readonly prestart?: (remote: Remote<C>) => Promise<boolean>;
  /**
   * The kind of worker `spawn` makes now (a confined or an open one); a spare of another kind
   * is never taken into use, since a worker's policy is fixed when it is made.
   */
  readonly kind?: () => string;
}

/** Whether the device has memory for a spare engine: `navigator.deviceMemory` (GiB) of 4 or more, where it is told. */
export function hasMemoryForSpare(): boolean {
  const memory: unknown = typeof navigator === 'undefined' ? undefined : Reflect.get(navigator, 'deviceMemory');
  return typeof memory !== 'number' || memory >= 4;
}

/** Creates the host for one language; `spawn` makes a fresh worker each time one is needed. */
export function createEngineHost<C extends HostedEngine = HostedEngine>(
  language: Language,
  spawn: () => EngineWorker,
  onOutput: OutputListener,
  options: EngineHostOptions<C> = {},
): EngineHost<C> {
  const [status, setStatus] = createSignal<EngineStatus>({ state: 'idle' });
  const [startup, setStartup] = createSignal<StartupTime | null>(null);
  let running: Running<C> | null = null;
  /** A worker started ahead of need; it becomes `running` at the next replacement. */
  let spare: Running<C> | null = null;
  /** Set once a worker has been replaced, or the engine asked for one (`prestart`): from then on a spare is kept, if allowed. */
  let wantSpare = false;
  let generation = 0;
  let pending = 0;
  /** Called, synchronously, when the last pending call ends. */
  let idleWaiters: (() => void)[] = [];

  const stop = (engine: Running<C>, error: WorkerDiedError) => {
    generation += 1;
    engine.worker.terminate();
    // After terminate() a pending Comlink call never settles, so reject it here.
    engine.kill(error);
    if (running === engine) {
      running = null;
      wantSpare = true;
    }
    if (spare === engine) spare = null;
  };

  const crash = (engine: Running<C>, message: string) => {
    if (running !== engine) return;
    stop(engine, new WorkerDiedError(message));
    setStatus({ state: 'crashed', message });
  };

  /** Starts a worker; a spare one starts quietly, showing nothing until it is taken into use. */
  const launch = (asSpare = false): Running<C> => {
    if (!asSpare) generation += 1;
    const spawnedAt = performance.now();
    const kind = options.kind?.() ?? '';
    const worker = spawn();
    const remote = wrap<C>(worker);
    let kill: (error: WorkerDiedError) => void = () => undefined;
    const died = new Promise<never>((_, reject) => {
      kill = reject;
    });
    // A rejection nobody awaits yet must not surface as an unhandled one.
    died.catch(() => undefined);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      crash(engine, event.message || `the ${language} worker failed to load`);
    });
    worker.addEventListener('messageerror', () => {
      crash(engine, `the ${language} worker sent a message that could not be read`);
    });
    if (!asSpare) setStatus({ state: 'loading', progress: { step: 'starting worker', fraction: 0, bytesLoaded: 0, bytesTotal: null } });
    // Through globalThis, which Node (the unit tests) has too; it has no crossOriginIsolated.
    const flag = globalThis.crossOriginIsolated && typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;
    const ready = Promise.race([
      remote
        .init(
          proxy((progress: LoadProgress) => {
            if (running === engine && status().state === 'loading') setStatus({ state: 'loading', progress });
          }),
          proxy(onOutput),
        )
        .then(() => (flag === null ? undefined : remote.setInterruptBuffer(flag))),
      died,
    ]).then(
      () => {
        engine.settled = true;
        // A start-up that was superseded (restarted, or terminated), or a spare's, reports nothing.
        if (running !== engine) return;
        setStartup({ ms: performance.now() - spawnedAt, at: Date.now() });
        if (pending === 0) setStatus({ state: 'ready' });
        keepSpare();
        void options
          .prestart?.(remote)
          .then((wanted) => {
            if (wanted && running === engine) {
              wantSpare = true;
              keepSpare();
            }
          })
          .catch(() => undefined);
      },
      (error: unknown) => {
        if (spare === engine) stop(engine, new WorkerDiedError(`the spare ${language} worker failed to start`));
        crash(engine, error instanceof Error ? error.message : String(error));
        throw error;
      },
    );
    const engine: Running<C> = {
      worker,
      remote,
      flag,
      died,
      kill: (error) => {
        kill(error);
      },
      ready,
      settled: false,
      kind,
    };
    return engine;
  };

  /** Starts a spare when one is wanted, once the worker in use is ready, so that the two do not compete. */
  const keepSpare = () => {
    if (!wantSpare || spare !== null || options.spare?.() !== true) return;
    spare = launch(true);
    // Its failure is its own: the worker in use goes on, and no spare is kept.
    spare.ready.catch(() => undefined);
  };

  /** The spare, taken into use: it shows as the engine from now on. */
  const adoptSpare = (): Running<C> | null => {
    const taken = spare;
    if (taken === null) return null;
    if (taken.kind !== (options.kind?.() ?? '')) {
      stop(taken, new WorkerDiedError(`the spare ${language} worker was made for another policy`));
      return null;
    }
    spare = null;
    generation += 1;
    running = taken;
    if (taken.settled) {
      setStartup({ ms: 0, at: Date.now() });
      setStatus({ state: 'ready' });
      keepSpare();
    } else {
      setStatus({ state: 'loading', progress: { step: 'starting worker', fraction: 0, bytesLoaded: 0, bytesTotal: null } });
    }
    return taken;
  };

  const current = (): Running<C> => {
    running ??= adoptSpare() ?? launch();
    return running;
  };

  /** Runs one call on the worker, keeping the busy state and turning a death into a rejection. */
  const call = async <T>(work: (remote: Remote<C>) => Promise<T>): Promise<T> => {
    const engine = current();
    await engine.ready;
    // A flag left raised by a stop that raced the end of the last run must not stop this one.
    if (engine.flag && pending === 0) Atomics.store(engine.flag, 0, 0);
    pending++;
    setStatus({ state: 'busy' });
    try {
      return await Promise.race([work(engine.remote), engine.died]);
    } finally {
      pending--;
      if (pending === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const notify of waiters) notify();
        if (running === engine) setStatus({ state: 'ready' });
      }
    }
  };

  /** Resolves true when no call is pending any more, or false after the timeout. */
  const untilIdle = (timeoutMs: number, onTick: () => void): Promise<boolean> =>
    new Promise((resolve) => {
      const ticker = setInterval(onTick, INTERRUPT_REPEAT_MS);
      const timer = setTimeout(() => {
        finish(false);
      }, timeoutMs);
      const finish = (idle: boolean) => {
        clearInterval(ticker);
        clearTimeout(timer);
        resolve(idle);
      };
      idleWaiters.push(() => {
        finish(true);
      });
    });

  const interrupt = async (graceMs = INTERRUPT_GRACE_MS): Promise<StopOutcome> => {
    const engine = running;
    if (!engine || pending === 0) return 'idle';
    // A run waiting on a promise or a timer leaves the worker free to take this at once.
    void engine.remote.interrupt().catch(() => undefined);
    const { flag } = engine;
    if (flag) {
      const raise = () => {
        Atomics.store(flag, 0, INTERRUPT_SIGNAL);
      };
      raise();
      const stopped = await untilIdle(graceMs, raise);
      Atomics.store(flag, 0, 0);
      if (stopped) return 'interrupted';
    }
    // No shared memory, or code busy where the flag is never read (a loop inside C).
    stop(engine, new WorkerDiedError(`the ${language} engine was restarted to stop the run; its state was lost`));
    setStatus({ state: 'idle' });
    return 'restarted';
  };

  return {
    language,
    status,
    execute: (code, options = {}) => call((remote) => remote.execute(code, options)),
    run: (request) => call(async (remote): Promise<CellRun> => await remote.runCell(request)),
    start: () => current().ready,
    versionInfo: () => call((remote) => remote.versionInfo()),
    call,
    interrupt,
    terminate: () => {
      if (spare) stop(spare, new WorkerDiedError(`the spare ${language} worker was stopped`));
      if (!running) return;
      stop(running, new WorkerDiedError(`the ${language} engine was stopped; its state was lost`));
      setStatus({ state: 'idle' });
    },
    restart: () => {
      if (running) stop(running, new WorkerDiedError(`the ${language} engine was restarted; its state was lost`));
      return current().ready;
    },
    startup,
    kind: () => running?.kind ?? null,
    generation: () => generation,
  };
}
