// A bare QuickJS in a plain worker: the same build variant as the playground, nothing else.
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSContext } from 'quickjs-emscripten-core';
import type { EngineReply, EngineRequest } from './worker-protocol';

let context: QuickJSContext | null = null;
let interruptFlag: Int32Array | null = null;
/** What runs logged: a plain console.log keeps the text, as any capture of output must. */
let logged: string[] = [];

function reply(message: EngineReply): void {
  postMessage(message);
}

onmessage = async (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  const started = performance.now();
  try {
    if (request.type === 'start') {
      const module = await newQuickJSWASMModuleFromVariant(variant);
      const runtime = module.newRuntime();
      // The playground's stack cap, so that deep programs meet the same limit.
      runtime.setMaxStackSize(128 * 1024);
      runtime.setInterruptHandler(() => interruptFlag !== null && Atomics.load(interruptFlag, 0) !== 0);
      const made = runtime.newContext();
      context = made;
      const log = made.newFunction('log', (...args) => {
        logged.push(`${args.map((arg) => made.getString(arg)).join(' ')}\n`);
      });
      const console = made.newObject();
      made.setProp(console, 'log', log);
      made.setProp(made.global, 'console', console);
      log.dispose();
      console.dispose();
      context.unwrapResult(context.evalCode('1 + 1')).dispose();
      reply({ ms: performance.now() - started, value: null });
      return;
    }
    if (!context) throw new Error('not started');
    if (request.type === 'spin') {
      interruptFlag = request.flag;
      const result = context.evalCode('for (;;) {}');
      if (result.error) result.error.dispose();
      else result.value.dispose();
      interruptFlag = null;
      reply({ ms: performance.now() - started, value: null });
      return;
    }
    const n = context.newNumber(request.n);
    context.setProp(context.global, 'N', n);
    n.dispose();
    const handle = context.unwrapResult(context.evalCode(request.source));
    const value: unknown = context.dump(handle);
    handle.dispose();
    const outputChars = logged.reduce((total, text) => total + text.length, 0);
    logged = [];
    reply({ ms: performance.now() - started, outputChars, value });
  } catch (error) {
    reply({ ms: performance.now() - started, value: null, error: error instanceof Error ? error.message : String(error) });
  }
};
