/**
 * The TARS DSL runs in the built app (issue 19): the program of the issue beside a Python cell,
 * the two DSL examples, Stop and the time limit on a runaway WHILE, and the run log's lines,
 * each beside the block it came from.
 */
import { ISSUE_EXAMPLE } from '../support/dsl-example';
import { expect, test } from './fixtures';
import { cell, openDocument } from './documents';

const CHECK = 'PYTHON check {\n    print(open("missing.txt").read(), f)\n}\n';

test('the program of the issue runs in order with a Python cell, which reads its file and its variable', async ({ page }) => {
  await openDocument(page, `${ISSUE_EXAMPLE}\n${CHECK}`);
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.success).toBe(true);
  expect(report.log).toHaveLength(5);
  expect(report.log.slice(0, 1)).toEqual(['fib(10) = 55']);
  expect(report.log[1]).toMatch(/^no file yet: there is no file missing\.txt in the document folder$/);
  expect(report.log.slice(2)).toEqual(['k is 1', 'k is 2', 'k is 3']);
  await expect(cell(page, 'check').getByTestId('cell-output')).toHaveText('made in catch 55');
  // Each line of the log is beside a link to its block.
  await expect(page.getByTestId('run-log-link')).toHaveText(['line 30', 'line 42', 'line 57', 'line 57', 'line 57']);
  const variables = await page.evaluate(() => window.playground.variables());
  expect(variables.f?.value).toBe(55);
  // The link scrolls to the block and focuses it: the TRY block holds line 42.
  await page.getByTestId('run-log-link').nth(1).click();
  await expect(page.locator('[data-testid="inert-block"][data-kind="TRY"]')).toBeFocused();
  const audit = await page.evaluate(() => window.playground.audit());
  expect(audit.some((entry) => entry.kind === 'run' && entry.language === null && /^TARS DSL blocks from line 1/.test(entry.detail))).toBe(true);
});

test('the shelf audit example runs its functions, loops and try/catch to the end', async ({ page, request }) => {
  await openDocument(page, await (await request.get('/examples/dsl-shelf-audit.tars')).text());
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.success).toBe(true);
  expect(report.log).toEqual([
    'BOLTS: order 2',
    'nuts: enough (12)',
    'WASHERS: order 20',
    'screws: enough (40)',
    '2 shelves to order, checked 3 times; 5 boxes line up 120 ways',
    'no earlier audit: there is no file reports/last-audit.txt in the document folder',
    'saved: to order: bolts, washers',
  ]);
});

test('the DSL and Python and JavaScript example passes values both ways', async ({ page, request }) => {
  await openDocument(page, await (await request.get('/examples/dsl-with-python.tars')).text());
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells.flatMap((entry) => entry.errors)).toEqual([]);
  expect(report.success).toBe(true);
  expect(report.log).toEqual(['6 readings, the first 12.5', 'the readings spread widely: 2.82']);
  await expect(cell(page, 'stats').getByTestId('cell-output')).toHaveText('mean 14.33, spread 2.82');
  await expect(cell(page, 'report').getByTestId('cell-output')).toHaveText('outliers: 19.2 above 14.33');
  await expect(cell(page, 'check').getByTestId('cell-output')).toHaveText('outliers: 19.2 above 14.33');
});

test('a failing block is marked and ends the run; a block that cannot run is a note and the run goes on', async ({ page }) => {
  const text = [
    'FSHARP {',
    '    let x = 1',
    '}',
    'ACTION {',
    '    type: "log"',
    '    message: "before ${1 + 1}"',
    '}',
    'ACTION {',
    '    type: "log"',
    '    message: "${nowhere * 2}"',
    '}',
    'JAVASCRIPT after {',
    '    1',
    '}',
    '',
  ].join('\n');
  await openDocument(page, text);
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.success).toBe(false);
  expect(report.log[0]).toBe('F# does not run in the browser; skipped');
  expect(report.log[1]).toBe('before 2');
  expect(report.log[2]).toMatch(/nowhere.*\(line 8\)$/);
  await expect(page.locator('[data-testid="run-log-line"][data-level="error"]')).toHaveCount(1);
  const failure = page.locator('[data-item] [data-testid="block-failure"]');
  await expect(failure).toHaveAttribute('data-line', '8');
  await expect(failure).toContainText('nowhere');
  // The block's line is marked as a cell's failing line is: the ACTION header, line 8 of the document.
  await expect(page.locator('[data-item] [data-testid="inert-text"][data-marked-line="1"]')).toHaveCount(1);
  const marked = await page.evaluate(() => [...(CSS.highlights.get('failed-line') ?? [])].map((range) => (range instanceof Range ? range.toString() : '')));
  expect(marked).toEqual(['ACTION {']);
  // The run ended at the failure, as it ends at a failing cell.
  await expect(cell(page, 'after')).toHaveAttribute('data-status', 'idle');
});

const SPIN = 'WHILE {\n    condition: "${true}"\n    ACTION {\n        type: "update_counter"\n        target: "spins"\n    }\n}\n';

test('Stop ends a runaway WHILE, the tab answering meanwhile, and the next run works', async ({ page }) => {
  await openDocument(page, SPIN);
  const running = page.evaluate(() => window.playground.runAll());
  // Each poll is the page answering while the loop runs.
  await expect.poll(() => page.evaluate(() => window.playground.variables().then((variables) => Number(variables.spins?.value ?? 0)))).toBeGreaterThan(10);
  await page.getByTestId('stop').click();
  const report = await running;
  expect(report.success).toBe(false);
  expect(report.log).toEqual(['the run was stopped']);
  const audit = await page.evaluate(() => window.playground.audit());
  expect(audit.some((entry) => entry.kind === 'run' && entry.language === null && entry.outcome === 'stopped')).toBe(true);
  await openDocument(page, 'ACTION {\n    type: "log"\n    message: "again ${2 * 3}"\n}\n');
  expect((await page.evaluate(() => window.playground.runAll())).log).toEqual(['again 6']);
});

test("CONFIG's time limit ends a runaway WHILE with a clear error", async ({ page }) => {
  await openDocument(page, `CONFIG {\n    timeout: 300\n}\n${SPIN}`);
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.success).toBe(false);
  expect(report.log).toEqual(['the run passed its time limit of 300 ms']);
});
