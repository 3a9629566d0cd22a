/**
 * Takes the network and storage APIs away from user code (SPEC §5). An engine's worker runs
 * user code in its own global scope, and Pyodide's `import js` hands that scope to Python, so
 * the only sure way to deny `fetch` and the rest is to take them off the global object and
 * off every object on its prototype chain. What was taken is kept here, in a closure that
 * nothing in the global scope leads to, so that the engine can still load its own packages
 * and a later policy that allows the network can put everything back as it was.
 */

/** What user code must not reach while the network is denied. */
export const NETWORK_GLOBALS: readonly string[] = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
  'BroadcastChannel',
  // Not in the seed's list, but each is a way out as well: a nested worker gets a fresh global
  // scope with its own fetch, and WebTransport opens connections.
  'Worker',
  'SharedWorker',
  'WebTransport',
];

/** Says whether an engine-initiated request may go to this URL (absolute, without fragment). */
export type UrlPermit = (url: string) => boolean;

export interface NetworkGuard {
  /** Whether the names are off the global scope now. */
  readonly denied: boolean;
  /** Takes every name off the global object and each object on its prototype chain. */
  deny(): void;
  /** Puts back what `deny` took, on the objects it took it from, as it was. */
  allow(): void;
  /**
   * Runs an engine-initiated task that needs the scope's own `fetch` (Pyodide's package
   * loader looks up the global `fetch` each time it downloads). While the network is denied,
   * a `fetch` that only asks for URLs that a task under way permits is put on the global
   * object until the last such task ends; nothing else comes back. Without `permits`, any URL
   * is allowed. The caller makes sure that no user code runs meanwhile.
   */
  lend<T>(task: () => Promise<T>, permits?: UrlPermit): Promise<T>;
}

interface Taken {
  readonly owner: object;
  readonly name: string;
  readonly descriptor: PropertyDescriptor;
}

/** A guard over `scope`, normally `globalThis`; it changes nothing until `deny` is called. */
export function createNetworkGuard(scope: object, names: readonly string[] = NETWORK_GLOBALS): NetworkGuard {
  // What the first deny took: the scope's own properties, from before any user code ran.
  // Later denies take off whatever is there without keeping it, so that allow never gives
  // back something user code put there.
  const taken: Taken[] = [];
  let recorded = false;
  let denied = false;
  // The permits of the lends under way; null for one that allows any URL.
  const lendings: (UrlPermit | null)[] = [];
  let lent: ((input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) | null = null;

  const takeAll = () => {
    for (let owner: object | null = scope; owner !== null; owner = Reflect.getPrototypeOf(owner)) {
      for (const name of names) {
        const descriptor = Reflect.getOwnPropertyDescriptor(owner, name);
        if (descriptor === undefined) continue;
        if (!recorded) taken.push({ owner, name, descriptor });
        // Failing closed: an engine that cannot take the network away must not run user code.
        if (!Reflect.deleteProperty(owner, name)) throw new Error(`${name} could not be taken off the global scope`);
      }
    }
  };

  /** The scope's own fetch as it was before `deny`, found where the global lookup found it. */
  const originalFetch = (): ((input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) | null => {
    for (let owner: object | null = scope; owner !== null; owner = Reflect.getPrototypeOf(owner)) {
      const entry = taken.find((candidate) => candidate.owner === owner && candidate.name === 'fetch');
      if (entry === undefined) continue;
      const value: unknown = entry.descriptor.value ?? entry.descriptor.get?.call(scope);
      if (typeof value !== 'function') return null;
      return (input, init) => Promise.resolve(Reflect.apply(value, scope, [input, init]) as unknown).then(asResponse);
    }
    return null;
  };

  const withdraw = () => {
    const descriptor = Reflect.getOwnPropertyDescriptor(scope, 'fetch');
    if (lent !== null && descriptor?.value === lent) Reflect.deleteProperty(scope, 'fetch');
    lent = null;
  };

  return {
    get denied() {
      return denied;
    },
    deny() {
      denied = true;
      try {
        takeAll();
      } finally {
        recorded = true;
      }
    },
    allow() {
      denied = false;
      lent = null;
      for (const { owner, name, descriptor } of taken) Reflect.defineProperty(owner, name, descriptor);
    },
    async lend<T>(task: () => Promise<T>, permits?: UrlPermit): Promise<T> {
      if (!denied) return task();
      const permit = permits ?? null;
      lendings.push(permit);
      const base = lendings.length === 1 ? originalFetch() : null;
      if (base !== null) {
        const guarded = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
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
