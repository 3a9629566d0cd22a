/**
 * Decompression bombs and oversized documents: a 300 MB share link of about 400 KB, a 300 MB
 * file picked or dropped, and a `?src` file that inflates to 300 MB are all refused at the
 * 10 MB cap, quickly, with a message; the current document stays and the tab stays usable.
 */
import { open, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { gzipBomb, shareHashBomb } from '../support/bomb';
import { cell, openDocument, setCellCode, tars } from './documents';
import { expect, freshPage, test } from './fixtures';

const CURRENT = 'DESCRIBE {\n    name: "Kept"\n}\n\n' + tars({ kind: 'JAVASCRIPT', name: 'kept', code: '6 * 7' });
const TOO_LARGE = /more than 10 MB of text/;
const MEGABYTE = 1024 * 1024;

let bomb = '';
test.beforeAll(async () => {
  bomb = await shareHashBomb(300);
});

/** Opens CURRENT and waits until autosave has written it, so that the next page reopens it. */
async function openSaved(page: Page): Promise<void> {
  await openDocument(page, CURRENT);
  const saved = () =>
    page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const request = indexedDB.open('tars-playground');
          request.onerror = () => {
            resolve(false);
          };
          request.onsuccess = () => {
            const database = request.result;
            try {
              const index = database.transaction('documents').objectStore('documents').get('index');
              index.onsuccess = () => {
                const summaries: unknown = index.result;
                resolve(Array.isArray(summaries) && summaries.some((summary: unknown) => typeof summary === 'object' && summary !== null && Reflect.get(summary, 'title') === 'Kept'));
              };
              index.onerror = () => {
                resolve(false);
              };
            } catch {
              resolve(false);
            } finally {
              database.close();
            }
          };
        }),
    );
  await expect.poll(saved).toBe(true);
}

/** The page still answers: an edit shows, and a cell runs to its result. */
async function expectUsable(page: Page): Promise<void> {
  await setCellCode(page, 'kept', '6 * 7 + 0');
  expect(await page.evaluate(() => window.playground.runCell('kept').then((report) => report.result))).toBe(42);
}

test('a 300 MB share link (about 400 KB) pasted into a live page is refused, and the document stays', async ({ page }) => {
  expect(bomb.length).toBeGreaterThan(300 * 1024);
  expect(bomb.length).toBeLessThan(420 * 1024);
  await openDocument(page, CURRENT);
  const text = await page.evaluate(() => window.playground.text());

  // Measured in the page, from the hash change to the message being in the DOM. The clock starts
  // once the assignment returns: setting a 400 KB hash is the browser's own synchronous work (a
  // few hundred ms on a loaded machine), and the hashchange that the app handles is queued then.
  const elapsed = await page.evaluate(async (hash) => {
    let start = Number.NaN;
    const shown = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="link-error"]')?.textContent.includes('more than 10 MB') !== true) return;
        observer.disconnect();
        resolve(performance.now() - start);
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    location.hash = hash;
    start = performance.now();
    return shown;
  }, bomb);
  // How soon is a figure of npm run bench (Bombs), not asserted here.
  test.info().annotations.push({ type: 'refused', description: `${String(Math.round(elapsed))} ms after the hashchange` });
  await expect(page.getByTestId('link-error')).toContainText('The share link could not be opened: it holds more than 10 MB of text');
  await expect(page.getByTestId('link-error')).toContainText('Your current document is unchanged');
  expect(await page.evaluate(() => window.playground.text())).toBe(text);
  await expectUsable(page);
});

test('opening a 300 MB link is refused, keeps the saved document, and a second visit is the same', async ({ browser, baseURL }) => {
  const fresh = await freshPage(browser, baseURL);
  try {
    const { page } = fresh;
    // The moment the refusal is in the DOM, in ms since the navigation started.
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="link-error"]')?.textContent.includes('more than 10 MB') !== true) return;
        observer.disconnect();
        Reflect.set(window, 'refusedAt', performance.now());
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    });
    await openSaved(page);
    const text = await page.evaluate(() => window.playground.text());

    for (const visit of [1, 2]) {
      // A page of its own each time (leaving also writes the autosave journal).
      await page.goto('about:blank');
      await page.goto(`./${bomb}`);
      await page.evaluate(() => window.playground.ready());
      await expect(page.getByTestId('link-error'), `visit ${String(visit)}`).toContainText(TOO_LARGE);
      // From the app's script having arrived to the message: what the page itself spends. (Before
      // it, the test harness routes every request of a page with a 400 KB address.)
      const spent = await page.evaluate(() => {
        const refusedAt: unknown = Reflect.get(window, 'refusedAt');
        const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src;
        const arrived = performance
          .getEntriesByType('resource')
          .find((resource): resource is PerformanceResourceTiming => resource instanceof PerformanceResourceTiming && resource.name === entry)?.responseEnd;
        return typeof refusedAt === 'number' && arrived !== undefined ? { total: refusedAt, app: refusedAt - arrived } : null;
      });
      test.info().annotations.push({ type: 'refused', description: `visit ${String(visit)}: ${JSON.stringify(spent)}` });
      // The refusal was seen in the page itself; how soon is a figure of npm run bench (Bombs).
      expect(spent, `visit ${String(visit)}`).not.toBeNull();
      expect(await page.evaluate(() => window.playground.text())).toBe(text);
    }
    await expectUsable(page);
    expect(fresh.offsite).toEqual([]);
  } finally {
    await fresh.close();
  }
});

