/**
 * HTML output makes no request under Restrictive and Standard: an attacker's server on another
 * local port records every request, and an output that tries every usual road to it (an image,
 * a style sheet, a CSS url(), a remote script, fetch() from its inline script, and navigating
 * its own frame) reaches it from no frame of the app, while its inline script still runs. The
 * same probe in a frame without the frame page's policy (the playground's old srcdoc frame)
 * does reach the server, which shows the test can see an escape.
 */
import { createServer, type Server } from 'node:http';
import { frameDocument } from '../../src/ui/output/frame-document';
import { cell, openDocument } from './documents';
import { expect, test } from './fixtures';

/** A 1×1 PNG, so that an image the server answers does load. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAQH/6PHMMgAAAABJRU5ErkJggg==', 'base64');

interface Logger {
  readonly origin: string;
  /** The paths requested so far, in order. */
  readonly requests: string[];
  close(): void;
}

/** The attacker's server: records every request and answers anything, readable cross-origin. */
async function startLogger(): Promise<Logger> {
  let port = 0;
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://logger').pathname;
    requests.push(path);
    const headers = { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin', 'cache-control': 'no-store' };
    if (path === '/unprotected.html') {
      response.writeHead(200, { ...headers, 'content-type': 'text/html' });
      response.end(unprotectedPage(`http://localhost:${String(port)}`));
      return;
    }
    const types: Record<string, string> = { '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png' };
    const type = Object.entries(types).find(([extension]) => path.endsWith(extension))?.[1] ?? 'text/plain';
    response.writeHead(200, { ...headers, 'content-type': type });
    response.end(type === 'image/png' ? PNG : type === 'text/css' ? 'p { color: red }' : type === 'text/javascript' ? 'window.remoteScript = true;' : 'logged');
  });
  // Port 0: the system picks a free port, so tests running side by side never share one.
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    origin: `http://localhost:${String(port)}`,
    requests,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** The roads, each named by the path it asks for. */
const ROADS = ['/image.png', '/style.css', '/css-url.png', '/script.js', '/fetch', '/navigate'];

/**
 * An output that tries each road to `origin` and reports in its own DOM: `#ran` once its inline
 * script runs, one `li` per road with an event, and `#settled` once every event has come and
 * two frames have been drawn (by then the CSS url() has been asked for, if it could be).
 */
function probe(origin: string): string {
  return `<p id="ran">not run</p><ul id="roads"></ul><p id="settled"></p>
<script>
  var pending = 4;
  function report(road, outcome) {
    var item = document.createElement('li');
    item.setAttribute('data-road', road);
    item.textContent = outcome;
    document.getElementById('roads').appendChild(item);
    if (--pending === 0) requestAnimationFrame(function () { requestAnimationFrame(function () { document.getElementById('settled').textContent = 'settled'; }); });
  }
  document.getElementById('ran').textContent = 'inline script ran';
  fetch('${origin}/fetch').then(function () { report('fetch', 'reached'); }, function () { report('fetch', 'blocked'); });
</script>
<link rel="stylesheet" href="${origin}/style.css" onload="report('style', 'reached')" onerror="report('style', 'blocked')">
<img alt="" src="${origin}/image.png" onload="report('image', 'reached')" onerror="report('image', 'blocked')">
<div style="width: 4px; height: 4px; background-image: url(${origin}/css-url.png)"></div>
<script src="${origin}/script.js" onload="report('script', 'reached')" onerror="report('script', 'blocked')"></script>`;
}

/** An output that navigates its own frame to `origin`. */
function navigation(origin: string): string {
  return `<p>leaving</p><script>location.href = '${origin}/navigate';</script>`;
}

/** The probes in frames as the playground made them before the frame page: srcdoc, sandboxed, no policy of their own. */
function unprotectedPage(origin: string): string {
  const frame = (html: string) => `<iframe sandbox="allow-scripts" srcdoc="${frameDocument(html).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>`;
  return `<!doctype html><title>unprotected</title>${frame(navigation(origin))}${frame(probe(origin))}`;
}

function document(tier: 'restrictive' | 'standard', origin: string): string {
  const displays = [navigation(origin), probe(origin)].map((html) => `display({ "text/html": ${JSON.stringify(html)} });`).join('\n');
  return `CONFIG {\n    security: "${tier}"\n}\n\nJAVASCRIPT probe {\n${displays.replace(/^/gm, '    ')}\n}\n`;
}

for (const tier of ['standard', 'restrictive'] as const) {
  test(`HTML output under ${tier} runs its inline script and reaches no server by any road`, async ({ page }) => {
    const logger = await startLogger();
    try {
      await openDocument(page, document(tier, logger.origin));
      const report = await page.evaluate(() => window.playground.runCell('probe'));
      expect(report.errors).toEqual([]);
      const outputs = cell(page, 'probe').getByTestId('display-output');
      await expect(outputs).toHaveCount(2);
      const content = outputs.nth(1).frameLocator('iframe').frameLocator('iframe');
      await expect(content.locator('#ran')).toHaveText('inline script ran');
      await expect(content.locator('#settled')).toHaveText('settled');
      const outcomes: Record<string, string> = await content.locator('li').evaluateAll((items) => Object.fromEntries(items.map((item) => [item.getAttribute('data-road') ?? '', item.textContent])));
      expect(outcomes).toEqual({ fetch: 'blocked', style: 'blocked', image: 'blocked', script: 'blocked' });
      expect(logger.requests).toEqual([]);
      // The frames still size to their content.
      await expect.poll(async () => (await outputs.nth(1).locator('iframe').boundingBox())?.height ?? 0).toBeGreaterThan(60);
    } finally {
      logger.close();
    }
  });
}

test('the same probe in a frame without the frame page reaches the server by every road, so an escape would be seen', async ({ page }) => {
  const logger = await startLogger();
  try {
    await page.goto(`${logger.origin}/unprotected.html`);
    await expect.poll(() => ROADS.filter((road) => !logger.requests.includes(road))).toEqual([]);
  } finally {
    logger.close();
  }
});
