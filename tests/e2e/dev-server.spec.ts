import { test, expect } from './fixtures';
import { cell, openDocument, tars } from './documents';

test('the dev server that npm start runs serves a working playground', async ({ page }) => {
  await openDocument(
    page,
    tars(
      { kind: 'PYTHON', name: 'py', code: 'print(sum(range(10)))' },
      { kind: 'JAVASCRIPT', name: 'js', code: 'console.log([1,2,3].map(x => x*2))' },
    ),
  );
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await page.getByTestId('run-all').click();
  await expect(cell(page, 'py').getByTestId('cell-output')).toHaveText('45');
  await expect(cell(page, 'js').getByTestId('cell-output')).toHaveText('[2, 4, 6]');
});
