/**
 * Every e2e test runs through this fixture: requests that leave localhost are aborted and
 * recorded, and a test that attempted one fails.
 */
import { test as base, expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return LOCAL_HOSTS.has(hostname);
}

export const test = base.extend<{ offsite: string[] }>({
  offsite: async ({ context }, use) => {
    const offsite: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLocal(url)) {
        await route.continue();
        return;
      }
      offsite.push(url);
      await route.abort('blockedbyclient');
    });
    await use(offsite);
  },
  page: async ({ page, offsite }, use) => {
    await use(page);
    expect(offsite, 'requests that tried to leave localhost').toEqual([]);
  },
});

/**
 * A page in a browser context that shares nothing with the test's own (unless `options` hands it
 * a storage state), with the same offsite guard; the caller checks `offsite` and closes it.
 */
export async function freshPage(
  browser: Browser,
  baseURL: string | undefined,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; offsite: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block', ...options });
  const offsite: string[] = [];
  await context.route('**/*', async (route) => {
    if (isLocal(route.request().url())) {
      await route.continue();
      return;
    }
    offsite.push(route.request().url());
    await route.abort('blockedbyclient');
  });
  return { page: await context.newPage(), offsite, close: () => context.close() };
}

export { expect };
