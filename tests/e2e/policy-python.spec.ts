import type { Page } from '@playwright/test';
import { pythonImportDenied, TIERS, type Tier } from '../../src/engines/policy';
import { buildWheel, wheelFileName } from '../support/wheel';
import { cell, openDocument, tars } from './documents';
import { expect, test } from './fixtures';

/** A CONFIG block asking for a tier, and for packages when given. */
function config(tier: Tier, packages: readonly string[] = []): string {
  const list = packages.length === 0 ? '' : `\n    packages: [${packages.map((name) => `"${name}"`).join(', ')}]`;
  return `CONFIG {\n    security: "${tier}"${list}\n}\n`;
}

const python = (name: string, code: string) => ({ kind: 'PYTHON' as const, name, code });
const javascript = (name: string, code: string) => ({ kind: 'JAVASCRIPT' as const, name, code });

function runCell(page: Page, name: string) {
  return page.evaluate((cellName) => window.playground.runCell(cellName), name);
}

// Python reaches the worker's global scope without `import js`, the way code that walks
// attributes can (the import check is not a sandbox), and looks for the network there: on the
// scope, through Object.getPrototypeOf, and on every object of its prototype chain.
const PROBE = [
  'import collections',
  'js = collections._sys.modules["js"]',
  'names = ["fetch", "XMLHttpRequest", "WebSocket", "EventSource", "importScripts", "indexedDB", "caches", "BroadcastChannel"]',
  // The page's policy refuses string evaluation, so the chain is walked from Python.
  'found = []',
  'owner = js.self',
  // JavaScript's null reaches Python as None or as Pyodide's JsNull, depending on its settings.
  'while type(owner).__name__ not in ("NoneType", "JsNull"):',
  '    own = set(js.Object.getOwnPropertyNames(owner))',
  '    found += [name for name in names if name in own]',
  '    owner = js.Object.getPrototypeOf(owner)',
  'attempts = []',
  'for attempt in (lambda: js.fetch("/"), lambda: js.indexedDB.open("probe"), lambda: js.Object.getPrototypeOf(js).fetch("/"), lambda: js.self.XMLHttpRequest.new()):',
  '    try:',
  '        attempt()',
  '        attempts.append("reached")',
  '    except AttributeError:',
  '        attempts.append("missing")',
  '[attempts, [hasattr(js, name) for name in names], found]',
].join('\n');

test('under Restrictive, import os fails with a policy error naming the module and the tier', async ({ page }) => {
  await openDocument(page, config('restrictive') + tars(python('shell', 'import math\nimport os'), python('fine', 'import json\njson.dumps({"ok": True})')));
  const denied = await runCell(page, 'shell');
  expect(denied.status).toBe('error');
  expect(denied.errors).toEqual([expect.objectContaining({ language: 'python', kind: 'policy', name: 'PolicyError', message: pythonImportDenied('os', TIERS.restrictive), line: 2 })]);
  await expect(cell(page, 'shell').getByTestId('cell-output')).toContainText(pythonImportDenied('os', TIERS.restrictive));
  const allowed = await runCell(page, 'fine');
  expect(allowed).toMatchObject({ status: 'done', result: '{"ok": true}' });
});

for (const tier of ['restrictive', 'standard'] as const) {
  test(`under ${tier}, Python finds no network on the worker's scope, and a local wheel still loads`, async ({ page, context, baseURL }) => {
    const spec = { name: 'tinywheel', version: '0.1.0', files: { 'tinywheel/__init__.py': 'VALUE = 1\n' } };
    await context.route(`**/test-wheels/${wheelFileName(spec)}`, (route) => route.fulfill({ body: Buffer.from(buildWheel(spec)), contentType: 'application/octet-stream' }));
    const wheelUrl = new URL(`/test-wheels/${wheelFileName(spec)}`, baseURL).href;
    await openDocument(page, config(tier, [wheelUrl]) + tars(python('importjs', 'import js\njs.fetch'), python('probe', PROBE)));

    const importJs = await runCell(page, 'importjs');
    expect(importJs.errors).toEqual([expect.objectContaining({ kind: 'policy', message: pythonImportDenied('js', TIERS[tier]) })]);

    // The cell ran after the document's wheel was installed, and the engine's load gave nothing back.
    const probe = await runCell(page, 'probe');
    expect(probe.errors).toEqual([]);
    expect(probe.result).toEqual([['missing', 'missing', 'missing', 'missing'], [false, false, false, false, false, false, false, false], []]);
    const packages = await page.evaluate(() => window.playground.python.listPackages());
    expect(packages).toEqual(expect.arrayContaining([{ name: 'tinywheel', version: '0.1.0', source: 'wheel' }]));
  });
}

test('under Restrictive, a memory bomb stops with a memory error, and a Python cell runs again afterwards', async ({ page }) => {
  const bomb = 'b = bytearray()\nwhile True:\n    b += bytearray(8 * 1024 * 1024)';
  await openDocument(page, config('restrictive') + tars(python('bomb', bomb), python('after', 'print(6 * 7)')));
  const stopped = await runCell(page, 'bomb');
  expect(stopped.status).toBe('error');
  expect(stopped.errors).toEqual([expect.objectContaining({ language: 'python', kind: 'memory', name: 'MemoryError', line: 3 })]);
  expect(stopped.errors[0]?.message).toContain('restrictive');
  expect(stopped.errors[0]?.message).toContain('64 MB');
  const after = await runCell(page, 'after');
  expect(after.status).toBe('done');
  await expect(cell(page, 'after').getByTestId('cell-output')).toHaveText('42');
});

