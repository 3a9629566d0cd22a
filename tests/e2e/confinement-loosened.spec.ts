/**
 * The engine workers' policies where the page comes without its own, or with policies that let
 * connections through (SPEC §5): a worker's policy frame carries its tier's whole policy, so
 * the page's `<meta>` is not what confines it; and where a policy does not refuse what the
 * tier relies on, the worker's self-test says so and Restrictive and Standard run nothing.
 */
import type { Page } from '@playwright/test';
import type { ConfinementProof } from '../../src/engines/confinement';
import { cell, openDocument, tars } from './documents';
import { expect, test } from './fixtures';

const PACKAGE_SOURCES = ['https://cdn.jsdelivr.net', 'https://esm.sh'];

const CELLS = tars(
  { kind: 'PYTHON', name: 'py', code: 'import collections\njs = collections._sys.modules["js"]\ntry:\n    print("evaluated", js.eval("6 * 7"))\nexcept Exception as error:\n    print("refused", getattr(error, "name", type(error).__name__))' },
  { kind: 'JAVASCRIPT', name: 'js', code: 'console.log("ran")' },
);

const config = (tier: string) => `CONFIG {\n    security: "${tier}"\n}\n`;

const isPage = (url: URL) => url.pathname === '/' || url.pathname.endsWith('/index.html');

function proofOf(page: Page, language: 'python' | 'javascript'): Promise<ConfinementProof | null> {
  return page.evaluate((name) => window.playground[name].confinement(), language);
}

test('a page served without its own policy still runs Restrictive and Standard engines under theirs', async ({ page }) => {
  // As a host or an extension that strips the <meta> would serve it.
  await page.route(isPage, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    await route.fulfill({ response, body });
  });
  for (const tier of ['restrictive', 'standard'] as const) {
    await openDocument(page, config(tier) + CELLS);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
    await page.evaluate(() => window.playground.runAll());
    await expect(cell(page, 'py').getByTestId('cell-output')).toHaveText('refused EvalError');
    await expect(cell(page, 'js').getByTestId('cell-output')).toHaveText('ran');
    for (const language of ['python', 'javascript'] as const) expect(await proofOf(page, language)).toMatchObject({ proven: true, tier });
  }
});

test('where the policies let connections through, the self-test fails and Restrictive and Standard run nothing, saying why', async ({ page }) => {
  // Every connect-src, the page's and the workers', opened to any origin; string evaluation stays refused.
  const opened = (text: string) => text.replace(/connect-src [^;"`]*/g, 'connect-src *');
  await page.route(
    (url) => isPage(url) || (url.pathname.includes('/assets/') && url.pathname.endsWith('.js')),
    async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      await route.fulfill({ response, body: body.includes('connect-src') ? opened(body) : body });
    },
  );
  // With nothing to refuse them, the self-test's probes of the package sources go out: the proof that it sees an escape.
  const probed: string[] = [];
  await page.route(
    (url) => PACKAGE_SOURCES.includes(url.origin),
    async (route) => {
      probed.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  for (const tier of ['restrictive', 'standard'] as const) {
    await openDocument(page, config(tier) + CELLS);
    for (const name of ['py', 'js']) {
      const report = await page.evaluate((cellName) => window.playground.runCell(cellName), name);
      expect(report.status).toBe('error');
      expect(report.output).toBe('');
      expect(report.errors).toEqual([
        expect.objectContaining({ kind: 'policy', name: 'PolicyError', message: expect.stringContaining(`the ${tier} policy cannot be enforced in this page, so this engine runs no code under it: a connection to 127.0.0.1:9 was not refused (connect-src)`) }),
      ]);
      await expect(cell(page, name).getByTestId('cell-output')).toContainText('Reload the page');
    }
    for (const language of ['python', 'javascript'] as const) {
      const proof = await proofOf(page, language);
      expect(proof).toMatchObject({ proven: false, tier });
      // Only connect-src let anything through.
      expect(proof?.checks.filter((check) => check.refused).map((check) => check.directive)).toEqual(['script-src', 'font-src']);
    }
  }
  expect(new Set(probed)).toEqual(new Set(PACKAGE_SOURCES.map((source) => `${source}/`)));
});
