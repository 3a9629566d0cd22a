/**
 * Saving: autosave to IndexedDB (a reload, a crash or a closed tab loses nothing), the Recent
 * list, opening a file by picker or by drop, saving as a download, and `?src` / `?example`.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { cell, openDocument, setCellCode, tars } from './documents';
import { expect, freshPage, test } from './fixtures';

const FIRST = 'DESCRIBE {\n    name: "First draft"\n}\n\n' + tars({ kind: 'PYTHON', name: 'draft', code: 'print("one")' });
const SECOND = 'DESCRIBE {\n    name: "Second thoughts"\n}\n\n' + tars({ kind: 'JAVASCRIPT', name: 'other', code: 'console.log(2)' });

async function ready(page: Page): Promise<void> {
  await page.evaluate(() => window.playground.ready());
}

const text = (page: Page) => page.evaluate(() => window.playground.text());

test('text typed and then reloaded at once is still there', async ({ page }) => {
  await openDocument(page, FIRST);
  await setCellCode(page, 'draft', 'print("typed just now")\nanswer = 42');
  const typed = await text(page);
  // No pause for the autosave delay: the page saves as it is hidden.
  await page.reload();
  await ready(page);
  expect(await text(page)).toBe(typed);
  await expect(cell(page, 'draft')).toBeVisible();
  // Trust is kept too: a document opened trusted runs without the banner.
  await expect(page.getByTestId('trust-banner')).toBeHidden();
  await page.getByTestId('run-all').click();
  await expect(cell(page, 'draft').getByTestId('cell-output')).toHaveText('typed just now');
});

test('a closed tab and a crashed browser lose nothing', async ({ page, context, browser, baseURL }) => {
  await openDocument(page, FIRST);
  await setCellCode(page, 'draft', 'print("before the tab closed")');
  const typed = await text(page);
  await page.close();
  const again = await context.newPage();
  await again.goto('./');
  await ready(again);
  expect(await text(again)).toBe(typed);

  // A crash gives the page no chance to save as it goes: the storage is taken as it is while
  // the page is still open, and a new browser starts from it. The edit is there by then,
  // written a moment after the typing stopped.
  await setCellCode(again, 'draft', 'print("before the crash")');
  const beforeCrash = await text(again);
  await expect.poll(() => storedTexts(again), { timeout: 10_000 }).toContain(beforeCrash);
  const storageState = await context.storageState({ indexedDB: true });
  const afterCrash = await freshPage(browser, baseURL, { storageState });
  try {
    await afterCrash.page.goto('./');
    await ready(afterCrash.page);
    expect(await text(afterCrash.page)).toBe(beforeCrash);
    expect(afterCrash.offsite).toEqual([]);
  } finally {
    await afterCrash.close();
  }
});

/** Every document text in the playground's IndexedDB database, read the way a person's browser keeps it. */
function storedTexts(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((database) => database.name ?? '');
    const texts: string[] = [];
    for (const name of names) {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => { resolve(request.result); };
        request.onerror = () => { reject(new Error(String(request.error))); };
      });
      for (const storeName of Array.from(database.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = database.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => { resolve(request.result as unknown[]); };
          request.onerror = () => { reject(new Error(String(request.error))); };
        });
        for (const value of values) {
          if (typeof value === 'object' && value !== null && 'text' in value && typeof value.text === 'string') texts.push(value.text);
        }
      }
      database.close();
    }
    return texts;
  });
}

test('the Recent list reopens an earlier document with its edits, and forgets one on request', async ({ page }) => {
  await openDocument(page, FIRST);
  await setCellCode(page, 'draft', 'print("edited first")');
  const edited = await text(page);
  await page.evaluate((source) => {
    window.playground.load(source, { trusted: true });
  }, SECOND);
  await expect(cell(page, 'other')).toBeVisible();

  await page.getByTestId('file-menu').click();
  const recent = page.getByTestId('recent-document');
  // The open document is not listed; the one before it is, by its title.
  await expect(recent).toHaveCount(1);
  await expect(recent.first()).toContainText('First draft');
  await recent.first().click();
  await expect.poll(() => text(page)).toBe(edited);
  await expect(page.getByTestId('document-title')).toHaveText('First draft');

  // Now the second one is the recent one; forgetting it empties the list, and it stays forgotten.
  await page.getByTestId('file-menu').click();
  await expect(recent).toHaveCount(1);
  await expect(recent.first()).toContainText('Second thoughts');
  await page.getByRole('button', { name: 'Forget Second thoughts' }).click();
  await expect(recent).toHaveCount(0);
  await page.reload();
  await ready(page);
  expect(await text(page)).toBe(edited);
  await page.getByTestId('file-menu').click();
  await expect(page.getByText('Documents you open or edit are kept here.')).toBeVisible();
});

test('New document starts an empty document and keeps the old one in the Recent list', async ({ page }) => {
  await openDocument(page, FIRST);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('new-document').click();
  await expect(page.getByTestId('cell')).toHaveCount(0);
  await expect(page.getByTestId('document-title')).toHaveText('Untitled metascript');
  await page.getByTestId('file-menu').click();
  await expect(page.getByTestId('recent-document')).toContainText(['First draft']);
});