test('a 300 MB file is refused by its size, picked or dropped, and the document stays', async ({ page }) => {
  await openDocument(page, CURRENT);
  const text = await page.evaluate(() => window.playground.text());
  // A sparse file: 300 MB long without writing 300 MB.
  const path = join(tmpdir(), `bomb-${String(process.pid)}.tars`);
  const handle = await open(path, 'w');
  try {
    await handle.truncate(300 * MEGABYTE);
    await handle.close();
    await page.getByTestId('open-file').setInputFiles(path);
    await expect(page.getByTestId('link-error')).toContainText(/bomb-\d+\.tars was not opened: it holds more than 10 MB of text/);
    expect(await page.evaluate(() => window.playground.text())).toBe(text);
  } finally {
    await rm(path, { force: true });
  }

  await page.getByTestId('link-error').getByRole('button', { name: 'Dismiss' }).click();
  const dropped = await page.evaluateHandle((megabyte) => {
    // 300 references to one megabyte: the browser does not copy the parts.
    const part = new Blob([new Uint8Array(megabyte).fill(0x20)]);
    const data = new DataTransfer();
    data.items.add(new File(Array.from({ length: 300 }, () => part), 'dropped.tars', { type: 'text/plain' }));
    return data;
  }, MEGABYTE);
  const target = cell(page, 'kept');
  await target.dispatchEvent('dragenter', { dataTransfer: dropped });
  await target.dispatchEvent('dragover', { dataTransfer: dropped });
  await target.dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByTestId('link-error')).toContainText(/dropped\.tars was not opened: it holds more than 10 MB of text/);
  expect(await page.evaluate(() => window.playground.text())).toBe(text);
  await expectUsable(page);
});

/**
 * The project's server, with one more file: `/bomb.tars`, 300 MB of text sent gzipped and
 * without a length, as a server that compresses on the fly sends it. Only the running count
 * of the decoded body can refuse it. Everything else is passed through, headers included.
 */
async function serveWithBomb(upstream: string): Promise<{ server: Server; port: number }> {
  const gzipped = await gzipBomb(300);
  const server = createServer((request, response) => {
    void (async () => {
      if (request.url?.startsWith('/bomb.tars') === true) {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' });
        response.end(gzipped);
        return;
      }
      const answer = await fetch(new URL(request.url ?? '/', upstream));
      const headers = Object.fromEntries([...answer.headers].filter(([name]) => !['content-encoding', 'content-length', 'transfer-encoding'].includes(name)));
      response.writeHead(answer.status, headers);
      response.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => response.destroy());
  });
  // Port 0: the system picks a free port, so runs side by side never share one.
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address !== null ? address.port : 0 };
}

test('a ?src file too large by its length, or inflating to 300 MB with none, is refused, and the saved document opens instead', async ({ browser, baseURL }) => {
  const { server, port } = await serveWithBomb(baseURL ?? '');
  const fresh = await freshPage(browser, `http://localhost:${String(port)}/`);
  try {
    const { page } = fresh;
    // 11 MB with a Content-Length: refused by the header.
    await page.route('**/large.tars', (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/plain' }, body: Buffer.alloc(11 * MEGABYTE, 0x20) }));
    await openSaved(page);
    const text = await page.evaluate(() => window.playground.text());
    for (const name of ['bomb.tars', 'large.tars']) {
      await page.goto('about:blank');
      await page.goto(`./?src=${name}`);
      await page.evaluate(() => window.playground.ready());
      await expect(page.getByTestId('link-error')).toContainText(`Could not open ${name}: it holds more than 10 MB of text`);
      await expect(page.getByTestId('link-error')).toContainText('Your last document is shown instead');
      expect(await page.evaluate(() => window.playground.text())).toBe(text);
    }
    await expectUsable(page);
    expect(fresh.offsite).toEqual([]);
  } finally {
    await fresh.close();
    server.close();
  }
});
