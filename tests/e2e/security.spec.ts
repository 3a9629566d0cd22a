/**
 * The tiers' promise tried as an attacker would (issue 16): an attacker's server on another
 * local port records every request, and each road out that was found is tried from Python and
 * from JavaScript. Under Restrictive and Standard nothing may reach the server or leave storage
 * the page can list. The same probes escape from a bare worker with no policy, and `fetch`
 * escapes under Unrestricted with the user's consent: proof that the test sees an escape.
 */
import type { ConsoleMessage, Page } from '@playwright/test';
import { EVAL_ROADS, JS_ROADS, PYODIDE_ROADS, ROADS } from './attack-roads';
import { HTML_HITS, htmlPayload, htmlRan, javascriptCellProbe, javascriptStaticImport, LISTEN_BROADCAST, PAGE_STORAGE, pythonFileSystemProbe, pythonProbe, type Target } from './attack-scripts';
import { config, expect, load, runCell, test } from './attack-fixtures';
import type { AttackerServer, RecordedRequest } from './attacker-server';
import { openUnrestricted, tars } from './documents';

/** Requests still under way when a cell ends (a nested worker's, a socket's) have this long to arrive. */
const STRAGGLERS_MS = 1000;

type Storage = Record<string, string[]>;

function isStorage(value: unknown): value is Storage {
  return typeof value === 'object' && value !== null && Object.values(value).every((names) => Array.isArray(names) && names.every((name) => typeof name === 'string'));
}

/** What storage the page can list that a probe run under one of these tags left, by road. */
async function storageLeft(page: Page, tags: readonly string[]): Promise<Storage> {
  const seen: unknown = await page.evaluate(PAGE_STORAGE);
  if (!isStorage(seen)) throw new Error('the page storage listing gave no lists');
  return Object.fromEntries(Object.entries(seen).map(([road, names]) => [road, names.filter((name) => tags.some((tag) => name === `attack-${tag}`))]));
}

const NOTHING_LEFT: Storage = Object.fromEntries(ROADS.filter((road) => road.kind === 'storage').map((road) => [road.name, []]));

/** Each request as one line, for messages that say which road escaped. */
const lines = (requests: readonly RecordedRequest[]) => requests.map((request) => `${request.upgrade ? 'UPGRADE' : request.method} ${request.path}`);

/** The lines a probe cell printed, checked to name every probe it was given. */
function expectEveryProbeRan(output: string, prefix: string, names: readonly string[]): void {
  const printed = output.split('\n');
  for (const name of names) expect.soft(printed.some((line) => line.startsWith(`${prefix} ${name}:`)), `the probe "${prefix} ${name}" printed its outcome`).toBe(true);
}

async function expectNoEscape(attacker: AttackerServer, page: Page, tags: readonly string[]): Promise<void> {
  await page.waitForTimeout(STRAGGLERS_MS);
  expect.soft(lines(attacker.requests), 'requests that reached the attacker').toEqual([]);
  expect.soft(await storageLeft(page, tags), 'storage the page can list').toEqual(NOTHING_LEFT);
}

test('a bare worker with no policy reaches the attacker and leaves storage its page sees, by every road', async ({ page, attacker }) => {
  attacker.clear();
  await page.goto(`http://127.0.0.1:${String(attacker.port)}/bare-page/index.html`);
  await page.evaluate(LISTEN_BROADCAST);
  const outcomes: unknown = await page.evaluate('runBareWorker()');
  await test.info().attach('outcomes', { body: JSON.stringify(outcomes, null, 2) });
  expect(typeof outcomes === 'object' && outcomes !== null ? Object.keys(outcomes).sort() : outcomes).toEqual(ROADS.map((road) => road.name).sort());
  await page.waitForTimeout(STRAGGLERS_MS);
  const paths = attacker.requests.map((request) => request.path);
  for (const road of ROADS.filter((candidate) => candidate.bare && candidate.kind === 'network')) {
    for (const hit of road.hits) expect.soft(paths, `${road.name} reached the attacker`).toContain(`/bare-worker${hit}`);
  }
  expect.soft(paths, 'the imported module ran').toContain(`/ran-module?from=${encodeURIComponent('/bare-worker/import.mjs')}`);
  const left = await storageLeft(page, ['bare-worker']);
  for (const road of ROADS.filter((candidate) => candidate.bare && candidate.kind === 'storage')) expect.soft(left[road.name], `${road.name} left storage`).toEqual(['attack-bare-worker']);
});

