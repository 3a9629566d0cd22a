/**
 * Shared variables as a new user meets them (issue 17): a change made in place in another
 * language comes back, a restart forgets its engine's exports, names bound inside a
 * comprehension are not reads, the Variables panel speaks each language's own terms, and a
 * value too deep to cross is refused without breaking either engine.
 */
import { cell, openDocument, setCellCode, tars } from './documents';
import { expect, test } from './fixtures';

test('a list of dicts changed in place by JavaScript comes back to Python', async ({ page }) => {
  await openDocument(
    page,
    tars(
      { kind: 'PYTHON', name: 'make', code: 'people = [{"name": "Ada", "born": 1816}, {"name": "Alan", "born": 1912}]' },
      { kind: 'JAVASCRIPT', name: 'change', code: 'people.push({ name: "Grace", born: 1906 });\npeople[0].born = 1815;\npeople.length' },
      { kind: 'PYTHON', name: 'check', code: '[(person["name"], person["born"]) for person in people]' },
    ),
  );
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells.flatMap((item) => item.errors)).toEqual([]);
  expect(report.cells.map((item) => item.result)).toEqual([null, 3, [['Ada', 1815], ['Alan', 1912], ['Grace', 1906]]]);
  const variables = await page.evaluate(() => window.playground.variables());
  expect(variables.people).toMatchObject({ language: 'javascript', type: 'Array' });
});

test('an item assigned on a dict comes back, from Python to JavaScript and from JavaScript to Python', async ({ page }) => {
  await openDocument(
    page,
    tars(
      { kind: 'PYTHON', name: 'settings', code: 'settings = {"size": 1}' },
      { kind: 'JAVASCRIPT', name: 'widen', code: 'settings["width"] = 640;\nconst limits = { low: 0 };' },
      { kind: 'PYTHON', name: 'raise', code: 'limits["high"] = 10\nsorted(settings.items())' },
      { kind: 'JAVASCRIPT', name: 'read', code: '[limits.low, limits.high, settings.width]' },
    ),
  );
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells.flatMap((item) => item.errors)).toEqual([]);
  expect(report.cells.map((item) => item.result)).toEqual([
    null,
    640,
    [
      ['size', 1],
      ['width', 640],
    ],
    [0, 10, 640],
  ]);
});

test('a cell that only looks at a value from another language does not make it its export', async ({ page }) => {
  await openDocument(
    page,
    tars(
      { kind: 'PYTHON', name: 'make', code: 'numbers = [3, 1, 2]' },
      { kind: 'JAVASCRIPT', name: 'look', code: 'numbers.reduce((a, b) => a + b, 0)' },
      { kind: 'PYTHON', name: 'after', code: 'sum(numbers)' },
    ),
  );
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells.map((item) => item.result)).toEqual([null, 6, 6]);
  expect((await page.evaluate(() => window.playground.variables())).numbers).toMatchObject({ language: 'python', value: [3, 1, 2] });
  // The Python cell that made it is not stale: nothing changed it since.
  expect(report.cells.map((item) => item.stale)).toEqual([false, false, false]);
});

test("restart('python') forgets Python's exports, marks their readers stale, and JavaScript keeps its own", async ({ page }) => {
  await openDocument(
    page,
    tars(
      { kind: 'PYTHON', name: 'make', code: 'rows = [1, 2, 3]\nlabel = "rows"' },
      { kind: 'JAVASCRIPT', name: 'use', code: 'const total = rows.reduce((a, b) => a + b, 0);\ntotal' },
    ),
  );
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells.map((item) => item.result)).toEqual([null, 6]);
  expect(Object.keys(await page.evaluate(() => window.playground.variables())).sort()).toEqual(['label', 'rows', 'total']);

  await page.evaluate(() => window.playground.restart('python'));
  const after = await page.evaluate(() => window.playground.variables());
  expect(Object.keys(after)).toEqual(['total']);
  expect(after.total).toMatchObject({ language: 'javascript', value: 6 });
  await expect(cell(page, 'use')).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('variables-panel').locator('[data-variable="rows"]')).toHaveCount(0);
  await expect(page.getByTestId('variables-panel').locator('[data-variable="total"]')).toHaveCount(1);
  // JavaScript still holds the value it was given; Python has lost its own.
  const javascript = await page.evaluate(() => window.playground.javascript.execute('rows.length'));
  expect(javascript.result).toBe(3);
  const python = await page.evaluate(() => window.playground.python.execute('rows'));
  expect(python.errors[0]?.name).toBe('NameError');
  await expect(page.evaluate(() => window.playground.restart('ruby' as 'python'))).rejects.toThrow(/there is no ruby engine/);
});

