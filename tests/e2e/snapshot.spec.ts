/**
 * Python's start-up snapshot in the browser: the first visit keeps one in IndexedDB, the next
 * restores from it with none of the first visit's variables, and a damaged one means a normal
 * start that works, said in the Performance panel and nowhere as an error.
 */
import type { Page } from '@playwright/test';
import { cell, openDocument, tars } from './documents';
import { expect, test } from './fixtures';

const DATABASE = 'tars-python-snapshot';

/** Reads or changes the kept snapshot from the page, as another tab of the site could. */
function withSnapshot(page: Page, action: 'size' | 'damage'): Promise<number> {
  return page.evaluate(
    async ([name, what]) => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => {
          resolve(request.result);
        };
        request.onerror = () => {
          reject(new Error(String(request.error)));
        };
      });
      try {
        if (!database.objectStoreNames.contains('snapshots')) return 0;
        const read = database.transaction('snapshots').objectStore('snapshots').get('python');
        const snapshot = await new Promise<unknown>((resolve) => {
          read.onsuccess = () => {
            resolve(read.result);
          };
        });
        const bytes: unknown = typeof snapshot === 'object' && snapshot !== null ? Reflect.get(snapshot, 'bytes') : null;
        if (!(bytes instanceof Uint8Array)) return 0;
        if (what === 'damage') {
          // Part of the interpreter's memory overwritten, the checksum left as it was.
          bytes.fill(0, 4096, 1_000_000);
          const write = database.transaction('snapshots', 'readwrite').objectStore('snapshots').put(snapshot, 'python');
          await new Promise((resolve) => {
            write.onsuccess = resolve;
          });
        }
        return bytes.byteLength;
      } finally {
        database.close();
      }
    },
    [DATABASE, action] as const,
  );
}

async function firstVisit(page: Page): Promise<void> {
  await openDocument(page, tars({ kind: 'PYTHON', name: 'first', code: 'secret = 42\nprint(secret)' }));
  await page.getByTestId('run-all').click();
  await expect(cell(page, 'first').getByTestId('cell-output')).toHaveText('42');
  expect(await page.evaluate(() => window.playground.python.startupReport())).toMatchObject({ kind: 'made' });
  // The snapshot is written in the background once Python is ready.
  await expect.poll(() => withSnapshot(page, 'size'), { timeout: 30_000 }).toBeGreaterThan(1_000_000);
}

async function runAfterReload(page: Page): Promise<void> {
  await page.reload();
  await page.evaluate(() => window.playground.ready());
  await page.evaluate(() => {
    window.playground.load('PYTHON second {\n    import math\n    print("secret" in globals(), sum(range(10)), math.isqrt(49))\n}\n', { trusted: true });
  });
  await page.getByTestId('run-all').click();
  await expect(cell(page, 'second').getByTestId('cell-output')).toHaveText('False 45 7');
}

async function performanceNote(page: Page) {
  // The panels start open on a wide screen.
  const toggle = page.getByTestId('toggle-panel');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByTestId('tab-performance').click();
  return page.getByTestId('python-startup');
}

test("a second visit restores Python from the snapshot, without the first visit's variables", async ({ page }) => {
  await firstVisit(page);
  await runAfterReload(page);
  const report = await page.evaluate(() => window.playground.python.startupReport());
  expect(report).toMatchObject({ kind: 'restored', note: null });
  expect(report?.snapshotBytes).toBeGreaterThan(1_000_000);
  const note = await performanceNote(page);
  await expect(note).toHaveAttribute('data-kind', 'restored');
  await expect(note).toContainText(/Restored from a start-up snapshot \([\d.]+ MB\) in [\d.]+ m?s, [\d.]+ m?s faster than a normal start/);
});

test('a damaged snapshot falls back to a normal start with a working Python, said only in the Performance panel', async ({ page }) => {
  await firstVisit(page);
  expect(await withSnapshot(page, 'damage')).toBeGreaterThan(1_000_000);
  await runAfterReload(page);
  expect(await page.evaluate(() => window.playground.python.startupReport())).toMatchObject({ kind: 'made', note: 'the snapshot is damaged (its checksum does not match)' });
  await expect(page.getByTestId('link-error')).toHaveCount(0);
  await expect(page.getByTestId('engine-python')).toHaveAttribute('data-state', 'ready');
  const note = await performanceNote(page);
  await expect(note).toContainText('the snapshot is damaged');
  // A sound snapshot replaces it, for the visit after.
  await expect.poll(() => withSnapshot(page, 'size'), { timeout: 30_000 }).toBeGreaterThan(1_000_000);
  await runAfterReload(page);
  expect((await page.evaluate(() => window.playground.python.startupReport()))?.kind).toBe('restored');
});
