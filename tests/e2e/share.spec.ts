/** Share links: the Share button, a link opened in a fresh browser, and links that cannot be read. */
import { readFile } from 'node:fs/promises';
import { encodeShareHash } from '../../src/share/share-link';
import { cell, openDocument, setCellCode, tars } from './documents';
import { expect, freshPage, test } from './fixtures';

const DOCUMENT =
  'DESCRIBE {\n    name: "Grüße 🪐 — ünïcode"\n    version: "2.1"\n}\n\n' +
  tars(
    { kind: 'PYTHON', name: 'greet', code: 'word = "naïve café 🍵"\nprint(word.upper())' },
    { kind: 'JAVASCRIPT', name: 'shout', code: '// 日本語のコメント\nconsole.log(word.length)' },
  );

test('Share copies a link that reproduces the document byte for byte in a fresh browser, untrusted', async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openDocument(page, DOCUMENT);
  // Typing changes the document after it was opened; the link carries the edited text.
  await setCellCode(page, 'shout', '// 日本語のコメント\nconsole.log(word.length, "✓")');
  const text = await page.evaluate(() => window.playground.text());
  expect(text).toContain('"✓"');

  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-status')).toContainText('Link copied');
  const link = await page.getByTestId('share-link').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByTestId('share-length')).toHaveText(link.length.toLocaleString('en'));
  expect(link).toBe(await page.evaluate(() => window.playground.shareLink()));
  await expect(page.getByTestId('share-download')).toBeHidden();

  const fresh = await freshPage(browser, baseURL);
  try {
    await fresh.page.goto(link);
    await fresh.page.evaluate(() => window.playground.ready());
    expect(await fresh.page.evaluate(() => window.playground.text())).toBe(text);
    await expect(fresh.page.getByTestId('document-title')).toHaveText('Grüße 🪐 — ünïcode');
    // Opened from a link: nothing runs until the reader says so.
    await expect(fresh.page.getByTestId('trust-banner')).toBeVisible();
    expect(await fresh.page.evaluate(() => window.playground.runCell('greet').then((report) => report.status))).toBe('idle');
    await fresh.page.getByTestId('trust-run').click();
    await expect(cell(fresh.page, 'greet').getByTestId('cell-output')).toHaveText('NAÏVE CAFÉ 🍵');
    await expect(cell(fresh.page, 'shout').getByTestId('cell-output')).toHaveText('13 ✓');
    expect(fresh.offsite).toEqual([]);
  } finally {
    await fresh.close();
  }
});

test('a long link says so and offers the document as a .tars file too', async ({ page }) => {
  // Text that barely compresses, so the link is long.
  let seed = 7;
  const noise = Array.from({ length: 12_000 }, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return String.fromCharCode(0x4e00 + (seed % 0x5000));
  }).join('');
  await openDocument(page, `DESCRIBE {\n    name: "Long notes"\n}\n\n${tars({ kind: 'PYTHON', name: 'notes', code: `notes = "${noise}"` })}`);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-long')).toBeVisible();
  const length = Number((await page.getByTestId('share-length').textContent())?.replace(/,/g, ''));
  expect(length).toBeGreaterThan(8000);

  const downloading = page.waitForEvent('download');
  await page.getByTestId('share-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('long-notes.tars');
  const path = await download.path();
  expect(await readFile(path, 'utf8')).toBe(await page.evaluate(() => window.playground.text()));
});

test('a corrupt, truncated or future link shows an error and keeps the current document', async ({ page }) => {
  await openDocument(page, DOCUMENT);
  await setCellCode(page, 'greet', 'print("kept")');
  const text = await page.evaluate(() => window.playground.text());
  const good = encodeShareHash(tars({ kind: 'JAVASCRIPT', name: 'other', code: '1 + 1\n'.repeat(50) }));

  for (const [hash, reason] of [
    ['#v1/this-is-not-deflate', /damaged or cut short/],
    [good.slice(0, Math.floor(good.length / 2)), /damaged or cut short/],
    ['#v7/abc', /newer version/],
  ] as const) {
    await page.evaluate((value) => {
      location.hash = value;
    }, hash);
    await expect(page.getByTestId('link-error')).toContainText(reason);
    await expect(page.getByTestId('link-error')).toContainText('Your current document is unchanged');
    expect(await page.evaluate(() => window.playground.text())).toBe(text);
    await expect(cell(page, 'greet')).toBeVisible();
    await expect(cell(page, 'other')).toHaveCount(0);
  }
});
