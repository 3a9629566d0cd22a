import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { cell, cellEditor, openDocument, setCellCode, tars } from './documents';

const WAT_CELL = 'WASM adder {\n    (module\n      (func $add (param i32 i32) (result i32)\n        local.get 0))\n}\n';

/** The text of each line of a cell's editor. */
async function editorLines(page: Page, name: string): Promise<string[]> {
  return cell(page, name).locator('.cm-content .cm-line').allTextContents();
}

/** The colour of a token in a cell's editor, next to the colour of its plain text. */
async function tokenColour(page: Page, name: string, token: string): Promise<{ token: string | null; plain: string }> {
  const content = await cellEditor(page, name);
  return content.evaluate((element, text) => {
    const span = [...element.querySelectorAll('span')].find((candidate) => candidate.textContent === text);
    return { token: span ? getComputedStyle(span).color : null, plain: getComputedStyle(element).color };
  }, token);
}

async function cellReport(page: Page, name: string) {
  return page.evaluate((cellName) => window.playground.cells().find((item) => item.name === cellName), name);
}

test('Python, JavaScript and WAT cells are highlighted, in the light and in the dark theme', async ({ page }) => {
  await openDocument(
    page,
    `${tars({ kind: 'PYTHON', name: 'py', code: 'def area(r):\n    return 3.14 * r * r' }, { kind: 'JAVASCRIPT', name: 'js', code: 'const doubled = [1, 2].map((x) => x * 2);' })}\n${WAT_CELL}`,
  );
  for (const [name, keyword] of [
    ['py', 'def'],
    ['js', 'const'],
    ['adder', 'module'],
  ] as const) {
    await expect(cell(page, name).locator('.cm-content')).toHaveAttribute('aria-label', `Code of ${name}`);
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'light';
    });
    const light = await tokenColour(page, name, keyword);
    expect(light.token, `${keyword} in ${name} is its own token`).not.toBeNull();
    expect(light.token, `${keyword} in ${name} is coloured`).not.toBe(light.plain);
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    const dark = await tokenColour(page, name, keyword);
    expect(dark.token, `${keyword} in ${name} follows the theme`).not.toBe(light.token);
    expect(dark.token).not.toBe(dark.plain);
  }
});

test('Enter after a Python block header indents the next line by four spaces', async ({ page }) => {
  await openDocument(page, tars({ kind: 'PYTHON', name: 'fn', code: 'pass' }));
  const content = await cellEditor(page, 'fn');
  await content.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('def f():');
  await page.keyboard.press('Enter');
  expect(await editorLines(page, 'fn')).toEqual(['def f():', '    ']);
  await page.keyboard.type('return 1');
  expect(await editorLines(page, 'fn')).toEqual(['def f():', '    return 1']);
  expect(await page.evaluate(() => window.playground.text())).toContain('PYTHON fn {\n    def f():\n        return 1\n}');
});

