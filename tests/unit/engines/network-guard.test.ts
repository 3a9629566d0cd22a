import { describe, expect, it } from 'vitest';
import { createNetworkGuard, NETWORK_GLOBALS, urlOf } from '../../../src/engines/network-guard';

/**
 * A stand-in for a worker's global scope: the scope itself, a prototype like
 * DedicatedWorkerGlobalScope.prototype and one like WorkerGlobalScope.prototype, with the
 * network names spread over all three, as data properties and as accessors.
 */
function fakeScope() {
  const asked: { url: string; self: unknown }[] = [];
  function scopeFetch(this: unknown, input: unknown): Promise<Response> {
    asked.push({ url: typeof input === 'string' ? input : 'not a string', self: this });
    return Promise.resolve(new Response('fetched'));
  }
  // Stand-ins for constructors: only their identity matters.
  const FakeXhr = { stands: 'XMLHttpRequest' };
  const outer = { BroadcastChannel: { stands: 'BroadcastChannel' }, fetch: scopeFetch, keep: 'outer' };
  const inner = Object.defineProperties(
    {},
    {
      indexedDB: { get: () => 'database', configurable: true, enumerable: true },
      WebSocket: { value: { stands: 'WebSocket' }, writable: true, configurable: true },
    },
  );
  Reflect.setPrototypeOf(inner, outer);
  const scope: Record<string, unknown> = Object.defineProperties(
    {},
    {
      fetch: { value: scopeFetch, writable: true, configurable: true },
      XMLHttpRequest: { value: FakeXhr, writable: true, configurable: true },
      caches: { value: 'cache storage', writable: true, configurable: true },
      importScripts: { value: () => undefined, writable: true, configurable: true },
      keep: { value: 'own', writable: true, configurable: true },
    },
  );
  Reflect.setPrototypeOf(scope, inner);
  return { scope, inner, outer, asked, scopeFetch, FakeXhr };
}

/** Every property with one of the network names, on the scope and its prototypes. */
function reachable(scope: object): string[] {
  const found: string[] = [];
  for (let owner: object | null = scope; owner !== null; owner = Reflect.getPrototypeOf(owner)) {
    for (const name of NETWORK_GLOBALS) if (Object.prototype.hasOwnProperty.call(owner, name)) found.push(name);
  }
  return found;
}