test('a file opened from the picker is imported untrusted; Markdown becomes cells', async ({ page }) => {
  await openDocument(page, FIRST);
  const markdown = '# Notes\n\nSome prose.\n\n```python\nvalue = 6 * 7\nprint(value)\n```\n\n```js\nconsole.log(value + 1)\n```\n';
  await page.getByTestId('open-file').setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
  await expect(page.getByTestId('trust-banner')).toBeVisible();
  await expect(page.locator('[data-testid="cell"]')).toHaveCount(3);
  await page.getByTestId('trust-run').click();
  await expect(page.getByTestId('cell-output').filter({ hasText: '43' })).toBeVisible();
  await expect(page.getByTestId('cell-output').filter({ hasText: '42' })).toBeVisible();

  // A .tars file opens byte for byte.
  await page.getByTestId('open-file').setInputFiles({ name: 'second.tars', mimeType: 'text/plain', buffer: Buffer.from(SECOND) });
  await expect(cell(page, 'other')).toBeVisible();
  expect(await text(page)).toBe(SECOND);

  // A file that is not a metascript says so and changes nothing.
  await page.getByTestId('open-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50]) });
  await expect(page.getByTestId('link-error')).toContainText('photo.png was not opened');
  expect(await text(page)).toBe(SECOND);
});

test('a malformed file opens untrusted, its broken block kept as written with a warning naming line and column', async ({ page }) => {
  await openDocument(page, FIRST);
  await setCellCode(page, 'draft', 'print("typed before")');
  const typed = await text(page);
  const broken = 'PYTHON broken {\n    x = 1\n';
  await page.getByTestId('open-file').setInputFiles({ name: 'broken.tars', mimeType: 'text/plain', buffer: Buffer.from(broken) });
  const block = page.locator('[data-testid="inert-block"][data-kind="PYTHON"]');
  await expect(block.getByTestId('inert-warning')).toContainText('line 1, column 1');
  await expect(page.getByTestId('trust-banner')).toBeVisible();
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  expect(await text(page)).toBe(broken);
  await expect.poll(() => block.locator('.inert-text').textContent()).toBe('PYTHON broken {\n    x = 1');

  // Nothing typed is lost: the document before it reopens from the Recent list with its edit.
  await page.getByTestId('file-menu').click();
  await page.getByTestId('recent-document').filter({ hasText: 'First draft' }).click();
  await expect.poll(() => text(page)).toBe(typed);
  await expect(cell(page, 'draft')).toBeVisible();
});

test('a file dropped on the page opens, untrusted', async ({ page }) => {
  await openDocument(page, FIRST);
  const dropped = await page.evaluateHandle((source) => {
    const data = new DataTransfer();
    data.items.add(new File([source], 'dropped.tars', { type: 'text/plain' }));
    return data;
  }, SECOND);
  const target = cell(page, 'draft');
  await target.dispatchEvent('dragenter', { dataTransfer: dropped });
  await expect(page.getByTestId('drop-hint')).toBeVisible();
  await target.dispatchEvent('dragover', { dataTransfer: dropped });
  await target.dispatchEvent('drop', { dataTransfer: dropped });
  await expect(cell(page, 'other')).toBeVisible();
  await expect(page.getByTestId('drop-hint')).toBeHidden();
  expect(await text(page)).toBe(SECOND);
  await expect(page.getByTestId('trust-banner')).toBeVisible();
});

test('Save downloads a brace document as .tars byte for byte, and Save as Markdown as .md', async ({ page }) => {
  await openDocument(page, FIRST);
  await setCellCode(page, 'draft', 'print("saved")');
  const typed = await text(page);

  await page.getByTestId('file-menu').click();
  const [tarsDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save').click()]);
  expect(tarsDownload.suggestedFilename()).toBe('first-draft.tars');
  expect(await readFile(await tarsDownload.path(), 'utf8')).toBe(typed);

  await page.getByTestId('file-menu').click();
  const [mdDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-md').click()]);
  expect(mdDownload.suggestedFilename()).toBe('first-draft.md');
  const markdown = await readFile(await mdDownload.path(), 'utf8');
  expect(markdown).toContain('```python draft\nprint("saved")\n```');
});

test('?example= and ?src= open files of this site trusted, then leave the address', async ({ page }) => {
  const orbit = await readFile('public/examples/orbit.tars', 'utf8');
  await page.goto('./?example=orbit');
  await ready(page);
  expect(await text(page)).toBe(orbit);
  await expect(page.getByTestId('trust-banner')).toBeHidden();
  expect(new URL(page.url()).search).toBe('');

  const words = await readFile('public/examples/word-frequencies.tars', 'utf8');
  await page.goto('./?src=examples/word-frequencies.tars');
  await ready(page);
  expect(await text(page)).toBe(words);
  expect(new URL(page.url()).search).toBe('');
  // A reload shows the autosaved copy, not the file again.
  await page.reload();
  await ready(page);
  expect(await text(page)).toBe(words);
});

test('?src= of another site, or of a missing file, and an unknown example, are refused and keep the last document', async ({ page }) => {
  await openDocument(page, FIRST);
  await setCellCode(page, 'draft', 'print("mine")');
  const mine = await text(page);
  await page.reload();
  await ready(page);

  for (const [query, reason] of [
    ['?src=https://example.com/evil.tars', /only files from this site/],
    ['?src=examples/no-such-file.tars', /HTTP 404/],
    ['?example=no-such-example', /HTTP 404/],
    ['?example=../secrets', /no example called/],
  ] as const) {
    await page.goto(`./${query}`);
    await ready(page);
    await expect(page.getByTestId('link-error')).toContainText(reason);
    await expect(page.getByTestId('link-error')).toContainText('Your last document is shown instead.');
    expect(await text(page)).toBe(mine);
  }
});
