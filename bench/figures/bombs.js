// Link bombs (issue 16): a share link of about 400 KB whose document inflates to 300 MB is
// refused within a second, pasted into a live page and opened on a fresh visit, beside the bare
// decoding of the link's base64.
import { deflateRawSync } from 'node:zlib';
import { freshContext, openApp, openBaselines, repeat, RUNS, url } from '../harness.js';
import { record } from '../table.js';

const MEGABYTE = 1024 * 1024;
const REFUSED = 'more than 10 MB';

/** `#v1/…`: a share link whose document is 300 MB of spaces. */
function bombHash() {
  return `#v1/${deflateRawSync(Buffer.alloc(300 * MEGABYTE, 0x20), { level: 9 }).toString('base64url')}`;
}

/**
 * In the baseline page: decodes the link's base64 into bytes, the first step of any reading of
 * it; runs in the browser. (The app refuses a link longer than the cap allows at the best
 * compression deflate has, without decoding it.) @param {string} hash
 */
function bareDecode(hash) {
  const started = performance.now();
  const base64 = hash.slice('#v1/'.length).replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  if (bytes.length === 0) throw new Error('the link holds no bytes');
  return performance.now() - started;
}

export async function bombs() {
  console.log('Bombs');
  const hash = bombHash();
  const context = await freshContext();
  const page = await openApp(context);
  // In a live page: from the hash change being queued to the message in the DOM.
  const pasted = await repeat(RUNS, () =>
    page.evaluate(
      async ({ link, refused }) => {
        // The last run's message is dismissed first, so that only this run's can be seen.
        document.querySelector('[data-testid="link-error"] button')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        location.hash = '';
        await new Promise((resolve) => setTimeout(resolve, 100));
        let start = Number.NaN;
        const shown = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (document.querySelector('[data-testid="link-error"]')?.textContent?.includes(refused) !== true) return;
            observer.disconnect();
            resolve(performance.now() - start);
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        });
        location.hash = link;
        start = performance.now();
        return /** @type {Promise<number>} */ (shown);
      },
      { link: hash, refused: REFUSED },
    ),
  );
  await context.close();

  // On a fresh visit: from the app's script having arrived to the message.
  const visited = await repeat(RUNS, async () => {
    const visit = await freshContext();
    const fresh = await visit.newPage();
    await fresh.addInitScript((refused) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="link-error"]')?.textContent?.includes(refused) !== true) return;
        observer.disconnect();
        Reflect.set(window, 'refusedAt', performance.now());
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    }, REFUSED);
    await fresh.goto(url('isolated', `/${hash}`));
    await fresh.waitForFunction(() => typeof Reflect.get(window, 'refusedAt') === 'number', null, { timeout: 60_000 });
    const spent = await fresh.evaluate(() => {
      const entry = document.querySelector('script[type="module"][src]');
      const source = entry instanceof HTMLScriptElement ? entry.src : '';
      const arrived = performance.getEntriesByType('resource').find((resource) => resource.name === source);
      return Number(Reflect.get(window, 'refusedAt')) - (arrived instanceof PerformanceResourceTiming ? arrived.responseEnd : 0);
    });
    await visit.close();
    return spent;
  });

  const baseContext = await freshContext();
  const base = await openBaselines(baseContext);
  const bare = await repeat(RUNS, () => base.evaluate(bareDecode, hash));
  await baseContext.close();
  const baseline = { name: "decode the link's base64 into bytes, bare", values: bare };
  record('Bombs', `refuse a 300 MB share link (${String(Math.round(hash.length / 1024))} KB) pasted into a live page (hash change to message)`, pasted, baseline, '≤ 1 s');
  record('Bombs', 'refuse the same link on a fresh visit (app script arrived to message)', visited, baseline, '≤ 1 s');
}
