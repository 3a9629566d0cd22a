import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/engines/contract';
import { EngineLifecycle } from '../../../src/engines/lifecycle';

describe('EngineLifecycle', () => {
  it('starts once however many callers wait, and reports progress to the first', async () => {
    let starts = 0;
    const steps: string[] = [];
    const lifecycle = new EngineLifecycle('python', (onProgress) => {
      starts++;
      onProgress({ step: 'booting', fraction: 0.5, bytesLoaded: 0, bytesTotal: null });
      return Promise.resolve({ id: starts });
    });
    const [a, b] = await Promise.all([lifecycle.get((progress) => steps.push(progress.step)), lifecycle.get()]);
    expect(a).toBe(b);
    expect(starts).toBe(1);
    expect(steps).toEqual(['booting']);
    expect(lifecycle.ready()).toEqual({ id: 1 });
  });

  it('is ready only once a listener in another thread has handled the last report', async () => {
    const handled: string[] = [];
    let answer: () => void = () => undefined;
    const lifecycle = new EngineLifecycle('javascript', (onProgress) => {
      onProgress({ step: 'downloading', fraction: 0.5, bytesLoaded: 10, bytesTotal: 20 });
      onProgress({ step: 'ready', fraction: 1, bytesLoaded: 20, bytesTotal: 20 });
      return Promise.resolve('up');
    });
    const listener = (progress: { readonly step: string }) =>
      new Promise<void>((resolve) => {
        answer = () => {
          handled.push(progress.step);
          resolve();
        };
      });
    let ready = false;
    const starting = lifecycle.get(listener).then(() => (ready = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ready).toBe(false);
    answer();
    await starting;
    expect(handled).toEqual(['ready']);
  });

  it('turns a failed start into an EngineError, and a later call tries again', async () => {
    let attempt = 0;
    const lifecycle = new EngineLifecycle('javascript', () => (++attempt === 1 ? Promise.reject(new Error('no wasm')) : Promise.resolve('up')));
    const failure = await lifecycle.get().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineError);
    expect(String(failure)).toMatch(/JavaScript could not start: no wasm/);
    await expect(lifecycle.get()).resolves.toBe('up');
  });

  it('releases what a start-up under way made when disposed, and refuses use afterwards', async () => {
    const released: string[] = [];
    let finish: (value: string) => void = () => undefined;
    const lifecycle = new EngineLifecycle('python', () => new Promise<string>((resolve) => (finish = resolve)));
    const starting = lifecycle.get();
    const disposing = lifecycle.dispose((loaded) => released.push(loaded));
    finish('runtime');
    await starting;
    await disposing;
    expect(released).toEqual(['runtime']);
    expect(lifecycle.disposed).toBe(true);
    await expect(lifecycle.get()).rejects.toThrow(/was disposed/);
  });
});
