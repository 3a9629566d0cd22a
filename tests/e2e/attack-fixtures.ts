/**
 * Fixtures for the attacker's tests, one of each per Playwright worker: the attacker's server,
 * and one playground page whose engines start once and serve every test of the worker (a
 * document is loaded into it per test). Both keep the offsite guard of fixtures.ts.
 */
import type { Page } from '@playwright/test';
import { barePage } from './attack-scripts';
import { startAttackerServer, type AttackerServer } from './attacker-server';
import { expect, freshPage, test as base } from './fixtures';

/** The shared playground page of a worker. */
export interface AppPage {
  readonly page: Page;
}

interface AttackFixtures {
  readonly attacker: AttackerServer;
  readonly app: AppPage;
}

/** The test servers sit at base..base+3; a checkout's own servers take base+10 up. */
const PORT_BASE = Number(process.env.PLAYGROUND_PORT_BASE ?? '4173');
/** The projects that run the attacker's tests. */
const ATTACKED_PROJECTS = ['isolated', 'not-isolated', 'static-host'];

export const test = base.extend<object, AttackFixtures>({
  attacker: [
    // Playwright reads the fixtures a fixture needs from its first parameter's pattern; this one needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      // Three ports per parallel worker, one per project, so that neither projects nor workers clash.
      const port = PORT_BASE + 10 + workerInfo.parallelIndex * 3 + Math.max(0, ATTACKED_PROJECTS.indexOf(workerInfo.project.name));
      const server = await startAttackerServer(port, barePage);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  app: [
    async ({ browser }, use, workerInfo) => {
      const { page, offsite, close } = await freshPage(browser, workerInfo.project.use.baseURL);
      // Both engines start here, once per worker, outside any test's time.
      await openWarm(page);
      await use({ page });
      expect(offsite, 'requests that tried to leave localhost').toEqual([]);
      await close();
    },
    // A cold Python start makes its snapshot too, which takes half a minute on a busy machine.
    { scope: 'worker', timeout: 180_000 },
  ],
});

export { expect };

/** Opens the playground in `page` (again) and starts both engines. */
export async function openWarm(page: Page): Promise<void> {
  await page.goto('./');
  await page.evaluate(() => window.playground.ready());
  await load(page, 'JAVASCRIPT warmjs {\n    1\n}\n\nPYTHON warmpy {\n    1\n}\n');
  for (const name of ['warmjs', 'warmpy']) expect(await runCell(page, name)).toMatchObject({ status: 'done', result: 1 });
}

/** Loads a trusted document into the shared page. */
export async function load(page: Page, text: string): Promise<void> {
  await page.evaluate((source) => {
    window.playground.load(source, { trusted: true });
  }, text);
}

/** Runs a cell through the automation API and gives its report. */
export function runCell(page: Page, name: string) {
  return page.evaluate((cellName) => window.playground.runCell(cellName), name);
}

/** A CONFIG block with these properties. */
export function config(properties: Readonly<Record<string, string | number>>): string {
  const lines = Object.entries(properties).map(([key, value]) => `    ${key}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  return `CONFIG {\n${lines.join('\n')}\n}\n`;
}
