/**
 * The engine workers' Content-Security-Policies (SPEC §5): Restrictive and Standard engines run
 * in workers made by a policy frame of their tier, under the page's policy and their own; each
 * proves as it starts that the directives its tier relies on are in force; Unrestricted
 * engines run in workers without a policy. tests/e2e/confinement-loosened.spec.ts serves the
 * page with its policies taken away or loosened.
 */
import type { Page } from '@playwright/test';
import type { ConfinementProof } from '../../src/engines/confinement';
import { POLICY_FRAME_ATTRIBUTE } from '../../src/runtime/policy-frame';
import { cell, openDocument, openUnrestricted, tars } from './documents';
import { expect, test } from './fixtures';

/** Where the test build fetches packages from (the defaults): the page's policy lets both through. */
const PYODIDE_SOURCE = 'https://cdn.jsdelivr.net';
const ESM_SOURCE = 'https://esm.sh';

const CELLS = tars(
  // Pyodide's own road to string evaluation in the worker's JavaScript.
  { kind: 'PYTHON', name: 'py', code: 'import collections\njs = collections._sys.modules["js"]\ntry:\n    print("evaluated", js.eval("6 * 7"))\nexcept Exception as error:\n    print("refused", getattr(error, "name", type(error).__name__))' },
  { kind: 'JAVASCRIPT', name: 'js', code: 'console.log("ran")' },
);

/** Whether the worker is cross-origin isolated, with the shared memory that Python's interrupts need. */
const ISOLATION = tars({ kind: 'PYTHON', name: 'isolation', code: 'import collections\njs = collections._sys.modules["js"]\nprint(js.crossOriginIsolated, hasattr(js, "SharedArrayBuffer"))' });

const config = (tier: string) => `CONFIG {\n    security: "${tier}"\n}\n`;

async function openPerformance(page: Page): Promise<void> {
  const toggle = page.getByTestId('toggle-panel');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByTestId('tab-performance').click();
}

function proofOf(page: Page, language: 'python' | 'javascript'): Promise<ConfinementProof | null> {
  return page.evaluate((name) => window.playground[name].confinement(), language);
}

/** The checks a proof made, each as `directive target`, with whether it was refused. */
function refusals(proof: ConfinementProof | null): Record<string, boolean> {
  return Object.fromEntries((proof?.checks ?? []).map((check) => [`${check.directive} ${check.target}`, check.refused]));
}

/** The labels of the policy frames in the page, sorted. */
function policyFrames(page: Page): Promise<string[]> {
  return page.evaluate((attribute) => [...document.querySelectorAll(`iframe[${attribute}]`)].map((frame) => frame.getAttribute(attribute) ?? '').sort(), POLICY_FRAME_ATTRIBUTE);
}

test('Standard engines run under their own policy, prove each directive it relies on, and say so in the Performance panel', async ({ page }) => {
  await openDocument(page, CELLS + '\n' + ISOLATION);
  await page.evaluate(() => window.playground.runAll());
  await expect(cell(page, 'py').getByTestId('cell-output')).toHaveText('refused EvalError');
  await expect(cell(page, 'js').getByTestId('cell-output')).toHaveText('ran');
  // A policy frame keeps the page's cross-origin isolation for its worker.
  const isolated = await page.evaluate(() => crossOriginIsolated);
  await expect(cell(page, 'isolation').getByTestId('cell-output')).toHaveText(isolated ? 'True True' : 'False False');
  const python = await proofOf(page, 'python');
  const javascript = await proofOf(page, 'javascript');
  expect(python).toMatchObject({ proven: true, tier: 'standard' });
  expect(javascript).toMatchObject({ proven: true, tier: 'standard' });
  const common = { 'script-src eval': true, 'font-src http://127.0.0.1:9/confinement-probe.woff2': true, 'connect-src http://127.0.0.1:9/confinement-probe': true };
  // Each engine's policy lets its own package source through, and refuses the other's.
  expect(refusals(python)).toEqual({ ...common, [`connect-src ${ESM_SOURCE}/`]: true });
  expect(refusals(javascript)).toEqual({ ...common, [`connect-src ${PYODIDE_SOURCE}/`]: true });
  await openPerformance(page);
  await expect(page.getByTestId('confinement-python')).toHaveText(
    'Standard Content-Security-Policy in force: refused string evaluation (script-src), a font from 127.0.0.1:9 (font-src) and connections to 127.0.0.1:9 and esm.sh (connect-src)',
  );
  await expect(page.getByTestId('confinement-javascript')).toHaveText(
    'Standard Content-Security-Policy in force: refused string evaluation (script-src), a font from 127.0.0.1:9 (font-src) and connections to 127.0.0.1:9 and cdn.jsdelivr.net (connect-src)',
  );
});

