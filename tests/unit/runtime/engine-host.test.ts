import { expose } from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import type { ExecutionResult, LoadProgress, ProgressListener } from '../../../src/engines/contract';
import { createEngineHost, WorkerDiedError, type EngineWorker } from '../../../src/runtime/engine-host';

/** What a worker's `error` event carries that the host reads. */
class WorkerErrorEvent extends Event {
  constructor(readonly message: string) {
    super('error', { cancelable: true });
  }
}

/**
 * The engine side of a fake worker. Its `init` waits until the test lets it finish, and a run
 * of `hang` never ends, like code stuck in a loop.
 */
class FakeEngine {
  static readonly progress: LoadProgress = { step: 'loading runtime', fraction: 0.2, bytesLoaded: 1024, bytesTotal: 4096 };
  private finishInit: () => void = () => undefined;
  private readonly initDone = new Promise<void>((resolve) => {
    this.finishInit = resolve;
  });
  private globals = 0;

  constructor(autoStart: boolean) {
    if (autoStart) this.finishInit();
  }

  letStart(): void {
    this.finishInit();
  }

  async init(onProgress?: ProgressListener): Promise<void> {
    onProgress?.(FakeEngine.progress);
    await this.initDone;
  }

  execute(code: string): Promise<ExecutionResult> {
    if (code === 'hang') return new Promise<never>(() => undefined);
    this.globals += 1;
    return Promise.resolve({ success: true, output: [], outputOmitted: null, result: this.globals, resultText: String(this.globals), errors: [], exports: [], executionTimeMs: 0, memoryBytes: null });
  }

  setInterruptBuffer(): Promise<void> {
    return Promise.resolve();
  }

  interrupt(): Promise<void> {
    return Promise.resolve();
  }
}

/** A worker made of a MessageChannel, its engine exposed on the far port as the real worker does. */
class FakeWorker extends EventTarget implements EngineWorker {
  terminated = false;
  private readonly port: MessagePort;

  constructor(readonly engine: FakeEngine) {
    super();
    const { port1, port2 } = new MessageChannel();
    expose(engine, port2);
    this.port = port1;
    port1.addEventListener('message', (event) => {
      const data: unknown = event.data;
      this.dispatchEvent(new MessageEvent('message', { data }));
    });
    port1.start();
  }

  postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
    if (this.terminated) return;
    this.port.postMessage(message, Array.isArray(transfer) ? transfer : (transfer?.transfer ?? []));
  }

  /** Like a real worker: calls still pending never settle. */
  terminate(): void {
    this.terminated = true;
    this.port.close();
  }

  /** An uncaught error inside the worker. */
  crash(message: string): void {
    this.dispatchEvent(new WorkerErrorEvent(message));
  }
}

function harness(options: { autoStart?: boolean; spare?: boolean; prestart?: boolean } = {}) {
  const workers: FakeWorker[] = [];
  const host = createEngineHost('python', () => {
    const worker = new FakeWorker(new FakeEngine(options.autoStart ?? true));
    workers.push(worker);
    return worker;
  }, () => undefined, { spare: () => options.spare ?? false, prestart: () => Promise.resolve(options.prestart ?? false) });
  const worker = (index: number): FakeWorker => {
    const found = workers[index];
    if (!found) throw new Error(`no worker ${String(index)} was spawned`);
    return found;
  };
  return { host, workers, worker };
}