describe('createNetworkGuard', () => {
  it('lists the seed policy\'s names', () => {
    expect(NETWORK_GLOBALS).toEqual(
      expect.arrayContaining(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches', 'BroadcastChannel']),
    );
  });

  it('changes nothing until it denies', () => {
    const { scope } = fakeScope();
    const guard = createNetworkGuard(scope);
    expect(guard.denied).toBe(false);
    expect(reachable(scope).sort()).toEqual(['BroadcastChannel', 'WebSocket', 'XMLHttpRequest', 'caches', 'fetch', 'fetch', 'importScripts', 'indexedDB']);
  });

  it('takes every name off the scope and off each object on its prototype chain', () => {
    const { scope, inner, outer } = fakeScope();
    const guard = createNetworkGuard(scope);
    guard.deny();
    expect(guard.denied).toBe(true);
    expect(reachable(scope)).toEqual([]);
    expect('fetch' in scope).toBe(false);
    expect(Reflect.get(Object.getPrototypeOf(scope) as object, 'fetch')).toBeUndefined();
    expect(Reflect.get(inner, 'indexedDB')).toBeUndefined();
    expect(Reflect.get(outer, 'BroadcastChannel')).toBeUndefined();
    // Everything else stays where it was.
    expect(scope.keep).toBe('own');
    expect(outer.keep).toBe('outer');
  });

  it('puts back what it took, on the objects it took it from, as it was', () => {
    const { scope, inner, outer, scopeFetch, FakeXhr } = fakeScope();
    const before = Object.getOwnPropertyDescriptor(inner, 'indexedDB');
    const guard = createNetworkGuard(scope);
    guard.deny();
    guard.allow();
    expect(guard.denied).toBe(false);
    expect(Object.getOwnPropertyDescriptor(scope, 'fetch')).toEqual({ value: scopeFetch, writable: true, configurable: true, enumerable: false });
    expect(Object.getOwnPropertyDescriptor(scope, 'XMLHttpRequest')?.value).toBe(FakeXhr);
    expect(Object.getOwnPropertyDescriptor(inner, 'indexedDB')).toEqual(before);
    expect(Reflect.get(scope, 'indexedDB')).toBe('database');
    expect(Object.getOwnPropertyDescriptor(outer, 'fetch')?.value).toBe(scopeFetch);
  });

  it('takes off what code put there while it was allowed, and later gives back the originals', () => {
    const { scope, scopeFetch } = fakeScope();
    const guard = createNetworkGuard(scope);
    guard.deny();
    guard.allow();
    const replacement = () => Promise.resolve(new Response('not the scope\'s'));
    scope.fetch = replacement;
    Reflect.set(scope, 'EventSource', { stands: 'planted' });
    guard.deny();
    expect(reachable(scope)).toEqual([]);
    guard.allow();
    expect(scope.fetch).toBe(scopeFetch);
    expect('EventSource' in scope).toBe(false);
  });

  it('fails when a name cannot be taken off', () => {
    const { scope } = fakeScope();
    Object.defineProperty(scope, 'EventSource', { value: { stands: 'stuck' }, configurable: false });
    expect(() => {
      createNetworkGuard(scope).deny();
    }).toThrow(/EventSource could not be taken off/);
  });

  it('lends the scope\'s own fetch to an engine task, for permitted URLs only, and takes it back', async () => {
    const { scope, asked } = fakeScope();
    const guard = createNetworkGuard(scope);
    guard.deny();
    let seenDuring: string[] = [];
    const result = await guard.lend(
      async () => {
        seenDuring = reachable(scope);
        const lent = Reflect.get(scope, 'fetch');
        if (typeof lent !== 'function') throw new Error('no fetch was lent');
        const response = (await Reflect.apply(lent, undefined, ['https://packages.example/pkg.whl'])) as Response;
        const refused = (Reflect.apply(lent, undefined, ['https://elsewhere.example/?secret=1']) as Promise<Response>).then(
          () => 'fetched',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
        return [await response.text(), await refused];
      },
      (url) => url.startsWith('https://packages.example/'),
    );
    // Only fetch came back, and only for the task.
    expect(seenDuring).toEqual(['fetch']);
    expect(result[0]).toBe('fetched');
    expect(result[1]).toMatch(/not available to user code/);
    expect(asked).toEqual([{ url: 'https://packages.example/pkg.whl', self: scope }]);
    expect(reachable(scope)).toEqual([]);
  });

  it('takes the lent fetch back when the task fails', async () => {
    const { scope } = fakeScope();
    const guard = createNetworkGuard(scope);
    guard.deny();
    await expect(guard.lend(() => Promise.reject(new Error('load failed')))).rejects.toThrow('load failed');
    expect(reachable(scope)).toEqual([]);
  });

  it('keeps the lent fetch until the last of overlapping tasks ends', async () => {
    const { scope } = fakeScope();
    const guard = createNetworkGuard(scope);
    guard.deny();
    let release: () => void = () => undefined;
    const first = guard.lend(() => new Promise<void>((resolve) => (release = resolve)));
    await guard.lend(() => Promise.resolve());
    expect('fetch' in scope).toBe(true);
    release();
    await first;
    expect('fetch' in scope).toBe(false);
  });

  it('runs a task as it is while the network is allowed', async () => {
    const { scope, scopeFetch } = fakeScope();
    const guard = createNetworkGuard(scope);
    const seen = await guard.lend(() => Promise.resolve(Reflect.get(scope, 'fetch')), () => false);
    expect(seen).toBe(scopeFetch);
    expect(scope.fetch).toBe(scopeFetch);
  });
});

describe('urlOf', () => {
  it('gives the absolute URL without its fragment', () => {
    expect(urlOf('https://a.example/x.whl#sha256=00')).toBe('https://a.example/x.whl');
    expect(urlOf(new URL('https://a.example/y'))).toBe('https://a.example/y');
    expect(urlOf(new Request('https://a.example/z'))).toBe('https://a.example/z');
  });
});
