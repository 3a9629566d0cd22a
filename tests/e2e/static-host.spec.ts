/**
 * dist/ under /playground/ on a plain static server that sends no COOP/COEP headers, as GitHub
 * Pages would serve it. The service worker makes the page cross-origin isolated, keeps it
 * working offline, and holds a new version back until the user reloads.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { serveStatic } from '../../scripts/static-host.js';
import { cell, expectBothLanguagesRun, tars } from './documents';
import { expect, test } from './fixtures';

/** Waits until the service worker controls the page and the page is cross-origin isolated (after its one reload). */
async function expectIsolatedUnderServiceWorker(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null && crossOriginIsolated).catch(() => false), { timeout: 60_000 })
    .toBe(true);
  await page.evaluate(() => window.playground.ready());
}

test('the server sends no isolation headers, yet the page is isolated once the service worker controls it, and runs offline', async ({ page, context }) => {
  const first = await page.goto('./');
  expect(first?.status()).toBe(200);
  expect(first?.headers()['cross-origin-embedder-policy']).toBeUndefined();
  expect(first?.headers()['cross-origin-opener-policy']).toBeUndefined();

  await expectIsolatedUnderServiceWorker(page);
  expect(new URL(page.url()).pathname).toBe('/playground/');
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
  await expectBothLanguagesRun(page);

  // Interrupts reach Python through shared memory, so its state outlives a stop.
  await page.evaluate(() => {
    window.playground.load(`PYTHON keep {\n    kept = 41\n}\n\nPYTHON spin {\n    while True:\n        pass\n}\n\nPYTHON after {\n    kept + 1\n}\n`, { trusted: true });
  });
  await page.evaluate(() => window.playground.runCell('keep'));
  const spinning = page.evaluate(() => window.playground.runCell('spin'));
  await expect(cell(page, 'spin')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('stop').click();
  await spinning;
  expect(await page.evaluate(() => window.playground.runCell('after').then((report) => report.result))).toBe(42);

  await context.setOffline(true);
  try {
    await page.reload();
    await page.evaluate(() => window.playground.ready());
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.evaluate(
      (text) => {
        window.playground.load(text, { trusted: true });
      },
      tars(
        { kind: 'PYTHON', name: 'offline_py', code: 'import json\nprint(json.dumps({"offline": sum(range(5))}))' },
        { kind: 'JAVASCRIPT', name: 'offline_js', code: 'console.log(["no", "network"].join(" "))' },
      ),
    );
    await page.getByTestId('run-all').click();
    await expect(cell(page, 'offline_py').getByTestId('cell-output')).toHaveText('{"offline": 10}');
    await expect(cell(page, 'offline_js').getByTestId('cell-output')).toHaveText('no network');
    // The examples were precached too.
    await page.getByTestId('examples').click();
    await page.locator('[data-example="orbit"]').click();
    await expect(page.getByTestId('document-title')).toHaveText(/orbit/i);
  } finally {
    await context.setOffline(false);
  }
});

test('a new deployment waits until the user presses Reload', async ({ page }) => {
  // A copy of dist/ on a server of this test's own, so the deployment can change under it.
  const root = await mkdtemp(join(tmpdir(), 'playground-deploy-'));
  await cp('dist', root, { recursive: true });
  const server = await serveStatic({ root, prefix: '/playground/', port: 0 });
  try {
    const { port } = server.address() as AddressInfo;
    const url = `http://localhost:${String(port)}/playground/`;
    await page.goto(url);
    await expectIsolatedUnderServiceWorker(page);
    await expect(page.getByTestId('update-ready')).toBeHidden();

    // Deploy a new version: any change to the worker's bytes is one.
    const workerFile = join(root, 'service-worker.js');
    await writeFile(workerFile, `${await readFile(workerFile, 'utf8')}\n// next deployment\n`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await expect(page.getByTestId('update-ready')).toBeVisible({ timeout: 60_000 });
    // Until the user agrees, the old version keeps the page.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);

    await page.getByTestId('update-reload').click();
    await expect
      .poll(
        () =>
          page
            .evaluate(async () => {
              const registration = await navigator.serviceWorker.getRegistration();
              return registration?.waiting === null && navigator.serviceWorker.controller !== null && crossOriginIsolated;
            })
            .catch(() => false),
        { timeout: 60_000 },
      )
      .toBe(true);
    await expect(page.getByTestId('update-ready')).toBeHidden();
  } finally {
    server.close();
    await rm(root, { recursive: true, force: true });
  }
});
