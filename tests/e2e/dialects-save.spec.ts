/**
 * Documents keep their dialect (issue 18): the Markdown example's Python cell runs, Save gives
 * every dialect back byte for byte, an edit changes only its own block, and cell names survive a
 * Markdown round trip.
 */
import { cellEditor, setCellCode } from './documents';
import {
  clearPage,
  documentText,
  download,
  expect,
  expectFirstCellFocused,
  expectOpened,
  FILES,
  INVENTORY,
  LEGACY,
  load,
  NOTES,
  openFile,
  SUMS,
  test,
} from './dialect-documents';

test("the Markdown example's Python cell runs once trusted, and its variables are right", async ({ app: page }) => {
  await clearPage(page);
  await openFile(page, 'inventory.md', INVENTORY);
  await expect(page.getByTestId('trust-banner')).toBeVisible();
  const python = page.locator('[data-testid="cell"][data-kind="PYTHON"]');
  await expect(python).toHaveAttribute('data-status', 'idle');

  await page.getByTestId('trust-run').click();
  await expect(python).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('trust-banner')).toBeHidden();
  const variables = await page.evaluate(() => window.playground.variables());
  expect(variables.low).toMatchObject({ language: 'python', value: ['bolts'] });
  expect(variables.stock).toMatchObject({ language: 'python', value: { bolts: 3, nuts: 12 } });
  await expect(python.locator('.error')).toHaveCount(0);
  // The prose is rendered; the YAML and F# fences ran nothing and are still as written.
  await expect(page.getByTestId('markdown-output').getByRole('heading', { level: 1 })).toHaveText('Inventory audit');
  await expect(page.getByTestId('inert-block')).toHaveCount(2);
  expect(await documentText(page)).toBe(INVENTORY);
});

test("Save gives back a file of every dialect unchanged, named for its title with its dialect's extension", async ({ app: page }) => {
  for (const file of FILES) {
    await test.step(file.name, async () => {
      await clearPage(page);
      await openFile(page, file.name, file.text);
      await expect.poll(() => documentText(page)).toBe(file.text);
      expect(await download(page, 'save')).toEqual({ name: file.savedAs, text: file.text });
    });
  }
});

/** A cell edit, and the text it replaces in the file, written as the file writes it. */
const EDITS = [
  { file: 'legacy.tars', text: LEGACY, cell: 'greet', code: 'print("hello")\nprint("again")', before: '    print("hi")\n', after: '    print("hello")\n    print("again")\n' },
  // Inside `program { … }`, the code stays one level in from its indented header.
  { file: 'sums.trsx', text: SUMS, cell: 'total', code: 'print(40 + 2)', before: '        print(1 + 2)\n', after: '        print(40 + 2)\n' },
  // A Markdown cell is written as a fence that carries its name.
  {
    file: 'notes.md',
    text: NOTES,
    cell: 'area',
    code: 'side = 5\narea = side * side',
    before: '```python area\nside = 4\narea = side * side\n```\n',
    after: '```python area\nside = 5\narea = side * side\n```\n',
  },
] as const;

test('editing one cell changes only its block, in each dialect, and saves in the same dialect', async ({ app: page }) => {
  for (const edit of EDITS) {
    await test.step(edit.file, async () => {
      expect(edit.text.split(edit.before)).toHaveLength(2);
      const expected = edit.text.replace(edit.before, edit.after);
      const saved = FILES.find((file) => file.name === edit.file)?.savedAs;
      await clearPage(page);
      await openFile(page, edit.file, edit.text);
      await expect.poll(() => documentText(page)).toBe(edit.text);
      await expectFirstCellFocused(page);
      await setCellCode(page, edit.cell, edit.code);
      expect(await documentText(page)).toBe(expected);
      expect(await download(page, 'save')).toEqual({ name: saved, text: expected });
    });
  }
});

test('a Markdown document with named fences, edited, saved and reopened, keeps its cell names and stays Markdown', async ({ app: page }) => {
  await clearPage(page);
  await openFile(page, 'notes.md', NOTES);
  await expect.poll(() => documentText(page)).toBe(NOTES);
  await expectFirstCellFocused(page);
  // Both named cells are written anew: the `js` fence becomes `javascript`, and keeps its name.
  await setCellCode(page, 'area', 'side = 6\narea = side * side');
  await setCellCode(page, 'double', 'console.log(area * 3)');
  const saved = await download(page, 'save');
  expect(saved.name).toBe('notes.md');
  expect(saved.text).toContain('```python area\nside = 6\narea = side * side\n```\n');
  expect(saved.text).toContain('```javascript double\nconsole.log(area * 3)\n```\n');
  expect(saved.text.startsWith('---\ntitle: Field notes\n---\n# Notes\n')).toBe(true);

  await clearPage(page);
  await openFile(page, saved.name, saved.text);
  await expectOpened(page, ['[FRONTMATTER]', 'MARKDOWN', 'PYTHON area', 'JAVASCRIPT double', '[BASH]'], saved.text);
  await expect((await cellEditor(page, 'area')).locator('.cm-line')).toHaveText(['side = 6', 'area = side * side']);
  // A Markdown document has nothing to export to Markdown: Save writes it as it is.
  await page.getByTestId('file-menu').click();
  await expect(page.getByTestId('save')).toBeVisible();
  await expect(page.getByTestId('save-md')).toHaveCount(0);
  expect(await download(page, 'save')).toEqual(saved);
});

test('a brace document exported as Markdown reopens from the .md file with its cell names', async ({ app: page }) => {
  await load(page, LEGACY);
  const exported = await download(page, 'save-md');
  expect(exported.name).toBe('legacy.md');
  expect(exported.text).toContain('```python greet\nprint("hi")\n```\n');
  expect(exported.text).toContain('```javascript shout\nconsole.log("HI")\n```\n');

  await clearPage(page);
  await openFile(page, exported.name, exported.text);
  // The blocks that are not cells come back from their ```tars fences: the description too.
  await expectOpened(page, ['PYTHON greet', 'JAVASCRIPT shout', '[FSHARP]'], exported.text);
  await expect(page.getByTestId('document-title')).toHaveText('Legacy');
  expect(await download(page, 'save')).toEqual(exported);
});
