/**
 * `setTimeout`, `setInterval`, their `clear…` twins, `queueMicrotask` and `performance.now()`
 * inside QuickJS, backed by the host's timers and clock. Each pending callback holds a duplicated handle, freed when it fires
 * for the last time, is cleared, or the context goes away.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

interface Pending {
  readonly callback: QuickJSHandle;
  readonly hostId: ReturnType<typeof setTimeout>;
  readonly repeat: boolean;
}

export interface Timers {
  /** How many timers are waiting. */
  readonly size: number;
  /** Clears every timer and frees its callback. */
  dispose(): void;
}

/**
 * Installs the timer globals in a context. Each callback runs inside `enter`, which keeps the
 * engine's deadline armed for it; `afterCallback` runs after each callback so the engine can
 * run the jobs it queued and report errors it threw.
 */
export function installTimers(
  context: QuickJSContext,
  enter: <T>(work: () => T) => T,
  afterCallback: (error: QuickJSHandle | null) => void,
): Timers {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  /** The timer whose callback is running: clearing it must not free the function mid-call. */
  let firing: number | null = null;

  const fire = (id: number) => {
    const timer = pending.get(id);
    if (!timer) return;
    if (!timer.repeat) pending.delete(id);
    firing = id;
    const result = enter(() => context.callFunction(timer.callback, context.undefined));
    firing = null;
    // Freed now if it will not fire again: a one-shot, or an interval that cleared itself.
    if (!pending.has(id)) timer.callback.dispose();
    if (result.error) afterCallback(result.error);
    else {
      result.value.dispose();
      afterCallback(null);
    }
  };

  const schedule = (repeat: boolean) => (callback: QuickJSHandle, delay?: QuickJSHandle) => {
    if (context.typeof(callback) !== 'function') throw new TypeError('the callback must be a function');
    const id = nextId++;
    const milliseconds = delay && context.typeof(delay) === 'number' ? Math.max(0, context.getNumber(delay)) : 0;
    const run = () => {
      fire(id);
    };
    const hostId = repeat ? setInterval(run, milliseconds) : setTimeout(run, milliseconds);
    pending.set(id, { callback: callback.dup(), hostId, repeat });
    return context.newNumber(id);
  };

  const clear = (idHandle?: QuickJSHandle): undefined => {
    if (!idHandle || context.typeof(idHandle) !== 'number') return undefined;
    const id = context.getNumber(idHandle);
    const timer = pending.get(id);
    if (!timer) return undefined;
    pending.delete(id);
    clearTimeout(timer.hostId);
    clearInterval(timer.hostId);
    if (firing !== id) timer.callback.dispose();
    return undefined;
  };

  const globals: [string, (...args: QuickJSHandle[]) => QuickJSHandle | undefined][] = [
    ['setTimeout', schedule(false)],
    ['setInterval', schedule(true)],
    ['clearTimeout', clear],
    ['clearInterval', clear],
  ];
  for (const [name, implementation] of globals) {
    using fn = context.newFunction(name, implementation);
    context.setProp(context.global, name, fn);
  }
  // `performance.now()` on the host's high-resolution clock, as cells measuring speed expect.
  using performance = context.newObject();
  using now = context.newFunction('now', () => context.newNumber(globalThis.performance.now()));
  context.setProp(performance, 'now', now);
  context.setProp(context.global, 'performance', performance);
  // QuickJS has its own job queue; queueMicrotask only needs to put the callback on it.
  using queueMicrotask = context.unwrapResult(
    context.evalCode('(callback) => { Promise.resolve().then(() => callback()); }', '<playground timers>'),
  );
  context.setProp(context.global, 'queueMicrotask', queueMicrotask);

  return {
    get size() {
      return pending.size;
    },
    dispose() {
      for (const timer of pending.values()) {
        clearTimeout(timer.hostId);
        clearInterval(timer.hostId);
        timer.callback.dispose();
      }
      pending.clear();
    },
  };
}
