import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import debugVariant from '@jitl/quickjs-wasmfile-debug-sync';
import { newQuickJSWASMModuleFromVariant, TestQuickJSWASMModule } from 'quickjs-emscripten-core';
import { JavaScriptEngine } from '../../../src/engines/javascript-engine';
import type { MimeBundle, OutputChunk } from '../../../src/engines/contract';

// The debug build inside TestQuickJSWASMModule, as in javascript-engine.test.ts, so that a
// handle display() forgets to free fails the leak checks in afterAll.
let module: TestQuickJSWASMModule;
let engine: JavaScriptEngine;
const live: { chunk: OutputChunk; cellId: string | null }[] = [];

beforeAll(async () => {
  module = new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(debugVariant));
  engine = new JavaScriptEngine({ loadModule: () => Promise.resolve(module), maxStackBytes: 48 * 1024 });
  await engine.init(undefined, (chunk, cellId) => live.push({ chunk, cellId }));
});

afterAll(async () => {
  await engine.dispose();
  expect([...module.runtimes].filter((runtime) => runtime.alive)).toEqual([]);
  expect([...module.contexts].filter((context) => context.alive)).toEqual([]);
  expect(module.getFFI().QTS_RecoverableLeakCheck()).toBe(0);
});

function displayed(output: readonly OutputChunk[]): MimeBundle[] {
  return output.flatMap((chunk) => (chunk.stream === 'display' ? [chunk.data] : []));
}

async function displayOf(expression: string): Promise<MimeBundle | undefined> {
  const result = await engine.execute(`display(${expression})`);
  expect(result.errors).toEqual([]);
  const bundles = displayed(result.output);
  expect(bundles).toHaveLength(1);
  return bundles[0];
}

describe('display() in JavaScript', () => {
  it('is a global that sends bundles in order with console output, live, and is no export', async () => {
    const result = await engine.execute('console.log("before");\ndisplay({ "text/html": "<b>hi</b>" });\nconsole.error("after")', { cellId: 'order' });
    expect(result.output).toEqual([
      { stream: 'stdout', text: 'before\n' },
      { stream: 'display', data: { 'text/html': '<b>hi</b>' } },
      { stream: 'stderr', text: 'after\n' },
    ]);
    expect(live.filter((entry) => entry.cellId === 'order').map((entry) => entry.chunk)).toEqual(result.output);
    expect(result.exports).toEqual([]);
  });

  it('shows each of several values as its own bundle, after awaits too', async () => {
    const result = await engine.execute('display(1, "two");\nawait new Promise((resolve) => setTimeout(resolve, 5));\ndisplay(null)');
    expect(displayed(result.output)).toEqual([{ 'text/plain': '1' }, { 'text/plain': "'two'" }, { 'text/plain': 'null' }]);
  });

  it('takes a plain object of MIME types as a bundle: bytes of images in base64, JSON values as JSON', async () => {
    const bundle = await displayOf('{ "image/png": new Uint8Array([137, 80, 78, 71, 13]), "image/svg+xml": new Uint8Array([60, 115, 118, 103, 47, 62]), "application/json": { a: [1, 2] }, "text/plain": 42, "text/html": undefined }');
    expect(bundle).toEqual({ 'image/png': 'iVBORw0=', 'image/svg+xml': '<svg/>', 'application/json': '{"a":[1,2]}', 'text/plain': '42' });
  });

  it('gives arrays of records and other JSON containers as JSON text and inspected text', async () => {
    expect(await displayOf('[{ name: "Ada", year: 1815 }, { name: "Alan", born: [1912, 6] }]')).toEqual({
      'text/plain': "[{name: 'Ada', year: 1815}, {name: 'Alan', born: [1912, 6]}]",
      'application/json': '[{"name":"Ada","year":1815},{"name":"Alan","born":[1912,6]}]',
    });
    const nested = await displayOf('{ outer: { inner: [true, null, 2.5, "é"] } }');
    expect(JSON.parse(nested?.['application/json'] ?? 'null')).toEqual({ outer: { inner: [true, null, 2.5, 'é'] } });
  });

  it('shows what JSON cannot hold as inspected text only', async () => {
    expect(await displayOf('new Map([[1, "one"]])')).toEqual({ 'text/plain': "Map(1) {1 => 'one'}" });
    expect(await displayOf('[NaN]')).toEqual({ 'text/plain': '[NaN]' });
    expect(await displayOf('{ when: new Date(0) }')).toEqual({ 'text/plain': '{when: 1970-01-01T00:00:00.000Z}' });
    expect(await displayOf('{ big: 1n }')).toEqual({ 'text/plain': '{big: 1n}' });
    expect(await displayOf('(() => { const loop = { name: "loop" }; loop.self = loop; return loop })()')).toEqual({ 'text/plain': "{name: 'loop', self: [Circular]}" });
    expect(await displayOf('new (class Point { constructor() { this.x = 1 } })()')).toEqual({ 'text/plain': 'Point {x: 1}' });
  });

  it('is still there after the engine is reset', async () => {
    await engine.reset();
    expect(displayed((await engine.execute('display("again")')).output)).toEqual([{ 'text/plain': "'again'" }]);
  });
});
