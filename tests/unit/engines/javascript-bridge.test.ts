import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import debugVariant from '@jitl/quickjs-wasmfile-debug-sync';
import { newQuickJSWASMModuleFromVariant, TestQuickJSWASMModule } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPT_SIGNAL } from '../../../src/engines/bridge';
import { JavaScriptEngine } from '../../../src/engines/javascript-engine';
import { memoryPackageCache } from '../../../src/engines/javascript/package-cache';
import type { NeutralValue } from '../../../src/engines/value';
import { TIERS } from '../../../src/engines/policy';

// The debug build of QuickJS inside TestQuickJSWASMModule: afterAll checks that nothing the
// engine allocated is left alive, and freeing a runtime with a leaked handle aborts.
// A local server plays both the vendored modules folder and an "online" ESM package source.
const FILES: Record<string, string> = {
  '/modules/modules.json': JSON.stringify([{ name: 'orbit-math', version: '1.0.0', file: 'orbit-math/index.js' }]),
  '/modules/orbit-math/index.js': "export { Vector } from './vector.js';\nexport function circleArea(r) { return Math.PI * r * r; }\nexport const G = 6.674e-11;\n",
  '/modules/orbit-math/vector.js': 'export class Vector { constructor(x, y) { this.x = x; this.y = y; } length() { return Math.hypot(this.x, this.y); } }\n',
  '/esm/tiny-clamp@2.1.0': "export default function clamp(value, low, high) { return Math.min(high, Math.max(low, value)); }\n",
};
let server: Server;
let base: string;
let module: TestQuickJSWASMModule;
let engine: JavaScriptEngine;
const cache = memoryPackageCache();

