import { test, expect } from './fixtures';
import { cell, openDocument, tars, openUnrestricted } from './documents';

test('top-level await on a timer yields its value', async ({ page }) => {
  await openDocument(page, tars({ kind: 'JAVASCRIPT', name: 'wait', code: 'await new Promise(r => setTimeout(r, 50)); "done"' }));
  const report = await page.evaluate(() => window.playground.runCell('wait'));
  expect(report).toMatchObject({ status: 'done', result: 'done' });
  await expect(cell(page, 'wait').locator('.result')).toHaveText("'done'");
});

test('a module vendored in public/modules/ imports with the network blocked', async ({ page }) => {
  const code = "import { circleArea, Vector } from 'orbit-math';\nconst { G } = await import('orbit-math');\n[Math.round(circleArea(1) * 1000) / 1000, new Vector(3, 4).length(), G]";
  await openDocument(page, tars({ kind: 'JAVASCRIPT', name: 'vendored', code }));
  const report = await page.evaluate(() => window.playground.runCell('vendored'));
  expect(report.errors).toEqual([]);
  expect(report.result).toEqual([3.142, 5, 6.674e-11]);
  const packages = await page.evaluate(() => window.playground.javascript.listPackages());
  expect(packages).toEqual(expect.arrayContaining([{ name: 'orbit-math', version: '1.0.0', source: 'vendored' }]));
});

test('an error thrown at line 2, column 5 of a cell is reported at 2:5', async ({ page }) => {
  await openDocument(page, tars({ kind: 'JAVASCRIPT', name: 'thrower', code: 'const ready = true;\n    notDefinedAnywhere()' }));
  const report = await page.evaluate(() => window.playground.runCell('thrower'));
  expect(report.errors[0]).toMatchObject({ name: 'ReferenceError', line: 2, column: 5 });
  await expect(cell(page, 'thrower').locator('.error')).toContainText('line 2:5');
});

test('for(;;){} is stopped while the page stays responsive', async ({ page }, testInfo) => {
  await openDocument(
    page,
    tars({ kind: 'JAVASCRIPT', name: 'setup', code: 'const kept = "state"' }, { kind: 'JAVASCRIPT', name: 'spin', code: 'for(;;){}' }),
  );
  await page.evaluate(() => window.playground.runCell('setup'));
  const spinning = page.evaluate(() => window.playground.runCell('spin'));
  await expect(cell(page, 'spin')).toHaveAttribute('data-status', 'running');
  // The loop runs in the worker: the page still answers and repaints.
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  expect(Date.now() - started).toBeLessThan(1000);
  await page.getByTestId('stop').click();
  const report = await spinning;
  expect(report.status).toBe('error');
  expect(report.errors[0]?.kind).toBe('interrupted');
  await expect(page.getByTestId('stop')).toBeDisabled();
  const after = await page.evaluate(() => window.playground.javascript.execute('typeof kept === "undefined" ? "lost" : kept'));
  if (testInfo.project.name === 'isolated') {
    // Interrupted through shared memory: the engine and its state carried on.
    expect(after.result).toBe('state');
  } else {
    // No SharedArrayBuffer without isolation: the worker was replaced, as the error says.
    expect(report.errors[0]?.message).toMatch(/restarted .* state was lost/);
    expect(after.result).toBe('lost');
  }
});

test('Esc stops a Python while True loop, keeping Python state when isolated', async ({ page }, testInfo) => {
  await openDocument(page, tars({ kind: 'PYTHON', name: 'setup', code: 'kept = "state"' }, { kind: 'PYTHON', name: 'spin', code: 'print("spinning")\nwhile True:\n    pass' }));
  await page.evaluate(() => window.playground.runCell('setup'));
  const spinning = page.evaluate(() => window.playground.runCell('spin'));
  // Pressed once the loop itself runs, so the interrupt lands in the user's code.
  await expect(cell(page, 'spin').getByTestId('cell-output')).toContainText('spinning');
  await page.keyboard.press('Escape');
  const report = await spinning;
  expect(report.errors[0]?.kind).toBe('interrupted');
  const after = await page.evaluate(() => window.playground.python.evaluateExpression('globals().get("kept", "lost")'));
  expect(after.result).toBe(testInfo.project.name === 'isolated' ? 'state' : 'lost');
  if (testInfo.project.name === 'isolated') expect(report.errors[0]?.name).toBe('KeyboardInterrupt');
});

test('a package installed by name@version keeps working without its source after a reload', async ({ page, context }) => {
  // The test stands in for the online ESM source: the request is answered inside the browser
  // process, so nothing leaves this machine.
  await context.route('https://esm.sh/tiny-clamp@2.1.0', (route) =>
    route.fulfill({ body: 'export default function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)); }\n', contentType: 'text/javascript' }),
  );
  await page.goto('/');
  const installed = await page.evaluate(() => window.playground.javascript.installPackage('tiny-clamp@2.1.0'));
  expect(installed).toMatchObject({ success: true, installed: [{ name: 'tiny-clamp', version: '2.1.0', source: 'esm' }] });
  // From here on the ESM source is gone again: the fixture fails the test if anything asks it.
  await context.unroute('https://esm.sh/tiny-clamp@2.1.0');
  // A package from the ESM source is only importable under Unrestricted.
  await openUnrestricted(page, tars({ kind: 'JAVASCRIPT', name: 'use', code: "import clamp from 'tiny-clamp';\nclamp(15, 0, 10)" }));
  const report = await page.evaluate(() => window.playground.runCell('use'));
  expect(report).toMatchObject({ status: 'done', result: 10 });
  expect(await page.evaluate(() => window.playground.javascript.listPackages())).toEqual(
    expect.arrayContaining([{ name: 'tiny-clamp', version: '2.1.0', source: 'esm' }]),
  );
  const module = await page.evaluate(() => window.playground.javascript.importModule('tiny-clamp'));
  expect(module).toMatchObject({ name: 'tiny-clamp', version: '2.1.0' });
});