test('typing ( closes the bracket and the pair is marked as matching', async ({ page }) => {
  await openDocument(page, tars({ kind: 'JAVASCRIPT', name: 'js', code: '1' }));
  const content = await cellEditor(page, 'js');
  await content.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Math.max(');
  expect(await editorLines(page, 'js')).toEqual(['Math.max()']);
  await expect(content.locator('.cm-matchingBracket')).toHaveText(['(', ')']);
  await page.keyboard.type('1, 2)');
  expect(await editorLines(page, 'js')).toEqual(['Math.max(1, 2)']);
});

test('the line that failed is marked after Run, and the mark goes once the fix runs', async ({ page }) => {
  await openDocument(page, tars({ kind: 'PYTHON', name: 'divide', code: 'a = 1\nb = 0\nc = a / b\nd = 4' }));
  const content = await cellEditor(page, 'divide');
  await expect(content.locator('.cm-error-line')).toHaveCount(0);
  // The first run waits for Python to start, which can take longer than an expect's wait.
  expect((await page.evaluate(() => window.playground.runCell('divide'))).status).toBe('error');
  const marked = content.locator('.cm-error-line');
  await expect(marked).toHaveCount(1);
  await expect(content.locator('.cm-line').nth(2)).toHaveClass(/cm-error-line/);
  await expect(marked).toHaveAttribute('title', /Line 3/);
  await expect(cell(page, 'divide').locator('.cm-gutterElement.cm-error-gutter')).toHaveText('3');
  await setCellCode(page, 'divide', 'a = 1\nb = 2\nc = a / b\nd = 4');
  await cell(page, 'divide').getByTestId('run-cell').click();
  await expect(cell(page, 'divide')).toHaveAttribute('data-status', 'done');
  await expect(content.locator('.cm-error-line')).toHaveCount(0);
  await expect(cell(page, 'divide').locator('.cm-error-gutter')).toHaveCount(0);
});

test('Ctrl+Enter runs the cell in place; Tab leaves the editor; Esc in the editor stops a run', async ({ page }) => {
  await openDocument(
    page,
    tars({ kind: 'JAVASCRIPT', name: 'answer', code: '6 * 7' }, { kind: 'JAVASCRIPT', name: 'spin', code: 'console.log("spinning");\nfor (;;) {}' }),
  );
  const answer = await cellEditor(page, 'answer');
  await answer.focus();
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await cellReport(page, 'answer'))?.result).toBe(42);
  await expect(answer).toBeFocused();
  expect(await editorLines(page, 'answer')).toEqual(['6 * 7']);
  expect((await cellReport(page, 'spin'))?.status).toBe('idle');

  // Tab is not captured: the focus moves on and the code is unchanged.
  await page.keyboard.press('Tab');
  await expect(answer).not.toBeFocused();
  expect(await editorLines(page, 'answer')).toEqual(['6 * 7']);

  const spin = await cellEditor(page, 'spin');
  await spin.focus();
  await page.keyboard.press('Control+Enter');
  await expect(cell(page, 'spin').getByTestId('cell-output')).toContainText('spinning');
  await expect(spin).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(cell(page, 'spin')).toHaveAttribute('data-status', 'error');
  expect((await cellReport(page, 'spin'))?.errors[0]?.kind).toBe('interrupted');
});

test('a 500-cell document builds editors only near the viewport and keeps them while typing', async ({ page }) => {
  const cells = Array.from({ length: 500 }, (_, index) => ({ kind: 'PYTHON' as const, name: `c${index}`, code: `value_${index} = ${index}` }));
  await openDocument(page, tars(...cells));
  await expect(cell(page, 'c0').locator('.cm-editor')).toBeVisible();
  const editors = page.locator('.cm-editor');
  const atLoad = await editors.count();
  expect(atLoad).toBeGreaterThan(0);
  expect(atLoad).toBeLessThan(100);
  await expect(cell(page, 'c499').locator('.cm-editor')).toHaveCount(0);

  // Far from the viewport, a plain text area stands in; focusing it hands text, caret and
  // focus over to the editor that replaces it.
  await cell(page, 'c498')
    .locator('textarea')
    .evaluate((area: HTMLTextAreaElement) => {
      area.setSelectionRange(5, 5);
      area.focus();
    });
  const standInEditor = cell(page, 'c498').locator('.cm-content');
  await expect(standInEditor).toBeFocused();
  await expect(cell(page, 'c498').locator('textarea')).toHaveCount(0);
  await page.keyboard.type('X');
  expect(await editorLines(page, 'c498')).toEqual(['valueX_498 = 498']);

  await cellEditor(page, 'c499');
  const before = await editors.count();
  expect(before).toBeLessThan(200);
  await editors.evaluateAll((elements) => {
    for (const element of elements) element.setAttribute('data-probe', 'kept');
  });
  await setCellCode(page, 'c499', 'value_499 = "edited"');
  // Typing created no editor and replaced none.
  expect(await editors.count()).toBe(before);
  expect(await page.locator('.cm-editor[data-probe="kept"]').count()).toBe(before);

  const text = await page.evaluate(() => window.playground.text());
  expect(text).toContain('PYTHON c499 {\n    value_499 = "edited"\n}');
  expect(text).toContain('PYTHON c498 {\n    valueX_498 = 498\n}');
  expect(text).toContain('PYTHON c0 {\n    value_0 = 0\n}');
  expect(await editorLines(page, 'c0')).toEqual(['value_0 = 0']);
});
