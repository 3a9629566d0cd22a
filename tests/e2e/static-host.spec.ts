import { test } from './fixtures';
import { expectBothLanguagesRun } from './documents';

test('dist/ works from a plain static file server', async ({ page }) => {
  await expectBothLanguagesRun(page);
});
