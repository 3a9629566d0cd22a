import type { Page } from '@playwright/test';
import { importDenied, type Tier } from '../../src/engines/policy';
import { cell, openDocument, openUnrestricted, tars } from './documents';
import { expect, test } from './fixtures';

/** A CONFIG block asking for a tier. */
function config(tier: Tier): string {
  return `CONFIG {\n    security: "${tier}"\n}\n`;
}

const javascript = (name: string, code: string) => ({ kind: 'JAVASCRIPT' as const, name, code });

function runCell(page: Page, name: string) {
  return page.evaluate((cellName) => window.playground.runCell(cellName), name);
}

// What user code would reach the network or storage with, looked for by name and on every
// object of the global object's prototype chain.
const HOST_APIS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches', 'localStorage', 'BroadcastChannel'];
const PROBE = [
  `const apis = ${JSON.stringify(HOST_APIS)};`,
  'const found = [];',
  'for (let scope = globalThis; scope !== null; scope = Object.getPrototypeOf(scope)) for (const name of Object.getOwnPropertyNames(scope)) if (apis.includes(name)) found.push(name);',
  '[typeof fetch, apis.map((name) => typeof globalThis[name]).filter((type) => type !== "undefined").length, found]',
].join('\n');

test('under Restrictive, importing the vendored orbit-math is a policy error naming it and the tier', async ({ page }) => {
  await openDocument(page, config('restrictive') + tars(javascript('orbit', "import { circleArea } from 'orbit-math';\ncircleArea(1)"), javascript('plain', '6 * 7')));
  const denied = await runCell(page, 'orbit');
  expect(denied.status).toBe('error');
  expect(denied.errors).toEqual([expect.objectContaining({ language: 'javascript', kind: 'policy', name: 'PolicyError', message: importDenied('orbit-math', 'restrictive') })]);
  await expect(cell(page, 'orbit').getByTestId('cell-output')).toContainText(importDenied('orbit-math', 'restrictive'));
  expect(await runCell(page, 'plain')).toMatchObject({ status: 'done', result: 42 });
  const violations = await page.evaluate(() => window.playground.audit().filter((entry) => entry.kind === 'violation').map((entry) => entry.detail));
  expect(violations).toContain(importDenied('orbit-math', 'restrictive'));
});

test('under Standard, orbit-math imports and a package from the ESM source is a policy error with no request leaving localhost', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await openDocument(
    page,
    config('standard') +
      tars(
        javascript('orbit', "import { circleArea } from 'orbit-math';\nMath.round(circleArea(1) * 1000) / 1000"),
        javascript('esm', "import clamp from 'tiny-clamp';\nclamp(15, 0, 10)"),
      ),
  );
  expect(await runCell(page, 'orbit')).toMatchObject({ status: 'done', result: 3.142 });
  const denied = await runCell(page, 'esm');
  expect(denied.errors).toEqual([expect.objectContaining({ kind: 'policy', name: 'PolicyError', message: importDenied('tiny-clamp', 'standard') })]);
  expect(requested.filter((url) => url.includes('tiny-clamp'))).toEqual([]);
});

for (const tier of ['restrictive', 'standard'] as const) {
  test(`under ${tier}, JavaScript has no fetch and finds no network or storage on its global object`, async ({ page }) => {
    await openDocument(page, config(tier) + tars(javascript('probe', PROBE)));
    const probe = await runCell(page, 'probe');
    expect(probe.errors).toEqual([]);
    expect(probe.result).toEqual(['undefined', 0, []]);
  });
}

test('under Restrictive, a memory bomb stops with a memory error and a JavaScript cell runs again afterwards', async ({ page }) => {
  // The arrays live in a function, so that the failed run leaves no global of millions of
  // numbers for the session to export (the unit tests cover a bomb that keeps its arrays).
  const bomb = 'function grow() {\n  const keep = [];\n  for (;;) keep.push(new Array(100000).fill(1.5));\n}\ngrow()';
  await openDocument(page, config('restrictive') + tars(javascript('before', 'const earlier = 41;'), javascript('bomb', bomb), javascript('after', 'earlier + 1')));
  expect(await runCell(page, 'before')).toMatchObject({ status: 'done' });
  const stopped = await runCell(page, 'bomb');
  expect(stopped.status).toBe('error');
  expect(stopped.errors).toEqual([expect.objectContaining({ language: 'javascript', kind: 'memory', name: 'MemoryError', line: 3 })]);
  expect(stopped.errors[0]?.message).toMatch(/^out of memory: .*64 MB.*restrictive/);
  const after = await runCell(page, 'after');
  expect(after).toMatchObject({ status: 'done', result: 42 });
});

test('under Unrestricted, once the user allows it, a cell fetches and imports from the ESM source', async ({ page, context, baseURL }) => {
  // The test stands in for the ESM source: the request is answered inside the browser process.
  await context.route('https://esm.sh/tiny-clamp', (route) =>
    route.fulfill({ body: 'export default function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)); }\n', contentType: 'text/javascript' }),
  );
  const manifest = new URL('modules/modules.json', baseURL).href;
  const code = [
    `const response = await fetch(${JSON.stringify(manifest)});`,
    "import clamp from 'tiny-clamp';",
    '[typeof fetch, response.ok, response.status, (await response.json())[0].name, clamp(15, 0, 10)]',
  ].join('\n');
  await openUnrestricted(page, tars(javascript('online', code)));
  const report = await runCell(page, 'online');
  expect(report.errors).toEqual([]);
  expect(report.result).toEqual(['function', true, 200, 'orbit-math', 10]);
});
