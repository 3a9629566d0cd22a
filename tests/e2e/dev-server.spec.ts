import { test, expect } from './fixtures';
import { expectBothLanguagesRun } from './documents';

test('the dev server that npm start runs serves a working, cross-origin isolated playground', async ({ page }) => {
  await expectBothLanguagesRun(page);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});

test('the dev server runs Standard engines under their own policy too', async ({ page }) => {
  await expectBothLanguagesRun(page);
  for (const language of ['python', 'javascript'] as const) {
    expect(await page.evaluate((name) => window.playground[name].confinement(), language)).toMatchObject({ proven: true, tier: 'standard' });
  }
});
