/**
 * Lends the scope's own fetch, kept privately by the guard, to an engine task (Pyodide's
 * package loader looks up the global `fetch` each time it downloads), for the URLs the tasks
 * under way permit, until the last of them ends.
 */

/** Says whether an engine-initiated request may go to this URL (absolute, without fragment). */
export type UrlPermit = (url: string) => boolean;

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface FetchLender {
  /** Runs `task` with a guarded fetch on the scope; without `permits`, any URL is allowed. */
  lend<T>(task: () => Promise<T>, permits?: UrlPermit): Promise<T>;
  /** Forgets a fetch lent now without taking it off (the network came back whole). */
  forget(): void;
}

/** `original` gives the kept fetch, or null when there is none to lend. */
export function createFetchLender(scope: object, original: () => Fetch | null): FetchLender {
  // The permits of the lends under way; null for one that allows any URL.
  const lendings: (UrlPermit | null)[] = [];
  let lent: Fetch | null = null;

  const withdraw = () => {
    const descriptor = Reflect.getOwnPropertyDescriptor(scope, 'fetch');
    if (lent !== null && descriptor?.value === lent) Reflect.deleteProperty(scope, 'fetch');
    lent = null;
  };

  return {
    forget() {
      lent = null;
    },
    async lend<T>(task: () => Promise<T>, permits?: UrlPermit): Promise<T> {
      const permit = permits ?? null;
      lendings.push(permit);
      const base = lendings.length === 1 ? original() : null;
      if (base !== null) {
        const guarded: Fetch = (input, init) => {
          const url = urlOf(input);
          if (!lendings.some((allows) => allows === null || allows(url))) {
            return Promise.reject(new TypeError(`the network is not available to user code (${url})`));
          }
          return base(input, init);
        };
        lent = guarded;
        Reflect.defineProperty(scope, 'fetch', { value: guarded, writable: true, configurable: true, enumerable: false });
      }
      try {
        return await task();
      } finally {
        lendings.splice(lendings.indexOf(permit), 1);
        // After an allow, fetch is the scope's own again, which withdraw leaves alone.
        if (lendings.length === 0) withdraw();
      }
    },
  };
}

/** Wraps a kept fetch so that it is called on the scope, as the global lookup would call it. */
export function boundFetch(scope: object, descriptor: PropertyDescriptor): Fetch | null {
  const value: unknown = descriptor.value ?? descriptor.get?.call(scope);
  if (typeof value !== 'function') return null;
  return (input, init) => Promise.resolve(Reflect.apply(value, scope, [input, init]) as unknown).then(asResponse);
}

function asResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  throw new TypeError('fetch did not give a Response');
}

/** The absolute URL a fetch asks for, resolved the way fetch resolves it, without fragment. */
export function urlOf(input: RequestInfo | URL): string {
  const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const location: unknown = Reflect.get(globalThis, 'location');
  const base: unknown = location instanceof Object ? Reflect.get(location, 'href') : undefined;
  try {
    const url = new URL(raw, typeof base === 'string' ? base : undefined);
    url.hash = '';
    return url.href;
  } catch {
    return raw;
  }
}
