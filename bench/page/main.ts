/**
 * The bare baselines, measured in this page: engines in plain workers, a Comlink call and a
 * postMessage echo with nothing behind them, and DOM work of the size of a large document.
 * bench/run.js drives it through `window.bench`.
 */
import { wrap, type Remote } from 'comlink';
import type { EngineReply, EngineRequest } from './worker-protocol';

type BareEngine = 'python' | 'quickjs' | 'v8';

interface ComlinkNoop {
  noop(): void;
}

export interface BenchPage {
  /** Creates a bare engine worker and starts it; wall time from `new Worker` to ready, in ms. */
  start(engine: 'python' | 'quickjs', indexURL: string): Promise<number>;
  /** Runs a program in a started bare engine (or V8): the time inside the worker, and its value. */
  run(engine: BareEngine, source: string, n: number): Promise<EngineReply>;
  /** Latency of a bare interrupt: from setting the shared flag to the worker's answer, in ms. */
  interrupt(engine: 'python' | 'quickjs'): Promise<number>;
  /** `count` bare Comlink calls, each one's time in ms. */
  comlinkCalls(count: number): Promise<number[]>;
  /** `count` bare postMessage round trips of a small message, each one's time in ms. */
  echoes(count: number): Promise<number[]>;
  /** Round trips of `globalThis.payload` through a plain worker: two structured clones each. */
  payloadRoundTrips(count: number): Promise<number[]>;
  /** Adds `count` code blocks to the page as plain <pre> elements and waits for the paint, in ms. */
  plainDocument(count: number, code: string): Promise<number>;
  /** Shows `text` in one `<pre>` and waits for the paint: the floor under opening a document of that text. */
  plainText(text: string): Promise<number>;
}

const workers = new Map<BareEngine, Worker>();
const WORKER_URLS: Record<BareEngine, () => Worker> = {
  python: () => new Worker(new URL('./bare-python.worker.ts', import.meta.url), { type: 'module' }),
  quickjs: () => new Worker(new URL('./bare-quickjs.worker.ts', import.meta.url), { type: 'module' }),
  v8: () => new Worker(new URL('./v8.worker.ts', import.meta.url), { type: 'module' }),
};

function ask(worker: Worker, request: EngineRequest): Promise<EngineReply> {
  return new Promise((resolve) => {
    worker.onmessage = (event: MessageEvent<EngineReply>) => {
      resolve(event.data);
    };
    worker.postMessage(request);
  });
}

function workerFor(engine: BareEngine): Worker {
  let worker = workers.get(engine);
  if (!worker) {
    worker = WORKER_URLS[engine]();
    workers.set(engine, worker);
  }
  return worker;
}

const painted = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => {
      setTimeout(resolve, 0);
    });
  });

let echo: Worker | null = null;
let comlink: Remote<ComlinkNoop> | null = null;

async function timedEach(count: number, once: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  return times;
}

function echoOnce(worker: Worker, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    worker.onmessage = (event: MessageEvent<unknown>) => {
      resolve(event.data);
    };
    worker.postMessage(message);
  });
}

const bench: BenchPage = {
  async start(engine, indexURL) {
    const started = performance.now();
    const reply = await ask(workerFor(engine), { type: 'start', indexURL });
    if (reply.error) throw new Error(reply.error);
    return performance.now() - started;
  },
  async run(engine, source, n) {
    return ask(workerFor(engine), { type: 'run', source, n });
  },
  async interrupt(engine) {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const spinning = ask(workerFor(engine), { type: 'spin', flag });
    // Let the loop get going, as a user's Stop comes well after the start.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    Atomics.store(flag, 0, 2);
    // Pyodide sometimes clears the flag without raising (ENGINE-FACTS.md): raise it again until the loop ends.
    const again = setInterval(() => {
      Atomics.store(flag, 0, 2);
    }, 100);
    await spinning;
    clearInterval(again);
    return performance.now() - started;
  },
  async comlinkCalls(count) {
    comlink ??= wrap<ComlinkNoop>(new Worker(new URL('./comlink.worker.ts', import.meta.url), { type: 'module' }));
    const remote = comlink;
    await remote.noop();
    return timedEach(count, () => remote.noop());
  },
  async echoes(count) {
    echo ??= new Worker(new URL('./echo.worker.ts', import.meta.url), { type: 'module' });
    const worker = echo;
    await echoOnce(worker, 'warm up');
    return timedEach(count, () => echoOnce(worker, { type: 'ping' }));
  },
  async payloadRoundTrips(count) {
    echo ??= new Worker(new URL('./echo.worker.ts', import.meta.url), { type: 'module' });
    const worker = echo;
    const payload: unknown = Reflect.get(globalThis, 'payload');
    return timedEach(count, () => echoOnce(worker, payload));
  },
  async plainText(text) {
    const started = performance.now();
    const block = document.createElement('pre');
    block.textContent = text;
    document.body.append(block);
    await painted();
    const elapsed = performance.now() - started;
    block.remove();
    return elapsed;
  },
  async plainDocument(count, code) {
    const started = performance.now();
    const root = document.createElement('main');
    for (let index = 0; index < count; index++) {
      const block = document.createElement('pre');
      block.textContent = code;
      root.append(block);
    }
    document.body.append(root);
    await painted();
    const elapsed = performance.now() - started;
    root.remove();
    return elapsed;
  },
};

declare global {
  interface Window {
    bench: BenchPage;
  }
}
window.bench = bench;
