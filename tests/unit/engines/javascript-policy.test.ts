import debugVariant from '@jitl/quickjs-wasmfile-debug-sync';
import { newQuickJSWASMModuleFromVariant, TestQuickJSWASMModule } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JavaScriptEngine } from '../../../src/engines/javascript-engine';
import { importDenied, TIERS } from '../../../src/engines/policy';

// The security tiers in the JavaScript engine. A stubbed fetch plays the app's modules folder,
// the ESM package source and the web, and records every request, so a test can tell that a
// denied import was decided before anything was asked for. Most tests run the debug build of
// QuickJS, whose leak checks run in afterAll; memory bombs run the release build, because the
// debug build's sanitizer aborts the process when the heap cannot grow.
const APP = 'http://app.test';
const ESM = 'https://esm.example/';
const FILES: Record<string, { body: string; type: string }> = {
  [`${APP}/modules/modules.json`]: { type: 'application/json', body: JSON.stringify([{ name: 'orbit-math', version: '1.0.0', file: 'orbit-math/index.js' }]) },
  [`${APP}/modules/orbit-math/index.js`]: { type: 'text/javascript', body: 'export function circleArea(r) { return Math.PI * r * r; }\n' },
  [`${ESM}tiny-clamp`]: { type: 'text/javascript', body: 'export default function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)); }\n' },
  'https://api.example/orbit.json': { type: 'application/json', body: JSON.stringify({ name: 'orbit', radius: 6371 }) },
  'https://api.example/greeting.txt': { type: 'text/plain; charset=utf-8', body: 'héllo 🪐' },
};

interface Recorded {
  readonly url: string;
  readonly method: string;
  readonly body: string | null;
  readonly headers: Record<string, string>;
}
const requests: Recorded[] = [];
/** Requests to hold open until released, by URL. */
const held = new Map<string, () => void>();

const stubFetch: typeof fetch = async (input, init) => {
  const url = input instanceof URL ? input.href : typeof input === 'string' ? input : input.url;
  const body = init?.body === undefined || init.body === null ? null : await new Response(init.body).text();
  requests.push({ url, method: init?.method ?? 'GET', body, headers: Object.fromEntries(new Headers(init?.headers)) });
  if (url === 'https://api.example/unreachable') throw new TypeError('network error');
  if (url === 'https://api.example/slow') await new Promise<void>((resolve) => held.set(url, resolve));
  if (url === 'https://api.example/echo') return new Response(body, { status: 201, statusText: 'Created', headers: { 'x-echo': 'yes' } });
  const file = FILES[url];
  return file ? new Response(file.body, { status: 200, headers: { 'content-type': file.type } }) : new Response('missing', { status: 404, statusText: 'Not Found' });
};

const sources = { vendoredModulesUrl: `${APP}/modules/`, esmBaseUrl: ESM, fetch: stubFetch };
let module: TestQuickJSWASMModule;
let engine: JavaScriptEngine;

beforeAll(async () => {
  module = new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(debugVariant));
  engine = new JavaScriptEngine({ ...sources, loadModule: () => Promise.resolve(module), maxStackBytes: 48 * 1024 });
  await engine.init();
});

beforeEach(() => {
  requests.length = 0;
});

afterAll(async () => {
  for (const release of held.values()) release();
  await engine.dispose();
  expect([...module.runtimes].filter((runtime) => runtime.alive)).toEqual([]);
  expect([...module.contexts].filter((context) => context.alive)).toEqual([]);
  expect(module.getFFI().QTS_RecoverableLeakCheck()).toBe(0);
});

