/**
 * A stand-in for a worker's global scope, laid out as Chromium lays one out: the scope's own
 * names, then DedicatedWorkerGlobalScope.prototype, WorkerGlobalScope.prototype and
 * EventTarget.prototype, each the prototype of a constructor of that name, and a navigator
 * whose names sit on WorkerNavigator.prototype. The chain ends in null rather than the real
 * Object.prototype, and every constructor is a fake one over a null-prototype function, so that
 * a test can never take anything off Node's own objects.
 */

/** A fresh object whose prototype is `parent`. */
function objectOver(parent: object | null): object {
  const object = {};
  Reflect.setPrototypeOf(object, parent);
  return object;
}

/**
 * A constructor named `name` whose prototype is a fresh object over `parent`, and which inherits
 * from `parentConstructor` (none: null, rather than Node's Function.prototype).
 */
export function fakeInterface(name: string, parent: object | null = null, parentConstructor: object | null = null): { readonly constructor: () => void; readonly prototype: object } {
  const constructor = Object.defineProperty(function () {}, 'name', { value: name });
  Reflect.setPrototypeOf(constructor, parentConstructor);
  const prototype = objectOver(parent);
  Object.defineProperty(prototype, 'constructor', { value: constructor, writable: true, configurable: true });
  Object.defineProperty(constructor, 'prototype', { value: prototype });
  return { constructor, prototype };
}

const data = (value: unknown): PropertyDescriptor => ({ value, writable: true, configurable: true, enumerable: false });

export function fakeScope() {
  const asked: { url: string; self: unknown }[] = [];
  function scopeFetch(this: unknown, input: unknown): Promise<Response> {
    asked.push({ url: typeof input === 'string' ? input : 'not a string', self: this });
    return Promise.resolve(new Response('fetched'));
  }
  const EventTarget = fakeInterface('EventTarget');
  const WorkerGlobalScope = fakeInterface('WorkerGlobalScope', EventTarget.prototype);
  const DedicatedWorkerGlobalScope = fakeInterface('DedicatedWorkerGlobalScope', WorkerGlobalScope.prototype);
  const WorkerNavigator = fakeInterface('WorkerNavigator');
  const StorageManager = fakeInterface('StorageManager');
  const IDBFactory = fakeInterface('IDBFactory');
  const WebSocket = fakeInterface('WebSocket', EventTarget.prototype);
  const storage = objectOver(StorageManager.prototype);
  const database = objectOver(IDBFactory.prototype);
  const navigator = objectOver(WorkerNavigator.prototype);
  // A kept interface with statics and a prototype: its harmless names stay, and the blob-URL
  // statics and a name no list has go. FileSystemHandle is removed, so a kept interface that
  // inherits from it would hand its members out, and goes too.
  const FakeUrl = fakeInterface('URL');
  Object.defineProperties(FakeUrl.constructor, {
    canParse: data(() => true),
    createObjectURL: data(() => 'blob:'),
    mysteryStatic: data(() => undefined),
    CONSTANT: { value: 1, writable: false, configurable: false, enumerable: true },
  });
  Object.defineProperties(FakeUrl.prototype, {
    href: { get: () => 'fake', configurable: true, enumerable: true },
    mysteryMember: data(() => undefined),
  });
  const FileSystemHandle = fakeInterface('FileSystemHandle');
  const Blob = fakeInterface('Blob', FileSystemHandle.prototype, FileSystemHandle.constructor);
  const setTimeout = () => 0;

  Object.defineProperties(WorkerNavigator.prototype, {
    userAgent: { get: () => 'fake', configurable: true, enumerable: true },
    storage: { get: () => storage, configurable: true, enumerable: true },
    mysteryDevice: { get: () => 'device', configurable: true, enumerable: true },
  });
  Object.defineProperties(EventTarget.prototype, { addEventListener: data(() => undefined) });
  Object.defineProperties(WorkerGlobalScope.prototype, {
    fetch: data(scopeFetch),
    setTimeout: data(setTimeout),
    indexedDB: { get: () => database, configurable: true, enumerable: true },
    importScripts: data(() => undefined),
    navigator: { get: () => navigator, configurable: true, enumerable: true },
    mysteryRoad: data('road'),
  });
  const scope: Record<string, unknown> = {};
  Reflect.setPrototypeOf(scope, DedicatedWorkerGlobalScope.prototype);
  Object.defineProperties(scope, {
    URL: data(FakeUrl.constructor),
    FileSystemHandle: data(FileSystemHandle.constructor),
    Blob: data(Blob.constructor),
    EventTarget: data(EventTarget.constructor),
    WorkerGlobalScope: data(WorkerGlobalScope.constructor),
    WorkerNavigator: data(WorkerNavigator.constructor),
    StorageManager: data(StorageManager.constructor),
    IDBFactory: data(IDBFactory.constructor),
    WebSocket: data(WebSocket.constructor),
    BroadcastChannel: data(fakeInterface('BroadcastChannel', EventTarget.prototype).constructor),
    postMessage: data(() => undefined),
    MysteryInterface: data(fakeInterface('MysteryInterface').constructor),
  });
  return { scope, asked, scopeFetch, setTimeout, navigator, storage, database, WorkerGlobalScope, WorkerNavigator, WebSocket, FakeUrl, Blob };
}

/** Whether `name` can be read anywhere on the object's chain. */
export function reaches(object: object, name: string): boolean {
  return Reflect.has(object, name);
}
