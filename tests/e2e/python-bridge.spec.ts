import { createHash } from 'node:crypto';
import { test, expect } from './fixtures';
import { cell, openUnrestricted, tars } from './documents';
import { buildWheel, wheelFileName } from '../support/wheel';

const GREET = { name: 'greet', version: '1.2.3', files: { 'greet/__init__.py': '__version__ = "1.2.3"\n\ndef hello(name):\n    return f"hello {name}"\n' } };

test('a wheel built here and served from localhost installs by URL and imports in a cell', async ({ page, context }) => {
  const wheel = Buffer.from(buildWheel(GREET));
  // Registered after the fixture's catch-all, so it answers first; the URL stays on localhost.
  await context.route(`**/test-wheels/${wheelFileName(GREET)}`, (route) => route.fulfill({ body: wheel, contentType: 'application/octet-stream' }));
  // Importing a package that is not on Standard's list needs Unrestricted.
  await openUnrestricted(page, tars({ kind: 'PYTHON', name: 'use', code: 'import greet\nprint(greet.hello("web"), greet.__version__)' }));
  const url = await page.evaluate((name) => new URL(`/test-wheels/${name}`, location.href).href, wheelFileName(GREET));
  const installed = await page.evaluate((wheelUrl) => window.playground.python.installPackage(wheelUrl), url);
  expect(installed).toMatchObject({ success: true, installed: [{ name: 'greet', version: '1.2.3', source: 'wheel' }] });
  await cell(page, 'use').getByTestId('run-cell').click();
  await expect(cell(page, 'use').getByTestId('cell-output')).toHaveText('hello web 1.2.3');
  const packages = await page.evaluate(() => window.playground.python.listPackages());
  expect(packages).toEqual(expect.arrayContaining([{ name: 'greet', version: '1.2.3', source: 'wheel' }]));
});

test('installing numpy with no network gives the clear offline message', async ({ page, offsite }) => {
  await page.goto('/');
  await page.evaluate(() => window.playground.ready());
  const result = await page.evaluate(() => window.playground.python.installPackage('numpy'));
  expect(result.success).toBe(false);
  expect(result.message).toMatch(/^numpy is not available offline; vendor it with `npm run vendor:pyodide -- <folder of a full Pyodide release> numpy`/);
  expect(await page.evaluate(() => window.playground.python.isPackageAvailable('numpy'))).toBe(false);
  // The default online source was tried and refused: this machine, like the test, has no network.
  expect(offsite.length).toBeGreaterThan(0);
  expect(offsite.every((url) => url.startsWith('https://cdn.jsdelivr.net/pyodide/'))).toBe(true);
  offsite.length = 0;
});

test('a cell that prints every 200 ms shows each line while it runs', async ({ page }) => {
  const code = 'import time\nfor i in range(6):\n    print("tick", i)\n    time.sleep(0.2)';
  await openUnrestricted(page, tars({ kind: 'PYTHON', name: 'ticker', code }));
  // Start Python first, so the timing below is the cell's alone.
  await page.evaluate(() => window.playground.python.isAvailable());
  // The page records the output each time it changes while the cell shows it is running: what
  // the user saw, however late the test itself gets to look.
  await page.evaluate(() => {
    const target = document.querySelector('[data-testid="cell"][data-cell-name="ticker"]');
    if (target === null) throw new Error('no ticker cell');
    const seen: string[] = [];
    Reflect.set(window, 'tickerSeen', seen);
    new MutationObserver(() => {
      const text = target.querySelector('[data-testid="cell-output"]')?.textContent ?? '';
      if (target.getAttribute('data-status') === 'running' && text !== '' && seen.at(-1) !== text) seen.push(text);
    }).observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const report = await page.evaluate(() => window.playground.runCell('ticker'));
  expect(report.output).toBe(Array.from({ length: 6 }, (_, i) => `tick ${i}\n`).join(''));
  const seen = await page.evaluate(() => Reflect.get(window, 'tickerSeen') as string[]);
  // Lines showed one after another while it ran, not all at once at the end.
  const partial = seen.filter((text) => text.includes('tick 0') && !text.includes('tick 5'));
  expect(partial.length, `output seen while running: ${JSON.stringify(seen)}`).toBeGreaterThanOrEqual(2);
});

test('the bridge operations reach Python through the worker', async ({ page }) => {
  await page.goto('/');
  const outcome = await page.evaluate(async () => {
    const python = window.playground.python;
    await python.writeFile('/home/pyodide/document/hello.py', 'print("from a file")\n');
    const file = await python.executeFile('/home/pyodide/document/hello.py');
    await python.setVariable('radius', 2);
    const area = await python.evaluateExpression('round(3.14159 * radius ** 2, 2)');
    const variables = await python.getVariables();
    const module = await python.importModule('json');
    const version = await python.getVersionInfo();
    return { file: file.output, area: area.result, variables, module: module.name, python: version.details.python };
  });
  expect(outcome).toMatchObject({
    file: [{ stream: 'stdout', text: 'from a file\n' }],
    area: 12.57,
    variables: [{ name: 'radius', type: 'int', preview: '2', isCallable: false }],
    module: 'json',
  });
  expect(outcome.python).toMatch(/^3\.\d+\.\d+$/);
});

test('a vendored lock-file package installs by name from the self-hosted folder, checksum checked', async ({ page, context }) => {
  const wheel = Buffer.from(buildWheel(GREET));
  const sha256 = createHash('sha256').update(wheel).digest('hex');
  // Stand in for `npm run vendor:pyodide`: the lock file lists the package, the manifest marks
  // it vendored, and the wheel sits in the self-hosted folder.
  await context.route('**/pyodide/pyodide-lock.json', async (route) => {
    const lock = (await (await route.fetch()).json()) as { packages: Record<string, unknown> };
    lock.packages.greet = { name: 'greet', version: '1.2.3', file_name: wheelFileName(GREET), install_dir: 'site', sha256, package_type: 'package', imports: ['greet'], depends: [] };
    await route.fulfill({ json: lock });
  });
  await context.route('**/pyodide/vendored.json', (route) => route.fulfill({ json: { packages: ['greet'] } }));
  await context.route(`**/pyodide/${wheelFileName(GREET)}`, (route) => route.fulfill({ body: wheel }));
  // The engine imports under the policy the document's last run gave it: Unrestricted here.
  await openUnrestricted(page, tars({ kind: 'PYTHON', name: 'warm', code: 'pass' }));
  await page.evaluate(() => window.playground.runCell('warm'));
  expect(await page.evaluate(() => window.playground.python.isPackageAvailable('greet'))).toBe(true);
  const result = await page.evaluate(() => window.playground.python.installPackage('greet'));
  expect(result).toMatchObject({ success: true, installed: [{ name: 'greet', version: '1.2.3', source: 'pyodide' }] });
  const run = await page.evaluate(() => window.playground.python.execute('import greet\ngreet.hello("vendored")'));
  expect(run.result).toBe('hello vendored');
});
