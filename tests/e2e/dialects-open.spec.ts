/**
 * Every dialect opens, and nothing is refused (issue 18): the examples of the issue and a file of
 * each dialect, by `load()`, by Open and by drop. What parses shows as cells, what does not as
 * inert blocks that keep their exact text, say why they do not run, and warn where a block could
 * not be read; `text()` is the document byte for byte.
 */
import {
  clearPage,
  dropFile,
  expect,
  expectOpened,
  FILES,
  INVENTORY,
  inert,
  LENIENT,
  load,
  openFile,
  test,
  UNBALANCED,
  UNCLOSED,
  UNIFIED,
} from './dialect-documents';

test('the Markdown example opens as prose and Python cells and inert YAML and F# fences, byte for byte', async ({ app: page }) => {
  await load(page, INVENTORY);
  await expectOpened(page, ['MARKDOWN', '[YAML]', 'MARKDOWN', 'PYTHON', '[FSHARP]'], INVENTORY);
  const python = page.locator('[data-testid="cell"][data-kind="PYTHON"]');
  await python.scrollIntoViewIfNeeded();
  await expect(python.locator('.cm-line')).toHaveText(['stock = {"bolts": 3, "nuts": 12}', 'low = [k for k, v in stock.items() if v < 5]']);
  // An inert block shows its whole text, fences included.
  await expect.poll(() => inert(page, 'FSHARP').locator('.inert-text').textContent()).toBe('```fsharp\nlet report = sprintf "%d" 3\n```');
  await expect.poll(() => inert(page, 'YAML').locator('.inert-text').textContent()).toBe('```yaml\nthreshold: 5\n```');
  // The first heading names the document, in the header as in Save and the Recent list.
  await expect(page.getByTestId('document-title')).toHaveText('Inventory audit');
});

test('the Unified TRSX example opens whole: its header and the blocks inside program { … }, byte for byte', async ({ app: page }) => {
  await load(page, UNIFIED);
  // DESCRIBE keeps a value with unbalanced quotes as written, and ACTION an F# block inside it:
  // both are shown as written, with what of them is kept as text.
  await expectOpened(page, ['[HEADER]', '[DESCRIBE]', '[ACTION]'], UNIFIED);
  await expect(page.getByTestId('cell')).toHaveCount(0);
  await expect.poll(() => inert(page, 'HEADER').locator('.inert-text').textContent()).toBe('title: "Nightly report"\nversion: "2.0"');

  const describe = inert(page, 'DESCRIBE');
  await expect(describe.getByTestId('verbatim-values')).toContainText('purpose');
  // `id` is a plain string, read as one.
  await expect(describe.getByTestId('verbatim-values')).not.toContainText(/\bid\b/);
  await expect(describe.locator('.inert-text')).toContainText('purpose: "say "hello" twice"');

  const action = inert(page, 'ACTION');
  await expect(action.getByTestId('inert-note')).toContainText('FSHARP');
  await expect.poll(() => action.locator('.inert-text').textContent()).toBe(
    'ACTION {\n        type: "log"\n        message: "starting"\n        FSHARP {\n            let x = 1\n        }\n    }',
  );
  // The header's title names the document, as Save and the Recent list do.
  await expect(page.getByTestId('document-title')).toHaveText('Nightly report');
});

test('the lenient brace example opens: JavaScript values and a YAML literal kept as written, a lower-case kind inert', async ({ app: page }) => {
  await load(page, LENIENT);
  await expectOpened(page, ['[VARIABLE state]', '[META]', '[CONFIG]'], LENIENT);
  const variable = inert(page, 'VARIABLE');
  await expect(variable.getByTestId('verbatim-values')).toContainText('value');
  await expect(variable.locator('.inert-text')).toContainText('...defaults,');
  await expect(variable.locator('.inert-text')).toContainText('note: "run_" + new Date().getTime()');
  await expect(inert(page, 'CONFIG').getByTestId('verbatim-values')).toContainText('content');
  await expect.poll(() => inert(page, 'CONFIG').locator('.inert-text').textContent()).toBe('CONFIG {\n    content: |\n        line one\n        line two\n}');
  const meta = inert(page, 'META');
  await expect(meta.getByTestId('inert-note')).toHaveText('META blocks do not run in the playground; kept as written');
  await expect.poll(() => meta.locator('.inert-text').textContent()).toBe('meta {\n    owner: "ops"\n}');
});