beforeAll(async () => {
  server = createServer((request, response) => {
    const body = FILES[request.url ?? ''];
    if (body === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': 'text/javascript' }).end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  module = new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(debugVariant));
  engine = new JavaScriptEngine({
    loadModule: () => Promise.resolve(module),
    vendoredModulesUrl: `${base}/modules/`,
    esmBaseUrl: `${base}/esm/`,
    packageCache: cache,
    // These tests are about the bridge, not the policy (see javascript-policy.test.ts).
    policy: TIERS.unrestricted,
  });
  await engine.init();
});

afterAll(async () => {
  await engine.dispose();
  expect([...module.runtimes].filter((runtime) => runtime.alive)).toEqual([]);
  expect([...module.contexts].filter((context) => context.alive)).toEqual([]);
  expect(module.getFFI().QTS_RecoverableLeakCheck()).toBe(0);
  await new Promise((resolve) => server.close(resolve));
});

describe('async JavaScript', () => {
  it('waits for top-level await, backed by host timers', async () => {
    const result = await engine.execute('await new Promise(r => setTimeout(r, 50)); "done"');
    expect(result).toMatchObject({ success: true, result: 'done' });
    expect(result.executionTimeMs).toBeGreaterThanOrEqual(45);
  });

  it('runs setInterval until cleared, and queueMicrotask before timers', async () => {
    const code = [
      'const order = [];',
      'queueMicrotask(() => order.push("micro"));',
      'let ticks = 0;',
      'await new Promise((done) => { const id = setInterval(() => { ticks++; if (ticks === 3) { clearInterval(id); done(); } }, 5); });',
      'order.push("after");',
      '[ticks, order]',
    ].join('\n');
    expect((await engine.execute(code)).result).toEqual([3, ['micro', 'after']]);
  });

  it('keeps declarations of async cells for later cells, and allows declaring them again', async () => {
    await engine.execute('const fromAsync = await Promise.resolve(7);\nclass Shape { area() { return 1 } }');
    expect((await engine.execute('fromAsync + new Shape().area()')).result).toBe(8);
    expect((await engine.execute('const fromAsync = 1; let again = 2; fromAsync + again')).result).toBe(3);
  });

  it('reports a rejected top-level await as an error at its line and column', async () => {
    const result = await engine.execute('await null;\n    null.x', { cellId: 'late' });
    expect(result.errors[0]).toMatchObject({ name: 'TypeError', line: 2, column: 9, cellId: 'late' });
  });

  it('offers performance.now() on the host clock', async () => {
    const result = await engine.execute('const t0 = performance.now(); await new Promise(r => setTimeout(r, 20)); performance.now() - t0');
    expect(result.result).toBeGreaterThanOrEqual(15);
  });

  it('prints errors thrown by timers after their cell, as browsers do', async () => {
    await engine.execute('setTimeout(() => { throw new Error("later") }, 1)');
    const next = await engine.execute('await new Promise(r => setTimeout(r, 20)); 1');
    expect(next.output).toEqual([{ stream: 'stderr', text: 'Uncaught Error: later\n' }]);
  });
});

describe('limits', () => {
  it('stops an infinite loop at the time limit and stays usable', async () => {
    const result = await engine.execute('for(;;){}', { timeoutMs: 100 });
    expect(result.errors[0]).toMatchObject({ kind: 'timeout', name: 'TimeoutError' });
    expect((await engine.execute('1 + 1')).result).toBe(2);
  });

  it('stops a run that waits forever at the time limit', async () => {
    const result = await engine.execute('await new Promise(() => {})', { timeoutMs: 50 });
    expect(result.errors[0]).toMatchObject({ kind: 'timeout' });
  });

  it('stops a loop when the shared interrupt flag is raised', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    await engine.setInterruptBuffer(flag);
    Atomics.store(flag, 0, INTERRUPT_SIGNAL);
    const result = await engine.execute('for(;;){}');
    expect(result.errors[0]).toMatchObject({ kind: 'interrupted', name: 'InterruptedError' });
    expect(Atomics.load(flag, 0)).toBe(0);
    expect((await engine.execute('"still here"')).result).toBe('still here');
    await engine.setInterruptBuffer(null);
  });

  it('stops a run waiting on a promise when interrupted', async () => {
    const running = engine.execute('await new Promise(() => {})');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.interrupt();
    expect((await running).errors[0]).toMatchObject({ kind: 'interrupted' });
  });

  it('ends a memory bomb with a memory error and stays usable', async () => {
    // On the release build users get: the debug build's checks make a bomb take many seconds.
    const capped = new JavaScriptEngine({ memoryLimitBytes: 32 * 1024 * 1024 });
    try {
      // Megabyte strings reach the cap in a few dozen steps (array bombs spend seconds in C).
      const result = await capped.execute('let hog = []; for (let i = 0; ; i++) hog.push("x".repeat(1 << 20) + i)');
      expect(result.errors[0]).toMatchObject({ kind: 'memory', name: 'MemoryError', message: expect.stringMatching(/^out of memory: /) as unknown });
      await capped.execute('hog = []');
      expect((await capped.execute('[1, 2, 3].length')).result).toBe(3);
    } finally {
      await capped.dispose();
    }
  });
});

describe('bridge operations', () => {
  it('getVariables lists declared globals with their types', async () => {
    await engine.resetEnvironment();
    await engine.execute('const count = 3;\nlet label = "x";\nfunction area(r) { return r }\nclass Box {}\nconst when = new Date(0);\nconst box = new Box()');
    const variables = await engine.getVariables();
    expect(variables.map(({ name, type, isCallable }) => ({ name, type, isCallable }))).toEqual([
      { name: 'count', type: 'number', isCallable: false },
      { name: 'label', type: 'string', isCallable: false },
      { name: 'area', type: 'function', isCallable: true },
      { name: 'Box', type: 'function', isCallable: true },
      { name: 'when', type: 'Date', isCallable: false },
      { name: 'box', type: 'Box', isCallable: false },
    ]);
    expect(variables[1]?.preview).toBe("'x'");
    expect((await engine.getVariables(['box', 'count', 'nothing'])).map((info) => info.name)).toEqual(['count', 'box']);
  });

  it('executeWithVariables and evaluateExpression', async () => {
    expect((await engine.executeWithVariables('radius * 2', { radius: 21 })).result).toBe(42);
    expect((await engine.evaluateExpression('6 * 7')).result).toBe(42);
    expect((await engine.evaluateExpression('let x = 1')).errors[0]).toMatchObject({ kind: 'syntax' });
  });

  it('resetEnvironment forgets globals and cancels timers', async () => {
    await engine.execute('globalThis.leftover = 1; setInterval(() => {}, 1000)');
    await engine.resetEnvironment();
    expect((await engine.execute('typeof leftover')).result).toBe('undefined');
    expect(await engine.getVariables()).toEqual([]);
  });

  it('getVersionInfo and isAvailable', async () => {
    expect((await engine.getVersionInfo()).details.quickjs).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await engine.isAvailable()).toBe(true);
  });
});

describe('values between QuickJS and the neutral model', () => {
  const rows: [string, NeutralValue][] = [
    ['null', null],
    ['boolean', true],
    ['number', 2.5],
    ['negative zero', -0],
    ['NaN', NaN],
    ['infinity', -Infinity],
    ['BigInt', -(2n ** 70n)],
    ['astral string', 'orbit 🪐'],
    ['bytes', new Uint8Array([0, 255])],
    ['array', [1, [2, 'x']]],
    ['object, key order kept', { z: 1, a: { b: null } }],
    ['Map with any keys', new Map<NeutralValue, NeutralValue>([[1, 'one'], ['two', 2]])],
    ['Set', new Set([1, 'a'])],
    ['Date', new Date(Date.UTC(2024, 1, 3))],
    ['Float64Array', new Float64Array([1.5, -0, NaN])],
    ['Int32Array', new Int32Array([-1, 2 ** 31 - 1])],
    ['BigInt64Array', new BigInt64Array([-(2n ** 63n), 5n])],
  ];

  it.each(rows)('round-trips %s', async (_, value) => {
    await engine.setVariable('value', value);
    expect(await engine.getVariable('value')).toEqual(value);
    const back = await engine.execute('value');
    expect(back.result).toEqual(value);
  });

  it('keeps -0 through QuickJS', async () => {
    await engine.setVariable('zero', -0);
    expect(Object.is(await engine.getVariable('zero'), -0)).toBe(true);
  });

  it('gives a conversion error for a cycle', async () => {
    await engine.execute('const loop = []; loop.push(loop)');
    await expect(engine.getVariable('loop')).rejects.toThrow(/deeper than|cycle/);
  });
});

describe('modules and packages', () => {
  it('imports a vendored module and the modules it imports, statically and dynamically', async () => {
    const result = await engine.execute("import { circleArea, Vector } from 'orbit-math';\nMath.round(circleArea(2) * 100) / 100 + new Vector(3, 4).length()");
    expect(result.errors).toEqual([]);
    expect(result.result).toBe(12.57 + 5);
    expect((await engine.execute("const math = await import('orbit-math');\nmath.G")).result).toBe(6.674e-11);
  });

  it('describes a module with importModule, and lists vendored modules', async () => {
    expect(await engine.importModule('orbit-math')).toEqual({ name: 'orbit-math', version: '1.0.0', description: null, functions: ['circleArea'], classes: ['Vector'] });
    expect(await engine.listPackages()).toEqual(expect.arrayContaining([{ name: 'orbit-math', version: '1.0.0', source: 'vendored' }]));
  });

  it('reports a module that cannot be found', async () => {
    const result = await engine.execute("import nothing from 'no-such-module';\nnothing");
    expect(result.errors[0]).toMatchObject({ name: 'ModuleNotFoundError' });
    expect(result.errors[0]?.message).toMatch(/no-such-module could not be loaded/);
    expect(await engine.isPackageAvailable('no-such-module')).toBe(false);
    expect(await engine.isPackageAvailable('orbit-math')).toBe(true);
  });

  it('installs a package from the ESM source into the cache, where it works offline afterwards', async () => {
    const installed = await engine.installPackage('tiny-clamp@2.1.0');
    expect(installed).toMatchObject({ success: true, installed: [{ name: 'tiny-clamp', version: '2.1.0', source: 'esm' }] });
    // A fresh engine with no online source at all still has it, from the cache.
    const offline = new JavaScriptEngine({ esmBaseUrl: null, packageCache: cache, policy: TIERS.unrestricted });
    try {
      const result = await offline.execute("import clamp from 'tiny-clamp';\nclamp(15, 0, 10)");
      expect(result.result).toBe(10);
      expect(await offline.listPackages()).toEqual([{ name: 'tiny-clamp', version: '2.1.0', source: 'esm' }]);
      const missing = await offline.installPackage('left-pad');
      expect(missing).toMatchObject({ success: false });
      expect(missing.message).toMatch(/left-pad is not available offline/);
    } finally {
      await offline.dispose();
    }
  });
});
