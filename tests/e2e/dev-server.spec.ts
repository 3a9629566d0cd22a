import { test, expect } from './fixtures';
import { expectBothLanguagesRun } from './documents';

test('the dev server that npm start runs serves a working, cross-origin isolated playground', async ({ page }) => {
  await expectBothLanguagesRun(page);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});
