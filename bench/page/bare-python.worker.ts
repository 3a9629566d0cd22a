// A bare Pyodide in a plain worker: loadPyodide and runPython, nothing of the playground.
import { loadPyodide, type PyodideAPI } from 'pyodide';
import type { EngineReply, EngineRequest } from './worker-protocol';

let pyodide: PyodideAPI | null = null;
/** What runs printed: the plain stdout handler keeps the text, as any capture of output must. */
let printed: string[] = [];

function reply(message: EngineReply): void {
  postMessage(message);
}

onmessage = async (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  const started = performance.now();
  try {
    if (request.type === 'start') {
      pyodide = await loadPyodide({ indexURL: request.indexURL });
      const decoder = new TextDecoder();
      pyodide.setStdout({
        write: (buffer: Uint8Array) => {
          printed.push(decoder.decode(buffer, { stream: true }));
          return buffer.length;
        },
      });
      pyodide.runPython('1 + 1');
      reply({ ms: performance.now() - started, value: null });
      return;
    }
    if (!pyodide) throw new Error('not started');
    if (request.type === 'spin') {
      // Pyodide's own interrupt: SIGINT (2) in the shared buffer raises KeyboardInterrupt.
      Atomics.store(request.flag, 0, 0);
      pyodide.setInterruptBuffer(request.flag);
      pyodide.runPython('try:\n    while True: pass\nexcept KeyboardInterrupt:\n    pass');
      Atomics.store(request.flag, 0, 0);
      reply({ ms: performance.now() - started, value: null });
      return;
    }
    // A fresh namespace per run, holding only N.
    const globals: unknown = pyodide.toPy({ N: request.n });
    if (!(globals instanceof pyodide.ffi.PyDict)) throw new Error('no namespace');
    const value: unknown = pyodide.runPython(request.source, { globals });
    const plain: unknown = value instanceof pyodide.ffi.PyProxy ? value.toJs() : value;
    globals.destroy();
    const outputChars = printed.reduce((total, text) => total + text.length, 0);
    printed = [];
    reply({ ms: performance.now() - started, outputChars, value: plain });
  } catch (error) {
    reply({ ms: performance.now() - started, value: null, error: error instanceof Error ? error.message : String(error) });
  }
};
