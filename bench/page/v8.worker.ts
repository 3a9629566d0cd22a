// The same programs in the browser's own JavaScript engine, as a reference for QuickJS.
import type { EngineReply, EngineRequest } from './worker-protocol';

onmessage = (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  const started = performance.now();
  if (request.type !== 'run') {
    postMessage({ ms: 0, value: null } satisfies EngineReply);
    return;
  }
  try {
    Reflect.set(globalThis, 'N', request.n);
    // Indirect eval runs the program as a global script and gives its last expression's value.
    const value: unknown = Reflect.apply(globalThis.eval, globalThis, [request.source]);
    postMessage({ ms: performance.now() - started, value } satisfies EngineReply);
  } catch (error) {
    postMessage({ ms: performance.now() - started, value: null, error: error instanceof Error ? error.message : String(error) } satisfies EngineReply);
  }
};
