/**
 * On a plain static host the engine workers' policy needs neither response headers nor the
 * service worker: it comes from the page's own <meta> and the <meta> of each worker's policy
 * frame, which the workers inherit. So it holds with the service worker in control, and with
 * none at all (a browser that blocks it, or a hard reload that bypasses it); and a worker is
 * cross-origin isolated, with shared memory for interrupts, exactly when its page is.
 * static-host-attack.spec.ts runs the attacker's roads on this host.
 */
import type { Page } from '@playwright/test';
import { tars } from './documents';
import { expect, freshPage, test } from './fixtures';

const CELLS = tars(
  { kind: 'PYTHON', name: 'py', code: 'import collections\njs = collections._sys.modules["js"]\ntry:\n    js.eval("1")\n    print("evaluated")\nexcept Exception as error:\n    print("refused", getattr(error, "name", ""))' },
  { kind: 'PYTHON', name: 'isolation', code: 'import collections\njs = collections._sys.modules["js"]\nprint(js.crossOriginIsolated, hasattr(js, "SharedArrayBuffer"))' },
  { kind: 'JAVASCRIPT', name: 'js', code: 'console.log("ran")' },
);

async function runAndProve(page: Page, isolated: boolean): Promise<void> {
  await page.evaluate(() => window.playground.ready());
  await page.evaluate((text) => {
    window.playground.load(text, { trusted: true });
  }, CELLS);
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells.map((item) => item.output)).toEqual(['refused EvalError\n', `${isolated ? 'True True' : 'False False'}\n`, 'ran\n']);
  for (const language of ['python', 'javascript'] as const) {
    expect(await page.evaluate((name) => window.playground[name].confinement(), language)).toMatchObject({ proven: true, tier: 'standard' });
  }
}

test('with the service worker in control, Standard engines run isolated, under their own policy', async ({ page }) => {
  await page.goto('./');
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null && crossOriginIsolated && 'playground' in window).catch(() => false), { timeout: 60_000 })
    .toBe(true);
  await runAndProve(page, true);
});

test('with no service worker at all, Standard engines still run under their own policy', async ({ browser, baseURL }) => {
  const { page, offsite, close } = await freshPage(browser, baseURL, { serviceWorkers: 'block' });
  try {
    await page.goto('./');
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    await runAndProve(page, false);
    expect(offsite).toEqual([]);
  } finally {
    await close();
  }
});
