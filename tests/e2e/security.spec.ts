/**
 * The tiers' promise tried as an attacker would (issue 16): an attacker's server on another
 * local port records every request, and each road out that was found is tried from Python and
 * from JavaScript. Under Restrictive and Standard nothing may reach the server or leave storage
 * the page can list. The same probes escape from a bare worker with no policy, and `fetch`
 * escapes under Unrestricted with the user's consent: proof that the test sees an escape.
 */
import type { ConsoleMessage, Page } from '@playwright/test';
import { ROADS } from './attack-roads';
import { HTML_HITS, htmlPayload, htmlRan, LISTEN_BROADCAST, pythonFileSystemProbe } from './attack-scripts';
import { expectJavaScriptContained, expectPythonContained, expectUnrestrictedEscape, lines, storageLeft, STRAGGLERS_MS, unrestrictedProbes } from './attack-checks';
import { config, expect, load, runCell, test } from './attack-fixtures';
import { openUnrestricted, tars } from './documents';

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
    await expectPythonContained(app.page, attacker, tier, tier);
  });

  test(`under ${tier}, a JavaScript cell reaches neither the attacker nor storage the page sees`, async ({ app, attacker }) => {
    await expectJavaScriptContained(app.page, attacker, tier, tier);
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
  await openUnrestricted(page, unrestrictedProbes(attacker, 'unrestricted'));
  await expectUnrestrictedEscape(page, attacker, 'unrestricted');
});