describe('module imports by tier', () => {
  it('restrictive denies a vendored module, statically, dynamically and by a computed name, without a request', async () => {
    await engine.setPolicy(TIERS.restrictive);
    const message = importDenied('orbit-math', 'restrictive');
    const runs = [
      "import { circleArea } from 'orbit-math';\ncircleArea(1)",
      "const { circleArea } = await import('orbit-math');\ncircleArea(1)",
      "const name = ['orbit', 'math'].join('-');\nconst { circleArea } = await import(name);\ncircleArea(1)",
    ];
    for (const code of runs) {
      const result = await engine.execute(code, { cellId: 'denied' });
      expect(result.success).toBe(false);
      expect(result.errors[0]).toMatchObject({ language: 'javascript', kind: 'policy', name: 'PolicyError', message, cellId: 'denied' });
    }
    expect(message).toContain("'orbit-math'");
    expect(message).toContain('restrictive');
    expect(requests).toEqual([]);
  });

  it('standard imports a vendored module and denies a package from the ESM source without fetching it', async () => {
    await engine.setPolicy(TIERS.standard);
    const allowed = await engine.execute("import { circleArea } from 'orbit-math';\nMath.round(circleArea(2) * 100) / 100");
    expect(allowed.errors).toEqual([]);
    expect(allowed.result).toBe(12.57);

    const denied = await engine.execute("import clamp from 'tiny-clamp';\nclamp(15, 0, 10)");
    expect(denied.errors[0]).toMatchObject({ kind: 'policy', name: 'PolicyError', message: importDenied('tiny-clamp', 'standard') });
    const byUrl = await engine.execute(`await import('${ESM}tiny-clamp')`);
    expect(byUrl.errors[0]).toMatchObject({ kind: 'policy', message: importDenied(`${ESM}tiny-clamp`, 'standard') });
    const outOfFolder = await engine.execute("await import('../assets/app.js')");
    expect(outOfFolder.errors[0]).toMatchObject({ kind: 'policy' });
    expect(requests.map((request) => request.url).filter((url) => !url.startsWith(`${APP}/modules/`))).toEqual([]);
  });

  it('a module loaded under a looser tier is denied again under a stricter one', async () => {
    await engine.setPolicy(TIERS.standard);
    expect((await engine.execute("const m1 = await import('orbit-math');\ntypeof m1.circleArea")).result).toBe('function');
    await engine.setPolicy(TIERS.restrictive);
    const again = await engine.execute("const m2 = await import('orbit-math');\ntypeof m2.circleArea");
    expect(again.errors[0]).toMatchObject({ kind: 'policy', message: importDenied('orbit-math', 'restrictive') });
    // QuickJS holds the module already; the loader's check still stands between it and the cell.
    const computed = await engine.execute("const m3 = await import(['orbit', 'math'].join('-'));\ntypeof m3.circleArea");
    expect(computed.errors[0]).toMatchObject({ kind: 'policy', message: importDenied('orbit-math', 'restrictive') });
    await expect(engine.importModule('orbit-math')).rejects.toMatchObject({ name: 'PolicyError', message: importDenied('orbit-math', 'restrictive') });
  });

  it('unrestricted imports a package from the ESM source', async () => {
    await engine.setPolicy(TIERS.unrestricted);
    const result = await engine.execute("import clamp from 'tiny-clamp';\nclamp(15, 0, 10)");
    expect(result.errors).toEqual([]);
    expect(result.result).toBe(10);
    expect(requests.map((request) => request.url)).toContain(`${ESM}tiny-clamp`);
  });

  it('a policy error the cell throws itself stays a runtime error', async () => {
    await engine.setPolicy(TIERS.standard);
    const result = await engine.execute(`throw Object.assign(new Error(${JSON.stringify(importDenied('x', 'standard'))}), { name: 'PolicyError' })`);
    expect(result.errors[0]).toMatchObject({ kind: 'runtime', name: 'PolicyError' });
  });
});

