/**
 * `ready()` means ready on a plain host: a script that waits for it on a first visit keeps its
 * page, which the service worker's takeover would otherwise reload once to make it isolated.
 * The next load is isolated, and HTML output works there under the worker.
 */
import { tars } from './documents';
import { expect, freshPage, test } from './fixtures';

const DOCUMENT = tars(
  { kind: 'PYTHON', name: 'answer', code: 'answer = 6 * 7\nprint(answer)' },
  { kind: 'JAVASCRIPT', name: 'shout', code: 'console.log(`answer is ${answer}`)' },
);

test('on a first visit, a script that awaits ready() then loads and runs a document finishes in the same page', async ({ browser, baseURL }) => {
  const fresh = await freshPage(browser, baseURL, { serviceWorkers: 'allow' });
  try {
    const { page } = fresh;
    await page.goto('./');
    const outcome = await page.evaluate(async (text) => {
      Reflect.set(window, 'scriptMarker', 'set before ready');
      await window.playground.ready();
      window.playground.load(text, { trusted: true });
      const report = await window.playground.runAll();
      return {
        marker: Reflect.get(window, 'scriptMarker') as unknown,
        success: report.success,
        outputs: report.cells.map((cell) => [cell.name, cell.status, cell.output]),
      };
    }, DOCUMENT);
    expect(outcome).toEqual({
      marker: 'set before ready',
      success: true,
      outputs: [
        ['answer', 'done', '42\n'],
        ['shout', 'done', 'answer is 42\n'],
      ],
    });
    // The worker takes this page over, and it still does not reload: the marker is still there.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
    expect(await page.evaluate(() => Reflect.get(window, 'scriptMarker') as unknown)).toBe('set before ready');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);

    // The next load is isolated under the worker, and HTML output runs in its frame page there.
    await page.reload();
    await page.evaluate(() => window.playground.ready());
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => Reflect.get(window, 'scriptMarker') as unknown)).toBeUndefined();
    await page.evaluate(() => {
      window.playground.load('JAVASCRIPT html {\n    display({ "text/html": "<p id=\\"made\\">made</p><script>document.getElementById(\'made\').textContent += \' by script\'</script>" })\n}\n', { trusted: true });
    });
    await page.evaluate(() => window.playground.runAll());
    await expect(page.getByTestId('display-output').frameLocator('iframe').frameLocator('iframe').locator('#made')).toHaveText('made by script');
    expect(fresh.offsite).toEqual([]);
  } finally {
    await fresh.close();
  }
});

test('on a first visit that nobody scripts, the page reloads once to become isolated', async ({ browser, baseURL }) => {
  const fresh = await freshPage(browser, baseURL, { serviceWorkers: 'allow' });
  try {
    const { page } = fresh;
    await page.goto('./');
    await page.evaluate(() => Reflect.set(window, 'scriptMarker', 'first page'));
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null && crossOriginIsolated).catch(() => false), { timeout: 60_000 })
      .toBe(true);
    // A new page: the first one's marker went with it.
    expect(await page.evaluate(() => Reflect.get(window, 'scriptMarker') as unknown)).toBeUndefined();
    await page.evaluate(() => window.playground.ready());
    expect(fresh.offsite, 'requests that tried to leave localhost').toEqual([]);
  } finally {
    await fresh.close();
  }
});
