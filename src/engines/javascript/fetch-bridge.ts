/**
 * The network for user code, which QuickJS does not have: a `fetch` global backed by the
 * worker's own fetch, present only while the policy allows the network (Unrestricted). A
 * reference kept from then still asks the policy at each call, so taking the global away is
 * enough to shut it.
 */
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle } from 'quickjs-emscripten-core';
import fetchSource from './guest-fetch.js?raw';
import type { PolicyError } from './module-policy';

const FILE = '<playground fetch>';
const SET_GLOBAL = `(function (fn) {
  try {
    if (fn === undefined) delete globalThis.fetch;
    else Object.defineProperty(globalThis, 'fetch', { value: fn, writable: true, configurable: true, enumerable: false });
  } catch (error) {
    // A cell declared its own fetch with var; it stays the cell's.
  }
})`;

export interface FetchBridge {
  /** Puts `fetch` on the global object, or takes it off. */
  expose(allowed: boolean): void;
  /** Aborts requests under way and frees what the bridge holds; call before the context goes. */
  dispose(): void;
}

interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ArrayBuffer;
}

/**
 * Installs the bridge in a context. `denied` gives the error to raise when the policy forbids
 * the network at the moment of a call; `afterSettle` runs once a request has settled, so the
 * engine can run the jobs that were waiting for it.
 */
export function installFetchBridge(
  context: QuickJSContext,
  hostFetch: typeof fetch,
  denied: () => PolicyError | null,
  afterSettle: () => void,
): FetchBridge {
  const pending = new Set<QuickJSDeferredPromise>();
  const abort = new AbortController();
  let exposed = false;

  const settle = (deferred: QuickJSDeferredPromise, outcome: 'resolve' | 'reject', make: () => QuickJSHandle) => {
    // A request that outlived its context, or was aborted with it, has nothing left to settle.
    if (!pending.delete(deferred)) return;
    let value: QuickJSHandle;
    try {
      value = make();
    } catch (error) {
      // Such as a body too large for the heap's limit: the cell gets the error, not the host.
      value = context.newError({ name: 'InternalError', message: error instanceof Error ? error.message : String(error) });
      outcome = 'reject';
    }
    try {
      deferred[outcome](value);
    } finally {
      value.dispose();
    }
    afterSettle();
  };

  using request = context.newFunction('request', (url, method, headers, body) => {
    const deferred = context.newPromise();
    const error = denied();
    if (error !== null) {
      // Settled at once; the engine runs the jobs when the cell's code returns.
      using thrown = context.newError(error);
      deferred.reject(thrown);
      return deferred.handle;
    }
    pending.add(deferred);
    const init: RequestInit = { method: context.getString(method), headers: stringRecord(context.dump(headers)), signal: abort.signal };
    const payload = requestBody(context, body);
    if (payload !== undefined) init.body = payload;
    const target = context.getString(url);
    hostFetch(target, init)
      .then(async (response): Promise<RawResponse> => ({
        status: response.status,
        statusText: response.statusText,
        // The final URL after redirects; a response made by hand has none.
        url: response.url || target,
        headers: Object.fromEntries(response.headers),
        body: await response.arrayBuffer(),
      }))
      .then(
        (raw) => {
          settle(deferred, 'resolve', () => responseHandle(context, raw));
        },
        (reason: unknown) => {
          const message = reason instanceof Error ? reason.message : String(reason);
          settle(deferred, 'reject', () => context.newError({ name: 'TypeError', message: `fetch failed: ${message}` }));
        },
      );
    return deferred.handle;
  });
  using decode = context.newFunction('decode', (buffer) => {
    using bytes = context.getArrayBuffer(buffer);
    return context.newString(new TextDecoder().decode(bytes.value));
  });
  using make = context.unwrapResult(context.evalCode(fetchSource, FILE));
  const fetchFunction = context.unwrapResult(context.callFunction(make, context.undefined, request, decode));
  const setGlobal = context.unwrapResult(context.evalCode(SET_GLOBAL, FILE));

  return {
    expose(allowed) {
      if (allowed === exposed) return;
      exposed = allowed;
      context.unwrapResult(context.callFunction(setGlobal, context.undefined, allowed ? fetchFunction : context.undefined)).dispose();
    },
    dispose() {
      abort.abort();
      for (const deferred of pending) deferred.dispose();
      pending.clear();
      fetchFunction.dispose();
      setGlobal.dispose();
    },
  };
}

function requestBody(context: QuickJSContext, body: QuickJSHandle | undefined): string | Uint8Array<ArrayBuffer> | undefined {
  if (body === undefined) return undefined;
  switch (context.typeof(body)) {
    case 'undefined':
      return undefined;
    case 'string':
      return context.getString(body);
    default: {
      // The wrapper hands over a string or an ArrayBuffer; its bytes are copied out of the heap.
      using bytes = context.getArrayBuffer(body);
      return bytes.value.slice();
    }
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The response's parts as a QuickJS object, the body as an ArrayBuffer in the heap. */
function responseHandle(context: QuickJSContext, raw: RawResponse): QuickJSHandle {
  const object = context.newObject();
  const set = (key: string, make: () => QuickJSHandle) => {
    using value = make();
    context.setProp(object, key, value);
  };
  set('status', () => context.newNumber(raw.status));
  set('statusText', () => context.newString(raw.statusText));
  set('url', () => context.newString(raw.url));
  set('headers', () => {
    const headers = context.newObject();
    for (const [name, value] of Object.entries(raw.headers)) {
      using text = context.newString(value);
      context.setProp(headers, name, text);
    }
    return headers;
  });
  set('body', () => context.newArrayBuffer(raw.body));
  return object;
}