/** Console lines of every frame of a page from now until `stop()`: the HTML payload's inline script logs one as it runs. */
function consoleOf(page: Page): { readonly lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const listener = (message: ConsoleMessage) => {
    lines.push(message.text());
  };
  page.on('console', listener);
  return { lines, stop: () => page.off('console', listener) };
}

test('HTML in a sandboxed frame with no policy reaches the attacker by every road', async ({ page, attacker }) => {
  await page.goto(`http://127.0.0.1:${String(attacker.port)}/bare-page/index.html`);
  attacker.clear();
  const heard = consoleOf(page);
  await page.evaluate(`showHtml(${JSON.stringify(htmlPayload({ port: attacker.port, tag: 'bare-html' }))})`);
  await expect.poll(() => attacker.requests.map((request) => request.path)).toEqual(expect.arrayContaining(HTML_HITS.map((hit) => `/bare-html${hit}`)));
  expect(heard.lines, 'the inline script ran, and the test sees it').toContain(htmlRan('bare-html'));
  heard.stop();
});

for (const tier of ['restrictive', 'standard'] as const) {
  test(`under ${tier}, Python reaches neither the attacker nor storage the page sees, by any road to the worker's JavaScript`, async ({ app, attacker }) => {
    const target: Target = { port: attacker.port, tag: `py-${tier}` };
    const suite: Target = { port: attacker.port, tag: `pyjs-${tier}` };
    await load(app.page, config({ security: tier }) + tars({ kind: 'PYTHON', name: 'attack', code: pythonProbe(target, suite) }));
    await app.page.evaluate(LISTEN_BROADCAST);
    attacker.clear();
    const report = await runCell(app.page, 'attack');
    await test.info().attach('cell output', { body: report.output });
    expect.soft(report.errors, 'the probe cell itself ran').toEqual([]);
    expectEveryProbeRan(report.output, 'js-road', ['import js', ...JS_ROADS.map((road) => road.name)]);
    expectEveryProbeRan(report.output, 'probe', [...ROADS.filter((road) => road.py !== null).map((road) => road.name), ...PYODIDE_ROADS.map((road) => road.name)]);
    expectEveryProbeRan(report.output, 'eval', EVAL_ROADS.map((road) => road.name));
    expect.soft(report.output, 'the JavaScript suite was tried').toMatch(/^suite/m);
    await expectNoEscape(attacker, app.page, [target.tag, suite.tag]);
  });

  test(`under ${tier}, a JavaScript cell reaches neither the attacker nor storage the page sees`, async ({ app, attacker }) => {
    const target: Target = { port: attacker.port, tag: `js-${tier}` };
    await load(
      app.page,
      config({ security: tier }) +
        tars({ kind: 'JAVASCRIPT', name: 'attack', code: javascriptCellProbe(target) }, { kind: 'JAVASCRIPT', name: 'static', code: javascriptStaticImport(target) }),
    );
    attacker.clear();
    const report = await runCell(app.page, 'attack');
    await test.info().attach('cell output', { body: report.output });
    expect.soft(report.errors).toEqual([]);
    // QuickJS's scope holds none of the worker's capabilities (the same line shows fetch under Unrestricted, below).
    expect.soft(report.output.split('\n').filter((line) => line.startsWith('globals:')), 'the capabilities the cell has').toEqual(['globals: none']);
    expectEveryProbeRan(report.output, 'probe', [...ROADS.map((road) => road.name), 'import-variable']);
    const imported = await runCell(app.page, 'static');
    expect.soft(imported.output, 'the static import did not run').not.toContain('static import ran');
    await expectNoEscape(attacker, app.page, [target.tag]);
  });
}

