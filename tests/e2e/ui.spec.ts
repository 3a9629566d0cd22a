import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { cell, openDocument, tars } from './documents';

/** Presses Tab until the element matching `selector` has the focus, as a keyboard user would. */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

const cells = (page: Page) => page.getByTestId('cell');

test('a keyboard-only session opens an example, runs it cell by cell with Shift+Enter, and stops a runaway cell with Esc', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.evaluate(() => window.playground.ready());
  await tabTo(page, '[data-testid="examples"]');
  await page.keyboard.press('Enter');
  // The list is fetched on opening; a person waits until they see it.
  await expect(page.locator('[data-example="word-frequencies"]')).toBeVisible();
  await tabTo(page, '[data-example="word-frequencies"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('document-title')).toHaveText('Word frequencies');
  await expect(page).toHaveTitle(/^Word frequencies · /);
  await expect(cells(page)).toHaveCount(2);
  // Opening an example puts the focus in its first cell's code.
  await expect(page.locator('[data-cell-name="counts"] [role="textbox"], [data-cell-name="counts"] textarea').first()).toBeFocused();

  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  // Runs queue in order: the JavaScript cell waited for the Python cell's `top`.
  await expect(cell(page, 'counts').getByTestId('cell-output')).toContainText('words,');
  await expect(cell(page, 'table').getByTestId('cell-output')).toContainText('%');
  await expect(cell(page, 'counts')).toHaveAttribute('data-status', 'done');
  await expect(cell(page, 'table')).toHaveAttribute('data-status', 'done');

  // Shift+Enter on the last cell adds a new one of the same kind and moves into it.
  await expect(cells(page)).toHaveCount(3);
  const runaway = cells(page).nth(2);
  await expect(runaway).toHaveAttribute('data-kind', 'JAVASCRIPT');
  await page.keyboard.type('let spins = 0; for (;;) { spins++; }');
  await page.keyboard.press('Control+Enter');
  await expect(runaway).toHaveAttribute('data-status', 'running');
  await page.keyboard.press('Escape');
  await expect(runaway).toHaveAttribute('data-status', 'error');
  const errors = await page.evaluate(() => window.playground.cells()[2]?.errors ?? []);
  expect(errors.map((error) => error.kind)).toEqual(['interrupted']);
  // The earlier cells' outputs are still there, and JavaScript works again.
  await expect(cell(page, 'table').getByTestId('cell-output')).toContainText('%');
  const again = await page.evaluate(() => window.playground.runCell('table'));
  expect(again.errors).toEqual([]);
  testInfo.annotations.push({ type: 'isolated', description: String(await page.evaluate(() => crossOriginIsolated)) });
});

test('the keyboard help lists the keys, and F1 and ? open it', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => window.playground.ready());
  await page.keyboard.press('F1');
  const help = page.getByTestId('key-help');
  await expect(help).toBeVisible();
  for (const keys of ['Shift+Enter', 'Ctrl/Cmd+Enter', 'Esc', 'Ctrl/Cmd+Shift+Enter', 'Alt+Shift+R']) await expect(help).toContainText(keys);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.locator('body').press('?');
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).press('Enter');
  await expect(help).toBeHidden();
});

test('cells can be added, moved, deleted with undo, and change kind, from buttons and keys', async ({ page }) => {
  await openDocument(page, tars({ kind: 'PYTHON', name: 'a', code: 'x = 1' }, { kind: 'JAVASCRIPT', name: 'b', code: 'x + 1' }));
  const order = () => page.evaluate(() => window.playground.cells().map((item) => item.name ?? item.kind));
  await cell(page, 'a').getByRole('button', { name: 'Move a down' }).click();
  expect(await order()).toEqual(['b', 'a']);
  await cell(page, 'a').getByRole('button', { name: 'Move a up' }).click();
  expect(await order()).toEqual(['a', 'b']);

  await cell(page, 'a').getByRole('button', { name: 'Add a cell below a' }).click();
  expect(await order()).toEqual(['a', 'PYTHON', 'b']);
  // The new cell has the focus, so the keys act on it.
  await page.keyboard.press('Control+Shift+ArrowDown');
  expect(await order()).toEqual(['a', 'b', 'PYTHON']);
  // The moved cell takes the focus back on the next frame; the next key goes to it.
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('[data-testid="cell"]')].findIndex((element) => element.contains(document.activeElement)))).toBe(2);
  await page.keyboard.press('Alt+Shift+KeyD');
  expect(await order()).toEqual(['a', 'b']);

  await cell(page, 'b').getByTestId('delete-cell').click();
  expect(await order()).toEqual(['a']);
  await expect(page.getByTestId('undo-delete')).toContainText('Deleted b');
  await page.getByTestId('undo-delete').getByRole('button', { name: 'Undo' }).click();
  expect(await order()).toEqual(['a', 'b']);
  expect(await page.evaluate(() => window.playground.text())).toContain('JAVASCRIPT b {\n    x + 1\n}');

  await cell(page, 'b').getByTestId('cell-kind').selectOption('PYTHON');
  expect(await page.evaluate(() => window.playground.text())).toContain('PYTHON b {\n    x + 1\n}');
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells.map((item) => item.result)).toEqual([null, 2]);
  await expect(cell(page, 'b').getByTestId('cell-stats')).toContainText('run 1');
});

