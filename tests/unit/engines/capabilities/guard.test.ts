import { describe, expect, it } from 'vitest';
import { CapabilityError, createCapabilityGuard, isWorkerScope } from '../../../../src/engines/capabilities/guard';
import { fakeScope, reaches } from './fake-scope';

/** What `owner` holds itself under `name`. */
const own = (owner: object, name: string) => Object.getOwnPropertyDescriptor(owner, name);

describe('createCapabilityGuard', () => {
  it('changes nothing until it denies', () => {
    const { scope, navigator } = fakeScope();
    const guard = createCapabilityGuard(scope);
    expect(guard.denied).toBe(false);
    expect(guard.removed).toEqual([]);
    for (const name of ['fetch', 'indexedDB', 'WebSocket', 'mysteryRoad', 'MysteryInterface']) expect(reaches(scope, name)).toBe(true);
    expect(reaches(navigator, 'storage')).toBe(true);
  });

  it('keeps what the lists call harmless, on the scope and on navigator', () => {
    const { scope, navigator, setTimeout, FakeUrl } = fakeScope();
    createCapabilityGuard(scope).deny();
    expect(scope.URL).toBe(FakeUrl.constructor);
    expect(scope.setTimeout).toBe(setTimeout);
    expect(reaches(scope, 'postMessage')).toBe(true);
    expect(reaches(scope, 'addEventListener')).toBe(true);
    expect(scope.navigator).toBe(navigator);
    expect(Reflect.get(navigator, 'userAgent')).toBe('fake');
  });

  it('takes off the network, storage and other contexts, wherever on the chain they are', () => {
    const { scope, navigator } = fakeScope();
    const guard = createCapabilityGuard(scope);
    guard.deny();
    expect(guard.denied).toBe(true);
    for (const name of ['fetch', 'importScripts', 'indexedDB', 'WebSocket', 'BroadcastChannel']) expect(reaches(scope, name)).toBe(false);
    expect(reaches(navigator, 'storage')).toBe(false);
    expect(guard.removed).toEqual(
      expect.arrayContaining(['WorkerGlobalScope.prototype.fetch', 'WorkerGlobalScope.prototype.indexedDB', 'WorkerNavigator.prototype.storage', 'self.WebSocket']),
    );
  });

  it('takes off every name no list has, on the scope, its prototypes and navigator', () => {
    const { scope, navigator } = fakeScope();
    const guard = createCapabilityGuard(scope);
    guard.deny();
    expect(reaches(scope, 'mysteryRoad')).toBe(false);
    expect(reaches(scope, 'MysteryInterface')).toBe(false);
    expect(reaches(navigator, 'mysteryDevice')).toBe(false);
    expect(guard.removed).toEqual(expect.arrayContaining(['WorkerGlobalScope.prototype.mysteryRoad', 'self.MysteryInterface', 'WorkerNavigator.prototype.mysteryDevice']));
  });

  it('takes off the interfaces of what it removed, so that nothing can be made or called from them', () => {
    const { scope } = fakeScope();
    createCapabilityGuard(scope).deny();
    // navigator.storage was a StorageManager and indexedDB an IDBFactory.
    expect(reaches(scope, 'StorageManager')).toBe(false);
    expect(reaches(scope, 'IDBFactory')).toBe(false);
    // The interfaces of what it kept stay.
    expect(reaches(scope, 'WorkerNavigator')).toBe(true);
    expect(reaches(scope, 'EventTarget')).toBe(true);
  });

  it('walks the statics and the prototype of each constructor it keeps, and takes off what is not harmless there', () => {
    const { scope, FakeUrl } = fakeScope();
    const guard = createCapabilityGuard(scope);
    guard.deny();
    expect(Object.keys(Object.getOwnPropertyDescriptors(FakeUrl.constructor)).filter((key) => !['length', 'name', 'prototype'].includes(key)).sort()).toEqual(['CONSTANT', 'canParse']);
    expect(Reflect.ownKeys(FakeUrl.prototype).sort()).toEqual(['constructor', 'href']);
    expect(guard.removed).toEqual(expect.arrayContaining(['URL.createObjectURL', 'URL.mysteryStatic', 'URL.prototype.mysteryMember']));
  });

  it('takes off a kept interface that inherits from a removed one', () => {
    const { scope } = fakeScope();
    const guard = createCapabilityGuard(scope);
    guard.deny();
    expect(reaches(scope, 'FileSystemHandle')).toBe(false);
    expect(reaches(scope, 'Blob')).toBe(false);
    expect(guard.removed).toEqual(expect.arrayContaining(['self.FileSystemHandle', 'self.Blob']));
  });

  it('leaves the prototypes of what the engine keeps alone', () => {
    // The engine's own stores opened IndexedDB before the walk, and keep using its prototype.
    const { scope, database } = fakeScope();
    const prototype = Object.getPrototypeOf(database) as object;
    const before = Reflect.ownKeys(prototype);
    createCapabilityGuard(scope).deny();
    expect(Reflect.ownKeys(prototype)).toEqual(before);
  });

  it('gives back the network on allow, as it was and where it was, and nothing else', () => {
    const { scope, scopeFetch, WorkerGlobalScope, WebSocket, navigator } = fakeScope();
    const fetchBefore = own(WorkerGlobalScope.prototype, 'fetch');
    const importBefore = own(WorkerGlobalScope.prototype, 'importScripts');
    const guard = createCapabilityGuard(scope);
    guard.deny();
    guard.allow();
    expect(guard.denied).toBe(false);
    expect(own(WorkerGlobalScope.prototype, 'fetch')).toEqual(fetchBefore);
    expect(own(WorkerGlobalScope.prototype, 'importScripts')).toEqual(importBefore);
    expect(own(scope, 'WebSocket')?.value).toBe(WebSocket.constructor);
    expect(scope.fetch).toBe(scopeFetch);
    expect(own(scope, 'fetch')).toBeUndefined();
    // Storage, other contexts and what no list knows stay off.
    for (const name of ['indexedDB', 'BroadcastChannel', 'StorageManager', 'mysteryRoad', 'MysteryInterface']) expect(reaches(scope, name)).toBe(false);
    expect(reaches(navigator, 'storage')).toBe(false);
  });

  it('takes storage off even when the first policy allows the network', () => {
    const { scope, scopeFetch } = fakeScope();
    createCapabilityGuard(scope).allow();
    expect(scope.fetch).toBe(scopeFetch);
    expect(reaches(scope, 'indexedDB')).toBe(false);
  });

  it('takes off what code put there while it was allowed, and later gives back the originals', () => {
    const { scope, scopeFetch } = fakeScope();
    const guard = createCapabilityGuard(scope);
    guard.deny();
    guard.allow();
    const prototype = Object.getPrototypeOf(Object.getPrototypeOf(scope)) as object;
    Reflect.set(prototype, 'fetch', () => Promise.resolve(new Response('planted')));
    guard.deny();
    expect(reaches(scope, 'fetch')).toBe(false);
    guard.allow();
    expect(scope.fetch).toBe(scopeFetch);
  });

  it('fails closed, and keeps failing, when a name cannot be taken off', () => {
    const { scope } = fakeScope();
    Object.defineProperty(scope, 'EventSource', { value: { stands: 'stuck' }, configurable: false });
    const guard = createCapabilityGuard(scope);
    expect(() => {
      guard.deny();
    }).toThrow(CapabilityError);
    expect(() => {
      guard.deny();
    }).toThrow(/self\.EventSource could not be taken off/);
    expect(() => {
      guard.allow();
    }).toThrow(CapabilityError);
    // Everything else it could take is off all the same.
    expect(reaches(scope, 'indexedDB')).toBe(false);
  });

  it('fails closed on a permanent name that no list has, unless it is a constant', () => {
    const { scope } = fakeScope();
    // A primitive that can be neither changed nor removed is a constant, harmless wherever it is.
    Object.defineProperty(scope, 'PERMANENT_NUMBER', { value: 1, configurable: false });
    expect(() => {
      createCapabilityGuard(scope).deny();
    }).not.toThrow();
    Object.defineProperty(scope, 'permanentMystery', { value: {}, configurable: false });
    expect(() => {
      createCapabilityGuard(scope).deny();
    }).toThrow(/self\.permanentMystery/);
  });

  it('keeps names no list has where told to, and still takes what the lists remove, by key', () => {
    const { scope, navigator } = fakeScope();
    Object.defineProperty(scope, 'fetch', { value: () => undefined, writable: true, configurable: true });
    createCapabilityGuard(scope, { unknown: 'keep' }).deny();
    expect(reaches(scope, 'mysteryRoad')).toBe(true);
    expect(reaches(navigator, 'mysteryDevice')).toBe(true);
    expect(reaches(scope, 'fetch')).toBe(false);
    expect(reaches(scope, 'indexedDB')).toBe(false);
  });

  it('tells a worker scope from one that is not', () => {
    expect(isWorkerScope(fakeScope().scope)).toBe(true);
    expect(isWorkerScope(globalThis)).toBe(false);
  });
});

