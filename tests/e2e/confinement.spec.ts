/**
 * The engine workers' Content-Security-Policy (SPEC §5): Restrictive and Standard engines run
 * in workers that inherit the page's policy and prove it as they start; Unrestricted engines
 * run in workers without it; and where the page comes without its policy, the tiers without
 * the network refuse to run anything at all.
 */
import type { Page } from '@playwright/test';
import { cell, openDocument, openUnrestricted, tars } from './documents';
import { expect, test } from './fixtures';

const CELLS = tars(
  // Pyodide's own road to string evaluation in the worker's JavaScript.
  { kind: 'PYTHON', name: 'py', code: 'import collections\njs = collections._sys.modules["js"]\ntry:\n    print("evaluated", js.eval("6 * 7"))\nexcept Exception as error:\n    print("refused", getattr(error, "name", type(error).__name__))' },
  { kind: 'JAVASCRIPT', name: 'js', code: 'console.log("ran")' },
);

async function openPerformance(page: Page): Promise<void> {
  const toggle = page.getByTestId('toggle-panel');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByTestId('tab-performance').click();
}

test('Standard engines run under the page policy, prove it, and say so in the Performance panel', async ({ page }) => {
  await openDocument(page, CELLS);
  await page.evaluate(() => window.playground.runAll());
  await expect(cell(page, 'py').getByTestId('cell-output')).toHaveText('refused EvalError');
  await expect(cell(page, 'js').getByTestId('cell-output')).toHaveText('ran');
  for (const language of ['python', 'javascript'] as const) {
    const proof = await page.evaluate((name) => window.playground[name].confinement(), language);
    expect(proof).toEqual({ proven: true, detail: expect.stringContaining('string evaluation is refused') });
  }
  await openPerformance(page);
  await expect(page.getByTestId('confinement-python')).toHaveText('Content-Security-Policy in force');
  await expect(page.getByTestId('confinement-javascript')).toHaveText('Content-Security-Policy in force');
});

test('Unrestricted engines run in workers without the policy, where the same road evaluates', async ({ page }) => {
  await openUnrestricted(page, CELLS);
  await page.evaluate(() => window.playground.runAll());
  await expect(cell(page, 'py').getByTestId('cell-output')).toHaveText('evaluated 42');
  expect(await page.evaluate(() => window.playground.python.confinement())).toMatchObject({ proven: false });
  await openPerformance(page);
  await expect(page.getByTestId('confinement-python')).toContainText('only Unrestricted code runs in it');
});

test('a page served without its policy runs no Restrictive or Standard code, and says why', async ({ page }) => {
  // As a host or an extension that strips the <meta> would serve it.
  await page.route(
    (url) => url.pathname === '/' || url.pathname.endsWith('/index.html'),
    async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
      await route.fulfill({ response, body });
    },
  );
  for (const tier of ['restrictive', 'standard'] as const) {
    await openDocument(page, `CONFIG {\n    security: "${tier}"\n}\n` + tars({ kind: 'PYTHON', name: 'py', code: 'print("ran")' }, { kind: 'JAVASCRIPT', name: 'js', code: 'console.log("ran")' }));
    for (const name of ['py', 'js']) {
      const report = await page.evaluate((cellName) => window.playground.runCell(cellName), name);
      expect(report.status).toBe('error');
      expect(report.output).toBe('');
      expect(report.errors).toEqual([expect.objectContaining({ kind: 'policy', name: 'PolicyError', message: expect.stringContaining(`the ${tier} policy cannot be enforced in this page`) })]);
      await expect(cell(page, name).getByTestId('cell-output')).toContainText('Reload the page');
    }
  }
});