describe('network and storage', () => {
  const HOST_APIS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches', 'localStorage', 'sessionStorage', 'BroadcastChannel', 'navigator'];
  const probe = `[${HOST_APIS.map((name) => `typeof ${name}`).join(', ')}]`;

  it.each([['restrictive'], ['standard']] as const)('under %s user code has no fetch, sockets or storage', async (tier) => {
    await engine.setPolicy(TIERS[tier]);
    expect((await engine.execute(probe)).result).toEqual(HOST_APIS.map(() => 'undefined'));
    // Nor under another spelling: nothing on the global object or its prototypes names one.
    const found = await engine.execute(`const apis = ${JSON.stringify(HOST_APIS.map((name) => name.toLowerCase()))};
const names = [];
for (let scope = globalThis; scope !== null; scope = Object.getPrototypeOf(scope)) names.push(...Object.getOwnPropertyNames(scope));
names.filter((name) => apis.includes(name.toLowerCase()))`);
    expect(found.result).toEqual([]);
  });

  it('unrestricted gives a fetch that answers with a Response-like object', async () => {
    await engine.setPolicy(TIERS.unrestricted);
    expect((await engine.execute('typeof fetch')).result).toBe('function');
    const json = await engine.execute([
      "const response = await fetch('https://api.example/orbit.json');",
      '[response.ok, response.status, response.url, response.headers["content-type"], await response.json()]',
    ].join('\n'));
    expect(json.errors).toEqual([]);
    expect(json.result).toEqual([true, 200, 'https://api.example/orbit.json', 'application/json', { name: 'orbit', radius: 6371 }]);
    // The bridge is a global of the engine, not something the cell exported.
    expect(json.exports).not.toContain('fetch');

    const text = await engine.execute("await (await fetch('https://api.example/greeting.txt')).text()");
    expect(text.result).toBe('héllo 🪐');
    const bytes = await engine.execute("new Uint8Array(await (await fetch('https://api.example/greeting.txt')).arrayBuffer())");
    expect(bytes.result).toEqual(new TextEncoder().encode('héllo 🪐'));

    const posted = await engine.execute([
      "const sent = await fetch('https://api.example/echo', { method: 'post', headers: { 'X-Orbit': 'leo' }, body: JSON.stringify({ n: 1 }) });",
      '[sent.status, sent.statusText, sent.headers["x-echo"], await sent.text()]',
    ].join('\n'));
    expect(posted.result).toEqual([201, 'Created', 'yes', '{"n":1}']);
    expect(requests.at(-1)).toMatchObject({ url: 'https://api.example/echo', method: 'POST', body: '{"n":1}', headers: { 'x-orbit': 'leo' } });

    const missing = await engine.execute("const gone = await fetch('https://api.example/nothing');\n[gone.ok, gone.status, gone.statusText]");
    expect(missing.result).toEqual([false, 404, 'Not Found']);
    const failed = await engine.execute("await fetch('https://api.example/unreachable')");
    expect(failed.errors[0]).toMatchObject({ kind: 'runtime', name: 'TypeError', message: 'fetch failed: network error' });
  });

  it('going back to standard takes fetch away, and a kept reference is denied', async () => {
    await engine.setPolicy(TIERS.unrestricted);
    await engine.execute('globalThis.keptFetch = fetch');
    await engine.setPolicy(TIERS.standard);
    expect((await engine.execute('typeof fetch')).result).toBe('undefined');
    const result = await engine.execute("await keptFetch('https://api.example/orbit.json')");
    expect(result.errors[0]).toMatchObject({ kind: 'policy', name: 'PolicyError', message: 'network access is not allowed under the standard policy' });
    expect(requests).toEqual([]);
  });

  it('a reset while a request is under way frees it, and the new context follows the policy', async () => {
    await engine.setPolicy(TIERS.unrestricted);
    const waiting = await engine.execute("await fetch('https://api.example/slow')", { timeoutMs: 50 });
    expect(waiting.errors[0]).toMatchObject({ kind: 'timeout' });
    await engine.reset();
    held.get('https://api.example/slow')?.();
    expect((await engine.execute('typeof fetch')).result).toBe('function');
    await engine.setPolicy(TIERS.restrictive);
    await engine.reset();
    expect((await engine.execute('typeof fetch')).result).toBe('undefined');
  });
});

describe('memory', () => {
  it('an allocation past the limit is a memory error naming the limit and tier, and globals survive', async () => {
    await engine.setPolicy(TIERS.restrictive);
    await engine.execute('const before = "kept";');
    const result = await engine.execute('new Float64Array(16 * 1024 * 1024).length', { cellId: 'big' });
    expect(result.errors[0]).toMatchObject({ kind: 'memory', name: 'MemoryError', cellId: 'big' });
    expect(result.errors[0]?.message).toBe('out of memory: the heap may not grow past 64 MB under the restrictive policy');
    expect((await engine.execute('before + "!"')).result).toBe('kept!');
  });

  it('a memory bomb ends at the tier limit and the engine keeps running with its globals', async () => {
    // The release build, on the heap cap the engine gives it by default.
    const capped = new JavaScriptEngine({ policy: TIERS.restrictive });
    try {
      await capped.execute('const earlier = 41;');
      // Many arrays of under a megabyte each: QuickJS's own limit, which counts allocations, lets them through.
      const bomb = await capped.execute('function grow() { const keep = []; for (;;) keep.push(new Array(100000).fill(1.5)); }\ngrow()');
      expect(bomb.errors[0]).toMatchObject({ kind: 'memory', name: 'MemoryError', line: 1 });
      expect(bomb.errors[0]?.message).toMatch(/^out of memory: .*64 MB.*restrictive/);
      expect((await capped.execute('earlier + 1')).result).toBe(42);

      // 96 MB held at once is past Restrictive's limit and within Standard's.
      const held = 'const blocks = []; for (let i = 0; i < 12; i++) blocks.push(new Float64Array(1 << 20)); blocks.length';
      expect((await capped.execute(held)).errors[0]).toMatchObject({ kind: 'memory' });
      await capped.setPolicy(TIERS.standard);
      expect((await capped.execute(held)).result).toBe(12);
      await capped.execute('blocks.length = 0');
    } finally {
      await capped.dispose();
    }
  });

  it('a bomb that keeps what it took leaves a full heap that frees again', async () => {
    const capped = new JavaScriptEngine({ policy: TIERS.restrictive });
    try {
      const bomb = await capped.execute('const keep = [];\nfor (;;) keep.push(new Array(100000).fill(1.5));');
      expect(bomb.errors[0]).toMatchObject({ kind: 'memory' });
      expect((await capped.execute('keep.length > 0')).result).toBe(true);
      await capped.execute('keep.length = 0');
      expect((await capped.execute('new Array(100000).fill(2).length')).result).toBe(100000);
    } finally {
      await capped.dispose();
    }
  });
});