for (const tier of ['restrictive', 'standard'] as const) {
  test(`under ${tier}, HTML output from Python and JavaScript makes no request`, async ({ app, attacker }) => {
    const fromPython = htmlPayload({ port: attacker.port, tag: `html-py-${tier}` });
    const fromJavaScript = htmlPayload({ port: attacker.port, tag: `html-js-${tier}` });
    await load(
      app.page,
      config({ security: tier }) +
        tars({ kind: 'PYTHON', name: 'pyhtml', code: `display({"text/html": ${JSON.stringify(fromPython)}})` }, { kind: 'JAVASCRIPT', name: 'jshtml', code: `display({ 'text/html': ${JSON.stringify(fromJavaScript)} })` }),
    );
    attacker.clear();
    const heard = consoleOf(app.page);
    try {
      for (const name of ['pyhtml', 'jshtml']) expect.soft((await runCell(app.page, name)).errors, `${name} ran`).toEqual([]);
      // The frames are in the page: what they load is on its way once they are attached.
      await expect(app.page.locator('iframe.html-frame')).toHaveCount(2);
      // Each payload's inline script ran, so its fetch, image and navigation were really tried.
      await expect.poll(() => heard.lines, 'the inline scripts ran').toEqual(expect.arrayContaining([htmlRan(`html-py-${tier}`), htmlRan(`html-js-${tier}`)]));
      await app.page.waitForTimeout(STRAGGLERS_MS);
      expect(lines(attacker.requests), 'requests that reached the attacker').toEqual([]);
    } finally {
      heard.stop();
    }
  });
}

test('under Restrictive, Python finds no file system by any road to os or open', async ({ app }) => {
  await load(app.page, config({ security: 'restrictive' }) + tars({ kind: 'PYTHON', name: 'files', code: pythonFileSystemProbe('restrictive') }));
  const report = await runCell(app.page, 'files');
  await test.info().attach('cell output', { body: report.output });
  expect.soft(report.errors, 'the probe cell itself ran').toEqual([]);
  const attempts = report.output.split('\n').filter((line) => line.startsWith('fs '));
  expect(attempts).toHaveLength(6 + 4);
  for (const attempt of attempts) expect.soft(attempt).toMatch(/: blocked /);
});

test('under Unrestricted with consent, the same fetch from Python and from JavaScript reaches the attacker', async ({ page, attacker }) => {
  const python: Target = { port: attacker.port, tag: 'py-unrestricted' };
  const javascript: Target = { port: attacker.port, tag: 'js-unrestricted' };
  await openUnrestricted(
    page,
    tars({ kind: 'PYTHON', name: 'attack', code: pythonProbe(python, { port: attacker.port, tag: 'pyjs-unrestricted' }) }, { kind: 'JAVASCRIPT', name: 'attackjs', code: javascriptCellProbe(javascript) }),
  );
  attacker.clear();
  const fromPython = await runCell(page, 'attack');
  const fromJavaScript = await runCell(page, 'attackjs');
  await test.info().attach('Python output', { body: fromPython.output });
  await test.info().attach('JavaScript output', { body: fromJavaScript.output });
  await page.waitForTimeout(STRAGGLERS_MS);
  await test.info().attach('requests', { body: lines(attacker.requests).join('\n') });
  const paths = attacker.requests.map((request) => request.path);
  expect(paths).toEqual(expect.arrayContaining(['/py-unrestricted/fetch', '/py-unrestricted/pyfetch', '/js-unrestricted/fetch']));
  expect(fromPython.output).toContain('probe fetch: settled');
  expect(fromJavaScript.output).toContain('probe fetch: settled');
  // The globals line sees a capability where the cell has one.
  expect(fromJavaScript.output).toMatch(/^globals: fetch$/m);
});
