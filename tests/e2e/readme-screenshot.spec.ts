import { mkdir, readFile, stat } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { openDocument } from './documents';

const SCREENSHOT = new URL('../../docs/screenshot.png', import.meta.url);

// The README's screenshot is made here, from the real build after a real run, so it shows
// what a new user sees. It runs in the cross-origin-isolated project only: one picture.
test('the README screenshot shows an example after Run all', async ({ page, request }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await openDocument(page, await (await request.get('/examples/temperature-chart.tars')).text());
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.success).toBe(true);
  await expect(page.getByTestId('engine-python')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('cell').last().scrollIntoViewIfNeeded();
  await page.evaluate(() => { window.scrollTo(0, 0); });
  await mkdir(new URL('.', SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT.pathname });
  const png = await readFile(SCREENSHOT);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect((await stat(SCREENSHOT)).size).toBeGreaterThan(20_000);
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  expect(readme).toContain('](docs/screenshot.png)');
});