test('a Restrictive worker cannot reach the package sources that the page’s own policy lets through', async ({ page }) => {
  const reachedSource: string[] = [];
  // The package sources, answered here: the page's own fetch reaches them, so the test sees what its policy allows.
  await page.route(
    (url) => [PYODIDE_SOURCE, ESM_SOURCE].includes(url.origin),
    async (route) => {
      reachedSource.push(new URL(route.request().url()).origin);
      await route.fulfill({ status: 200, body: 'package', headers: { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' } });
    },
  );
  await openDocument(page, config('restrictive') + CELLS);
  await page.evaluate(() => window.playground.runAll());
  await expect(cell(page, 'js').getByTestId('cell-output')).toHaveText('ran');
  for (const language of ['python', 'javascript'] as const) {
    const proof = await proofOf(page, language);
    expect(proof).toMatchObject({ proven: true, tier: 'restrictive' });
    expect(refusals(proof)).toMatchObject({ [`connect-src ${PYODIDE_SOURCE}/`]: true, [`connect-src ${ESM_SOURCE}/`]: true });
  }
  expect(await policyFrames(page)).toEqual(['javascript restrictive', 'python restrictive']);
  // The same fetch from the page, and from the Python worker's policy frame, whose policy the worker runs under.
  const attempts = await page.evaluate(
    async ({ sources, attribute }) => {
      const frameWindow = document.querySelector<HTMLIFrameElement>(`iframe[${attribute}="python restrictive"]`)?.contentWindow;
      if (frameWindow === null || frameWindow === undefined) throw new Error('no policy frame');
      const violations: string[] = [];
      frameWindow.document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
      const attempt = (from: (url: string) => Promise<Response>, url: string) =>
        from(url).then(
          (response) => `reached ${String(response.status)}`,
          () => 'refused',
        );
      const outcomes = await Promise.all(sources.flatMap((source) => [attempt((url) => fetch(url), `${source}/from-page`), attempt((url) => frameWindow.fetch(url), `${source}/from-frame`)]));
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { outcomes, violations };
    },
    { sources: [PYODIDE_SOURCE, ESM_SOURCE], attribute: POLICY_FRAME_ATTRIBUTE },
  );
  expect(attempts).toEqual({ outcomes: ['reached 200', 'refused', 'reached 200', 'refused'], violations: [`connect-src ${PYODIDE_SOURCE}/from-frame`, `connect-src ${ESM_SOURCE}/from-frame`] });
  expect(reachedSource).toEqual([PYODIDE_SOURCE, ESM_SOURCE]);
});

test('Unrestricted engines run in workers without a policy, where the same road evaluates', async ({ page }) => {
  await openUnrestricted(page, CELLS);
  await page.evaluate(() => window.playground.runAll());
  await expect(cell(page, 'py').getByTestId('cell-output')).toHaveText('evaluated 42');
  expect(await proofOf(page, 'python')).toMatchObject({ proven: false, tier: null });
  expect(await policyFrames(page)).toEqual([]);
  await openPerformance(page);
  await expect(page.getByTestId('confinement-python')).toContainText('only Unrestricted code runs in it');
});

test('each confined worker lives in a policy frame of its own, which goes when its engine is replaced, and only then', async ({ page }) => {
  await openDocument(page, tars({ kind: 'PYTHON', name: 'keep', code: 'kept = 41' }, { kind: 'PYTHON', name: 'read', code: 'print(kept + 1)' }, { kind: 'JAVASCRIPT', name: 'js', code: 'console.log("ran")' }));
  await page.evaluate(() => window.playground.runAll());
  expect(await policyFrames(page)).toEqual(['javascript standard', 'python standard']);
  // Every live confined worker is a blob: worker that a frame made, one per frame.
  const blobWorkers = () => page.workers().filter((worker) => worker.url().startsWith('blob:')).length;
  await expect.poll(blobWorkers).toBe(2);
  const mark = (label: string) =>
    page.evaluate(({ attribute, name }) => document.querySelector(`iframe[${attribute}="${name}"]`)?.setAttribute('data-test-mark', name), { attribute: POLICY_FRAME_ATTRIBUTE, name: label });
  await mark('python standard');
  await mark('javascript standard');
  const marked = () => page.evaluate(() => [...document.querySelectorAll('[data-test-mark]')].map((frame) => frame.getAttribute('data-test-mark')));

  await page.evaluate(() => window.playground.restart('javascript'));
  expect((await page.evaluate(() => window.playground.runCell('js'))).output).toBe('ran\n');
  // Python's frame and worker were left alone: its state is still there.
  expect(await marked()).toEqual(['python standard']);
  expect((await page.evaluate(() => window.playground.runCell('read'))).output).toBe('42\n');
  const frames = await policyFrames(page);
  expect(new Set(frames)).toEqual(new Set(['javascript standard', 'python standard']));
  await expect.poll(blobWorkers).toBe(frames.length);

  // Another tier replaces every engine, and with it every frame.
  await page.getByTestId('policy-badge').click();
  await page.getByTestId('policy-choose-restrictive').click();
  await expect(page.getByTestId('policy-badge')).toHaveText('restrictive');
  expect((await page.evaluate(() => window.playground.runCell('js'))).output).toBe('ran\n');
  await expect.poll(marked).toEqual([]);
  await expect.poll(async () => new Set(await policyFrames(page))).toEqual(new Set(['javascript restrictive', 'python restrictive']));
  await expect.poll(async () => blobWorkers() === (await policyFrames(page)).length).toBe(true);
});