/** Lets messages through the channels go by. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('createEngineHost', () => {
  it('reports start-up progress with its bytes, then ready', async () => {
    const { host, worker } = harness({ autoStart: false });
    expect(host.status()).toEqual({ state: 'idle' });
    const started = host.start();
    expect(host.status()).toMatchObject({ state: 'loading', progress: { bytesLoaded: 0, bytesTotal: null } });
    await settle();
    expect(host.status()).toEqual({ state: 'loading', progress: FakeEngine.progress });
    worker(0).engine.letStart();
    await started;
    expect(host.status()).toEqual({ state: 'ready' });
  });

  it('measures the start-up on the main thread, from spawn to ready', async () => {
    const { host, worker } = harness({ autoStart: false });
    expect(host.startup()).toBeNull();
    const before = Date.now();
    const started = host.start();
    await settle();
    expect(host.startup()).toBeNull();
    worker(0).engine.letStart();
    await started;
    const startup = host.startup();
    expect(startup?.ms).toBeGreaterThan(0);
    expect(startup?.at).toBeGreaterThanOrEqual(before);
    expect(startup?.at).toBeLessThanOrEqual(Date.now());
  });

  it('restarts a ready engine with a fresh worker and a new start-up time', async () => {
    const { host, workers, worker } = harness();
    expect((await host.execute('x')).result).toBe(1);
    const first = host.startup();
    await host.restart();
    expect(workers).toHaveLength(2);
    expect(worker(0).terminated).toBe(true);
    expect(worker(1).terminated).toBe(false);
    expect(host.status()).toEqual({ state: 'ready' });
    expect(host.startup()).not.toBe(first);
    // A fresh worker: its globals start again.
    expect((await host.execute('x')).result).toBe(1);
  });

  it('keeps a spare worker after a first replacement, and a restart takes it ready', async () => {
    const { host, workers } = harness({ spare: true });
    await host.start();
    await settle();
    // No spare before anything was replaced: it would cost memory for nothing.
    expect(workers).toHaveLength(1);
    await host.restart();
    await settle();
    // The replacement is in use; once it is ready, a spare starts beside it.
    expect(workers).toHaveLength(3);
    const generation = host.generation();
    const restarted = host.restart();
    // Taken ready: no loading state, and a new generation for whoever injected values.
    expect(host.status().state).toBe('ready');
    await restarted;
    expect(host.generation()).toBeGreaterThan(generation);
    expect(workers[2]?.terminated).toBe(false);
    expect((await host.execute('1')).success).toBe(true);
    await settle();
    // And the next spare is on its way.
    expect(workers).toHaveLength(4);
    host.terminate();
    expect(workers.every((worker) => worker.terminated)).toBe(true);
  });

  it('starts a spare at once when the engine asks for one, and the first restart takes it', async () => {
    const { host, workers } = harness({ spare: true, prestart: true });
    await host.start();
    await settle();
    expect(workers).toHaveLength(2);
    const restarted = host.restart();
    expect(host.status().state).toBe('ready');
    await restarted;
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[1]?.terminated).toBe(false);
    // Where memory is short, the engine's wish is not enough.
    const short = harness({ spare: false, prestart: true });
    await short.host.start();
    await settle();
    expect(short.workers).toHaveLength(1);
  });

  it('keeps no spare where it is not allowed', async () => {
    const { host, workers } = harness({ spare: false });
    await host.start();
    await host.restart();
    await settle();
    expect(workers).toHaveLength(2);
  });

  it('restarts a crashed engine, after which code runs again', async () => {
    const { host, workers, worker } = harness();
    await host.start();
    worker(0).crash('RuntimeError: boom');
    expect(host.status()).toEqual({ state: 'crashed', message: 'RuntimeError: boom' });
    expect(worker(0).terminated).toBe(true);
    await host.restart();
    expect(workers).toHaveLength(2);
    expect(host.status()).toEqual({ state: 'ready' });
    expect((await host.execute('x')).success).toBe(true);
  });

  it('restarts a busy engine: the pending run rejects with WorkerDiedError', async () => {
    const { host, worker } = harness();
    const run = host.execute('hang');
    const failure = run.catch((error: unknown) => error);
    // The fake worker starts on timers, which a loaded machine may delay past one settle().
    await vi.waitFor(() => {
      expect(host.status()).toEqual({ state: 'busy' });
    });
    await host.restart();
    expect(await failure).toBeInstanceOf(WorkerDiedError);
    expect(worker(0).terminated).toBe(true);
    expect(host.status()).toEqual({ state: 'ready' });
    expect((await host.execute('x')).result).toBe(1);
  });

  it('starts an engine that was never loaded', async () => {
    const { host, workers } = harness();
    await host.restart();
    expect(workers).toHaveLength(1);
    expect(host.status()).toEqual({ state: 'ready' });
    expect(host.startup()).not.toBeNull();
  });

  it('restarts a start-up under way; only the new one counts', async () => {
    const { host, worker } = harness({ autoStart: false });
    const first = host.start().catch((error: unknown) => error);
    await settle();
    const second = host.restart();
    expect(await first).toBeInstanceOf(WorkerDiedError);
    worker(1).engine.letStart();
    await second;
    expect(host.status()).toEqual({ state: 'ready' });
    expect(host.startup()).not.toBeNull();
  });

  it('turns a crash during a run into a WorkerDiedError and the crashed state', async () => {
    const { host, worker } = harness();
    const run = host.execute('hang').catch((error: unknown) => error);
    await settle();
    worker(0).crash('out of memory');
    const error = await run;
    expect(error).toBeInstanceOf(WorkerDiedError);
    expect(String(error)).toContain('out of memory');
    expect(host.status()).toEqual({ state: 'crashed', message: 'out of memory' });
  });
});