test('names bound by a comprehension or a generator are not reads, so a cell using them is not stale', async ({ page }) => {
  await openDocument(
    page,
    tars(
      { kind: 'PYTHON', name: 'squares', code: 'total = sum(i * i for i in range(5))\nfirst = [j for j in range(3)]\n(total, first)' },
      { kind: 'PYTHON', name: 'counter', code: 'i = 10\nj = 20' },
    ),
  );
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells[0]?.result).toEqual([30, [0, 1, 2]]);
  await page.evaluate(() => window.playground.runCell('counter'));
  await expect(cell(page, 'squares')).toHaveAttribute('data-stale', 'false');
  // A real read is still seen: the same cell reading `i` becomes stale when `i` changes.
  await setCellCode(page, 'squares', 'total = sum(k * i for k in range(5))');
  await page.evaluate(() => window.playground.runCell('squares'));
  await setCellCode(page, 'counter', 'i = 11');
  await page.evaluate(() => window.playground.runCell('counter'));
  await expect(cell(page, 'squares')).toHaveAttribute('data-stale', 'true');
});

test('the Variables panel shows Python values in Python terms', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openDocument(page, tars({ kind: 'PYTHON', name: 'make', code: 'nothing = None\nflags = {"on": True, "off": False}\npair = (1, 2)' }));
  await page.evaluate(() => window.playground.runAll());
  const variables = page.getByTestId('side-panel').getByTestId('variables-panel');
  const nothing = variables.locator('[data-variable="nothing"]');
  await expect(nothing.locator('.variable-preview')).toHaveText('None');
  await expect(variables.locator('[data-variable="flags"] .variable-type')).toHaveText('dict');
  await expect(variables.locator('[data-variable="flags"] .variable-preview')).toHaveText("{'on': True, 'off': False}");
  await expect(variables.locator('[data-variable="pair"] .variable-preview')).toHaveText('(1, 2)');
  // Opening an entry brings its value from the engine.
  await variables.locator('[data-variable="flags"] > details > summary').click();
  await expect(variables.locator('[data-variable="flags"] [data-testid="json-tree"]')).toContainText('True');
});

test('a value nested 100,000 deep is refused with a conversion error, and both engines go on', async ({ page }) => {
  await openDocument(
    page,
    tars(
      { kind: 'PYTHON', name: 'deep', code: 'deep = []\nfor _ in range(100_000):\n    deep = [deep]\ndeep' },
      { kind: 'JAVASCRIPT', name: 'reach', code: 'deep.length' },
      { kind: 'JAVASCRIPT', name: 'own', code: 'let nested = [];\nfor (let i = 0; i < 100000; i++) nested = [nested];' },
      { kind: 'PYTHON', name: 'back', code: 'len(nested)' },
    ),
  );
  // Each cell's last value is the deep one itself: shown bounded, kept in its engine.
  const made = await page.evaluate(() => window.playground.runCell('deep'));
  expect(made.errors).toEqual([]);
  const reach = await page.evaluate(() => window.playground.runCell('reach'));
  expect(reach.errors[0]).toMatchObject({ kind: 'conversion', message: expect.stringMatching(/^deep is a Python list and cannot cross to JavaScript: .*deeper than/) });
  const own = await page.evaluate(() => window.playground.runCell('own'));
  expect(own.errors).toEqual([]);
  expect(own.result).toBeNull();
  const back = await page.evaluate(() => window.playground.runCell('back'));
  expect(back.errors[0]).toMatchObject({ kind: 'conversion', message: expect.stringMatching(/^nested is a JavaScript Array and cannot cross to Python: .*deeper than/) });
  const python = await page.evaluate(() => window.playground.python.execute('1 + 1'));
  const javascript = await page.evaluate(() => window.playground.javascript.execute('1 + 1'));
  expect([python.result, javascript.result]).toEqual([2, 2]);
});
