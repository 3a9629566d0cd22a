/**
 * An engine's lifecycle as a tagged union, shared by every engine: idle, loading (one start-up
 * that every caller waits on), ready, or disposed.
 */
import { EngineError, type Language, type ProgressListener } from './contract';

type State<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly done: Promise<T> }
  | { readonly state: 'ready'; readonly loaded: T }
  | { readonly state: 'disposed' };

export class EngineLifecycle<T> {
  private current: State<T> = { state: 'idle' };

  constructor(
    private readonly language: Language,
    private readonly start: (onProgress: ProgressListener) => Promise<T>,
  ) {}

  /** The loaded runtime, starting it on first use; a failed start can be tried again. */
  get(onProgress?: ProgressListener): Promise<T> {
    const current = this.current;
    switch (current.state) {
      case 'ready':
        return Promise.resolve(current.loaded);
      case 'loading':
        return current.done;
      case 'disposed':
        return Promise.reject(new EngineError(`the ${this.language} engine was disposed`, this.language));
      case 'idle': {
        const delivery = new ProgressDelivery(onProgress);
        // Ready only once the last report has been handled: reports and the answer to init()
        // travel by different message ports, so the answer could otherwise overtake them.
        const done = this.start(delivery.listener).then(async (loaded) => {
          await delivery.delivered();
          return loaded;
        });
        const loading = { state: 'loading', done } as const;
        this.current = loading;
        // A dispose() during start-up wins: the state only moves on from this same start.
        return done.then(
          (loaded) => {
            if (this.current === loading) this.current = { state: 'ready', loaded };
            return loaded;
          },
          (error: unknown) => {
            if (this.current === loading) this.current = { state: 'idle' };
            const reason = error instanceof Error ? error.message : String(error);
            throw new EngineError(`${this.language === 'python' ? 'Python' : 'JavaScript'} could not start: ${reason}`, this.language, { cause: error });
          },
        );
      }
    }
  }

  /** The runtime if it is ready, else null; start-up code may mark it ready early. */
  ready(): T | null {
    return this.current.state === 'ready' ? this.current.loaded : null;
  }

  /** Marks the runtime ready, or replaces it (after a reset that made a new context). */
  set(loaded: T): void {
    this.current = { state: 'ready', loaded };
  }

  get disposed(): boolean {
    return this.current.state === 'disposed';
  }

  /** Disposes for good, waiting for a start-up under way, and releases what it made. */
  async dispose(release: (loaded: T) => void): Promise<void> {
    const current = this.current;
    this.current = { state: 'disposed' };
    if (current.state === 'ready') release(current.loaded);
    if (current.state === 'loading') release(await current.done);
  }
}

/** Passes reports on, and remembers the last one a listener in another thread still handles. */
class ProgressDelivery {
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly onProgress?: ProgressListener) {}

  readonly listener: ProgressListener = (progress) => {
    const handled: unknown = this.onProgress?.(progress);
    // A listener that fails to take a report does not hold start-up back.
    if (handled instanceof Promise) {
      const reply: Promise<unknown> = handled;
      this.last = reply.then(
        () => undefined,
        () => undefined,
      );
    }
  };

  /** Resolves once the last report is handled; one port delivers in order, so every earlier one is too. */
  delivered(): Promise<void> {
    return this.last;
  }
}
