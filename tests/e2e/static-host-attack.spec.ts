/**
 * The attacker's roads (security.spec.ts) on a plain static host, which sends no headers: with
 * the service worker in control, and with no service worker at all (a browser that blocks it,
 * or a hard reload that bypasses it). Under Standard, nothing from Python or JavaScript reaches
 * the attacker's server or leaves storage the page can list; under Unrestricted with consent
 * the same fetch does reach it, which proves the test sees an escape on this host too.
 */
import type { Page } from '@playwright/test';
import { expectJavaScriptContained, expectPythonContained, expectUnrestrictedEscape, unrestrictedProbes } from './attack-checks';
import { expect, test } from './attack-fixtures';
import { openUnrestricted } from './documents';
import { freshPage } from './fixtures';

// Both engines start cold in each test, and the first visit installs the service worker too.
test.describe.configure({ timeout: 240_000 });

/** Opens the playground and waits until the service worker controls it and has made it isolated. */
async function underServiceWorker(page: Page): Promise<void> {
  await page.goto('./');
  await expect
    // The page that the service worker isolated may still be starting: its API comes with it.
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null && crossOriginIsolated && 'playground' in window).catch(() => false), { timeout: 60_000 })
    .toBe(true);
  await page.evaluate(() => window.playground.ready());
}

test('with the service worker in control, Standard Python and JavaScript reach neither the attacker nor storage the page sees', async ({ page, attacker }) => {
  await underServiceWorker(page);
  await expectPythonContained(page, attacker, 'standard', 'sw-standard');
  await expectJavaScriptContained(page, attacker, 'standard', 'sw-standard');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
});

test('with no service worker at all, Standard Python and JavaScript reach neither the attacker nor storage the page sees', async ({ browser, baseURL, attacker }) => {
  const { page, offsite, close } = await freshPage(browser, baseURL, { serviceWorkers: 'block' });
  try {
    await page.goto('./');
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    await page.evaluate(() => window.playground.ready());
    await expectPythonContained(page, attacker, 'standard', 'bare-host-standard');
    await expectJavaScriptContained(page, attacker, 'standard', 'bare-host-standard');
    expect(offsite, 'requests that tried to leave localhost').toEqual([]);
  } finally {
    await close();
  }
});

test('with the service worker in control, Unrestricted with consent reaches the attacker by the same fetch', async ({ page, attacker }) => {
  await underServiceWorker(page);
  await openUnrestricted(page, unrestrictedProbes(attacker, 'sw-unrestricted'));
  await expectUnrestrictedEscape(page, attacker, 'sw-unrestricted');
});