const EVERYDAY = [
  'random', 'time', 'statistics', 'sys', 'dataclasses', 'typing', 'string', 'textwrap', 'decimal', 'fractions', 'heapq', 'bisect', 'enum', 'csv', 'io', 'copy',
  'pprint', 'array', 'hashlib', 'base64', 'uuid', 'struct', 'difflib', 'unicodedata', 'itertools', 'functools', 'operator', 'math', 'datetime', 'json', 're',
  'collections', 'os.path', 'abc', 'contextlib', 'calendar', 'zoneinfo',
];

test('under Standard, everyday Python runs; socket is refused with how to allow it, and Unrestricted from the menu allows it', async ({ page }) => {
  const everyday = `import ${EVERYDAY.join(', ')}\nwith open("rows.csv", "w") as f:\n    f.write("a,1\\nb,2\\n")\nsum(int(v) for _, v in csv.reader(open("rows.csv")))`;
  await openDocument(page, tars(python('everyday', everyday), python('outside', 'import socket, urllib.request\n"reached"')));
  await expect(page.getByTestId('policy-badge')).toHaveText('standard');
  expect(await runCell(page, 'everyday')).toMatchObject({ status: 'done', errors: [], result: 3 });
  const refused = await runCell(page, 'outside');
  expect(refused.errors).toEqual([expect.objectContaining({ kind: 'policy', message: pythonImportDenied('socket', TIERS.standard) })]);
  await expect(cell(page, 'outside').getByTestId('cell-output')).toContainText('Choose Unrestricted from the policy menu to allow it.');

  await page.getByTestId('policy-badge').click();
  await page.getByTestId('policy-choose-unrestricted').click();
  await expect(page.getByTestId('elevation-dialog')).toContainText('You chose to run this document under the unrestricted tier');
  await page.getByTestId('elevation-allow').click();
  await expect(page.getByTestId('policy-badge')).toHaveText('unrestricted');
  expect(await runCell(page, 'outside')).toMatchObject({ status: 'done', errors: [], result: 'reached' });
});

test('the policy menu changes the tier with consent, and lowering it replaces both engines', async ({ page }) => {
  // Python starts three times here, once per tier.
  test.setTimeout(240_000);
  await openDocument(
    page,
    tars(
      python('keep', 'kept = "granted under unrestricted"'),
      python('read', 'kept'),
      python('listing', 'import collections\nos = collections._sys.modules["os"]\nos.listdir("/")'),
      javascript('jskeep', 'var jskept = "granted under unrestricted"'),
      javascript('jsread', 'jskept'),
    ),
  );
  await page.getByTestId('policy-badge').click();
  await page.getByTestId('policy-choose-unrestricted').click();
  // Refused: the tier stays Standard and nothing is replaced.
  await page.getByTestId('elevation-deny').click();
  await expect(page.getByTestId('policy-badge')).toHaveText('standard (asks unrestricted)');
  await page.getByTestId('policy-badge').click();
  await page.getByTestId('policy-choose-unrestricted').click();
  await page.getByTestId('elevation-allow').click();
  await expect(page.getByTestId('policy-badge')).toHaveText('unrestricted');
  expect(await runCell(page, 'keep')).toMatchObject({ status: 'done' });
  expect(await runCell(page, 'read')).toMatchObject({ status: 'done', result: 'granted under unrestricted' });
  expect(await runCell(page, 'jskeep')).toMatchObject({ status: 'done' });
  expect(await runCell(page, 'jsread')).toMatchObject({ status: 'done', result: 'granted under unrestricted' });

  await page.getByTestId('policy-badge').click();
  await page.getByTestId('policy-choose-standard').click();
  await expect(page.getByTestId('policy-badge')).toHaveText('standard');
  const gone = await runCell(page, 'read');
  expect(gone.errors).toEqual([expect.objectContaining({ kind: 'runtime', name: 'NameError' })]);
  // The JavaScript engine's worker was replaced too: what it held under Unrestricted is gone.
  const jsGone = await runCell(page, 'jsread');
  expect(jsGone.errors).toEqual([expect.objectContaining({ kind: 'runtime', name: 'ReferenceError' })]);
  expect((await runCell(page, 'listing')).status).toBe('done');

  // Restrictive's guard holds in the real worker, below the import check.
  await page.getByTestId('policy-badge').click();
  await page.getByTestId('policy-choose-restrictive').click();
  await expect(page.getByTestId('policy-badge')).toHaveText('restrictive');
  const listing = await runCell(page, 'listing');
  expect(listing.errors).toEqual([expect.objectContaining({ kind: 'policy', name: 'PermissionError' })]);
  expect(listing.errors[0]?.message).toMatch(/^os\.listdir\("\/"\) is not allowed under the restrictive policy: it has no file system\./);
  const restarts = await page.evaluate(() => window.playground.audit().flatMap((entry) => (entry.kind === 'restart' ? [`${entry.language ?? '?'}: ${entry.detail}`] : [])));
  // Each engine that had started under the higher tier got a fresh worker, each time it was lowered.
  const replaced = (to: Tier, from: Tier) => `the worker was replaced for the ${to} tier (was ${from}); its state was lost`;
  for (const language of ['python', 'javascript']) {
    expect(restarts.filter((entry) => entry.startsWith(`${language}: `))).toEqual([`${language}: ${replaced('standard', 'unrestricted')}`, `${language}: ${replaced('restrictive', 'standard')}`]);
  }
});