describe('lend', () => {
  it('lends the scope\'s own fetch to an engine task, for permitted URLs only, and takes it back', async () => {
    const { scope, asked } = fakeScope();
    const guard = createCapabilityGuard(scope);
    guard.deny();
    let seenDuring: string[] = [];
    const result = await guard.lend(
      async () => {
        seenDuring = ['fetch', 'indexedDB', 'importScripts', 'WebSocket'].filter((name) => reaches(scope, name));
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
    expect(reaches(scope, 'fetch')).toBe(false);
  });

  it('takes the lent fetch back when the task fails', async () => {
    const { scope } = fakeScope();
    const guard = createCapabilityGuard(scope);
    guard.deny();
    await expect(guard.lend(() => Promise.reject(new Error('load failed')))).rejects.toThrow('load failed');
    expect(reaches(scope, 'fetch')).toBe(false);
  });

  it('keeps the lent fetch until the last of overlapping tasks ends', async () => {
    const { scope } = fakeScope();
    const guard = createCapabilityGuard(scope);
    guard.deny();
    let release: () => void = () => undefined;
    const first = guard.lend(() => new Promise<void>((resolve) => (release = resolve)));
    await guard.lend(() => Promise.resolve());
    expect(reaches(scope, 'fetch')).toBe(true);
    release();
    await first;
    expect(reaches(scope, 'fetch')).toBe(false);
  });

  it('runs a task as it is while the network is allowed', async () => {
    const { scope, scopeFetch } = fakeScope();
    const guard = createCapabilityGuard(scope);
    guard.deny();
    guard.allow();
    const seen = await guard.lend(() => Promise.resolve(Reflect.get(scope, 'fetch')), () => false);
    expect(seen).toBe(scopeFetch);
  });
});