test('an inert block says why it does not run, is highlighted in its language, and collapses without changing the document', async ({ app: page }) => {
  await load(page, INVENTORY);
  const fsharp = inert(page, 'FSHARP');
  await expect(fsharp.getByTestId('inert-note')).toHaveText('F# does not run in the browser; kept as written');
  await expect(inert(page, 'YAML').getByTestId('inert-note')).toHaveText('YAML does not run in the browser; kept as written');
  // Highlighted: the F# keyword and string are runs of their own, and the text is still exact.
  await expect(fsharp.locator('.inert-text span').filter({ hasText: /^let$/ })).toHaveCount(1);
  await expect(fsharp.locator('.inert-text span').filter({ hasText: /^"%d"$/ })).toHaveCount(1);
  await expect.poll(() => fsharp.locator('.inert-text').textContent()).toBe('```fsharp\nlet report = sprintf "%d" 3\n```');

  await load(page, UNIFIED);
  const header = inert(page, 'HEADER');
  await expect(header.getByTestId('inert-note')).toHaveText('The TRSX header; kept as written');
  await expect(header.locator('.inert-text span').filter({ hasText: /^"Nightly report"$/ })).toHaveCount(1);

  // A short block starts open; collapsing shows its first lines only, and opening it shows all.
  const action = inert(page, 'ACTION');
  const toggle = action.getByTestId('inert-toggle');
  const whole = await action.locator('.inert-text').textContent();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const preview = await action.locator('.inert-text').textContent();
  expect(whole?.startsWith(preview ?? '')).toBe(true);
  expect(preview?.length).toBeLessThan(whole?.length ?? 0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(() => action.locator('.inert-text').textContent()).toBe(whole);
  await expect.poll(() => page.evaluate(() => window.playground.text())).toBe(UNIFIED);
});

test('a block that cannot be read is kept as written, with a warning naming its line and column', async ({ app: page }) => {
  // PYTHON broken, which starts line 5, is never closed.
  await load(page, UNCLOSED);
  await expectOpened(page, ['PYTHON fine', '[PYTHON broken]'], UNCLOSED);
  const broken = inert(page, 'PYTHON');
  await expect(broken.getByTestId('inert-warning')).toContainText('line 5, column 1');
  await expect.poll(() => broken.locator('.inert-text').textContent()).toBe('PYTHON broken {\n    x = 1\n    print(x)');
  await expect(page.getByTestId('inert-warning')).toHaveCount(1);

  // AGENT planner's braces never balance: it runs to the end of the file, the cell after it included.
  await load(page, UNBALANCED);
  await expectOpened(page, ['JAVASCRIPT first', '[AGENT planner]'], UNBALANCED);
  const agent = inert(page, 'AGENT');
  await expect(agent.getByTestId('inert-warning')).toContainText('line 5, column 1');
  await expect(agent.locator('.inert-text')).toContainText('JAVASCRIPT after {\n    console.log(2)\n}');
});

test('a file of every dialect opens from Open, untrusted, showing its cells and inert blocks, byte for byte', async ({ app: page }) => {
  for (const file of FILES) {
    await test.step(file.name, async () => {
      await clearPage(page);
      await openFile(page, file.name, file.text);
      await expect(page.getByTestId('trust-banner')).toBeVisible();
      await expectOpened(page, file.shows, file.text);
      await expect(page.getByTestId('link-error')).toBeHidden();
    });
  }
});

test('a file of every dialect dropped on the page opens, untrusted, byte for byte', async ({ app: page }) => {
  for (const file of FILES) {
    await test.step(file.name, async () => {
      await clearPage(page);
      await dropFile(page, file.name, file.text);
      await expect(page.getByTestId('trust-banner')).toBeVisible();
      await expectOpened(page, file.shows, file.text);
    });
  }
});

test('?src= opens a Markdown metascript of this site, trusted and byte for byte', async ({ page }) => {
  // Served as a file of this site would be; the address is the app's own.
  await page.route('**/examples/inventory.md', (route) => route.fulfill({ status: 200, contentType: 'text/markdown', body: INVENTORY }));
  await page.goto('./?src=examples/inventory.md');
  await page.evaluate(() => window.playground.ready());
  await expectOpened(page, ['MARKDOWN', '[YAML]', 'MARKDOWN', 'PYTHON', '[FSHARP]'], INVENTORY);
  await expect(page.getByTestId('trust-banner')).toBeHidden();
  await expect(page.getByTestId('link-error')).toBeHidden();
});