test('the panels show shared variables, the audit log with a JSON export, and performance figures', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openDocument(
    page,
    tars(
      { kind: 'PYTHON', name: 'make', code: 'numbers = [1, 2, 3]\nlabel = "three numbers"\nnothing = None\npair = {"a": 1, "b": True}' },
      { kind: 'JAVASCRIPT', name: 'use', code: 'const total = numbers.reduce((a, b) => a + b, 0);\nconst point = { x: 1, y: null };\ntotal' },
    ),
  );
  await page.evaluate(() => window.playground.runAll());
  const panel = page.getByTestId('side-panel');
  await expect(panel).toBeVisible();
  const variables = panel.getByTestId('variables-panel');
  await expect(variables.locator('[data-variable="numbers"]')).toContainText('Python · make');
  await expect(variables.locator('[data-variable="total"]')).toContainText('JavaScript · use');
  await variables.locator('[data-variable="label"] > details > summary').click();
  await expect(variables.locator('[data-variable="label"] .variable-value')).toHaveText('three numbers');
  await variables.locator('[data-variable="numbers"] > details > summary').click();
  await expect(variables.locator('[data-variable="numbers"] [data-testid="json-tree"]')).toContainText('list[3]');
  // Each value in its own language's terms: Python's type names, reprs and None, JavaScript's null.
  const pair = variables.locator('[data-variable="pair"]');
  await expect(pair.locator('.variable-type')).toHaveText('dict');
  await expect(pair.locator('.variable-preview')).toHaveText("{'a': 1, 'b': True}");
  await pair.locator(':scope > details > summary').click();
  await expect(pair.getByTestId('json-tree')).toContainText('dict (2 keys)');
  await expect(pair.getByTestId('json-tree')).toContainText('b: True');
  const nothing = variables.locator('[data-variable="nothing"]');
  await expect(nothing.locator('.variable-preview')).toHaveText('None');
  await nothing.locator(':scope > details > summary').click();
  await expect(nothing.locator('.variable-value')).toHaveText('None');
  const point = variables.locator('[data-variable="point"]');
  await point.locator(':scope > details > summary').click();
  await expect(point.getByTestId('json-tree')).toContainText('Object {2 keys}');
  await expect(point.getByTestId('json-tree')).toContainText('y: null');

  await panel.getByTestId('tab-audit').click();
  await expect(panel.getByTestId('audit-panel').locator('.audit-entry[data-kind="run"]')).toHaveCount(2);
  const download = page.waitForEvent('download');
  await panel.getByTestId('audit-export').click();
  const file = await download;
  const exported: unknown = JSON.parse(await readFile(await file.path(), 'utf8'));
  expect(exported).toEqual(await page.evaluate(() => window.playground.audit()));

  await panel.getByTestId('tab-performance').click();
  await expect(panel.getByTestId('startup-python')).not.toHaveText('not started');
  await expect(panel.getByTestId('performance-cells').locator('tbody tr')).toHaveCount(2);
  // The tabs follow the ARIA pattern: arrow keys move between them.
  await panel.getByTestId('tab-performance').press('ArrowRight');
  await expect(panel.getByTestId('tab-variables')).toBeFocused();
  await expect(panel.getByTestId('tab-variables')).toHaveAttribute('aria-selected', 'true');
});

test('the theme follows the system until toggled, and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const dark = await background();
  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await background()).not.toBe(dark);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('the page fits a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openDocument(page, tars({ kind: 'PYTHON', name: 'wide', code: 'print("x" * 300)' }));
  await page.evaluate(() => window.playground.runAll());
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByTestId('run-all')).toBeInViewport();
  await expect(cell(page, 'wide').getByTestId('run-cell')).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical problems in the ${theme} theme`, async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.emulateMedia({ colorScheme: theme });
    const text = await (await page.request.get('/examples/sales-report.tars')).text();
    await openDocument(page, text);
    await page.evaluate(() => window.playground.runAll());
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const scan = async () => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      return results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
    };
    expect(await scan()).toEqual([]);
    await page.getByTestId('tab-audit').click();
    await page.getByTestId('examples').click();
    expect(await scan()).toEqual([]);
    await page.keyboard.press('F1');
    expect(await scan()).toEqual([]);
  });
}

test('the welcome document runs cleanly: rendered text, shared variables, a chart and a table', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => window.playground.ready());
  await page.getByTestId('run-all').click();
  await expect(cell(page, 'bars')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const report = await page.evaluate(() => window.playground.cells());
  expect(report.flatMap((item) => item.errors)).toEqual([]);
  await expect(cell(page, 'intro').locator('h1')).toHaveText('One document, several languages');
  await expect(cell(page, 'bars').getByTestId('cell-output')).toContainText('JavaScript read 5 rows from Python; they add up to 55');
  await expect(cell(page, 'bars').locator('img[alt="The squares as bars"]')).toBeVisible();
  await expect(cell(page, 'bars').locator('table tbody tr')).toHaveCount(5);
});
