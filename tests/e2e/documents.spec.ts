import { test, expect } from './fixtures';
import { decodeShareHash } from '../../src/share/share-link';
import { cell, openDocument, setCellCode, tars, openUnrestricted } from './documents';

const SPEC_EXAMPLE = `DESCRIBE {
    name: "Orbit demo"
    version: "1.0"
}
CONFIG {
    security: "standard"        // restrictive | standard | unrestricted
    timeout: 30000              // ms per cell; may only tighten the tier's limit
}
VARIABLE radius {
    value: 6371
}
PYTHON area {
    import math
    area = 4 * math.pi * radius ** 2
    print(f"{area:.0f} km2")
}
JAVASCRIPT report {
    const text = \`area \${Math.round(area)}\`;
    text
}
MARKDOWN {
    # Result
    The radius was \${radius}.
}
`;

test("SPEC §2's example runs end to end", async ({ page }) => {
  await openDocument(page, SPEC_EXAMPLE);
  await expect(page.locator('h1')).toHaveText('Orbit demo');
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.success).toBe(true);
  const [area, text, markdown] = report.cells;
  expect(area).toMatchObject({ name: 'area', output: '510064472 km2\n' });
  expect(text).toMatchObject({ name: 'report', result: 'area 510064472' });
  expect(markdown?.output).toBe('# Result\nThe radius was 6371.');
  const variables = await page.evaluate(() => window.playground.variables());
  expect(variables.radius).toMatchObject({ language: 'document', value: 6371 });
  expect(variables.area).toMatchObject({ language: 'python', type: 'float' });
  expect(variables.text).toMatchObject({ language: 'javascript', value: 'area 510064472' });
  // The document is written back as it was loaded.
  expect(await page.evaluate(() => window.playground.text())).toBe(SPEC_EXAMPLE);
});

const PYTHON_VALUES = [
  'import datetime, array',
  'big = 2**64 + 1',
  'nan = float("nan")',
  'negative_zero = -0.0',
  'astral = "orbit 🪐 𝔘"',
  'raw = b"\\x00\\xff"',
  'nested = {"a": [1, {"b": None}], "c": (2, 3)}',
  'keyed = {1: "one", "two": 2}',
  'members = {1, 2}',
  'when = datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc)',
  'samples = array.array("d", range(1310720))',
].join('\n');

test('every row of the value model crosses from Python to JavaScript intact', async ({ page }) => {
  const check = [
    'const sum = samples.reduce((a, b) => a + b, 0);',
    '[big === 2n ** 64n + 1n, Number.isNaN(nan), Object.is(negative_zero, -0), astral, Array.from(raw), nested, keyed instanceof Map && keyed.get(1), members instanceof Set && members.has(2), when.toISOString(), samples instanceof Float64Array && samples.length, sum]',
  ].join('\n');
  // array is not on Standard's list of modules.
  await openUnrestricted(page, tars({ kind: 'PYTHON', name: 'make', code: PYTHON_VALUES }, { kind: 'JAVASCRIPT', name: 'check', code: check }));
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells[1]?.errors).toEqual([]);
  expect(report.cells[1]?.result).toEqual([true, true, true, 'orbit 🪐 𝔘', [0, 255], { a: [1, { b: null }], c: [2, 3] }, 'one', true, '2024-01-02T00:00:00.000Z', 1310720, (1310719 * 1310720) / 2]);
});

test('every row of the value model crosses from JavaScript to Python intact', async ({ page }) => {
  const make = [
    'const big = 2n ** 64n + 1n, nan = NaN, negativeZero = -0, astral = "orbit 🪐 𝔘";',
    'const raw = new Uint8Array([0, 255]), nested = { a: [1, { b: null }] };',
    'const keyed = new Map([[1, "one"], ["two", 2]]), members = new Set([1, 2]);',
    'const when = new Date(Date.UTC(2024, 0, 2));',
    'const samples = new Float64Array(1310720).map((_, i) => i);',
  ].join('\n');
  const check = [
    'import math',
    '[big == 2**64 + 1, math.isnan(nan), math.copysign(1, negativeZero), astral, list(raw), nested, keyed[1], 2 in members, when.isoformat(), samples.typecode, len(samples), sum(samples)]',
  ].join('\n');
  await openDocument(page, tars({ kind: 'JAVASCRIPT', name: 'make', code: make }, { kind: 'PYTHON', name: 'check', code: check }));
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells[1]?.errors).toEqual([]);
  expect(report.cells[1]?.result).toEqual([true, true, -1, 'orbit 🪐 𝔘', [0, 255], { a: [1, { b: null }] }, 'one', true, '2024-01-02T00:00:00+00:00', 'd', 1310720, (1310719 * 1310720) / 2]);
});

test('reading a Python function from JavaScript gives a clear error', async ({ page }) => {
  await openDocument(page, tars({ kind: 'PYTHON', name: 'define', code: 'def area(r):\n    return 3.14 * r * r' }, { kind: 'JAVASCRIPT', name: 'use', code: 'area(2)' }));
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells[1]?.errors[0]).toMatchObject({ kind: 'conversion', language: 'javascript' });
  expect(report.cells[1]?.errors[0]?.message).toMatch(/^area is a Python function and cannot cross to JavaScript/);
  await expect(cell(page, 'use').locator('.error')).toContainText('area is a Python function and cannot cross to JavaScript');
});

test('changing a variable marks the cells that read it as stale', async ({ page }) => {
  await openDocument(
    page,
    tars(
      // Cells that read names they assign themselves must not count their own writes as changes.
      { kind: 'PYTHON', name: 'source', code: 'level = 1\nlevels = [level]\nlevels.append(level + 1)' },
      { kind: 'JAVASCRIPT', name: 'reader', code: 'let scaled = level * 10;\nscaled = scaled + 0;\nscaled' },
      { kind: 'JAVASCRIPT', name: 'other', code: '"independent"' },
    ),
  );
  const first = await page.evaluate(() => window.playground.runAll());
  expect(first.cells.map((item) => [item.result, item.stale])).toEqual([[null, false], [10, false], ['independent', false]]);
  await setCellCode(page, 'source', 'level = 2\nlevels = [level]');
  await page.evaluate(() => window.playground.runCell('source'));
  await expect(cell(page, 'reader')).toHaveAttribute('data-stale', 'true');
  await expect(cell(page, 'other')).toHaveAttribute('data-stale', 'false');
  const reread = await page.evaluate(() => window.playground.runCell('reader'));
  expect(reread).toMatchObject({ result: 20, stale: false });
});

test('ACTION log blocks print their message, interpolated, in document order', async ({ page }) => {
  const text = [
    'VARIABLE radius {',
    '    value: 6371',
    '}',
    'ACTION {',
    '    type: "log"',
    '    message: "starting with radius ${radius}"',
    '}',
    'PYTHON double {',
    '    doubled = radius * 2',
    '}',
    'ACTION {',
    '    type: "log"',
    '    message: "doubled is ${doubled}"',
    '}',
    '',
  ].join('\n');
  await openDocument(page, text);
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.log).toEqual(['starting with radius 6371', 'doubled is 12742']);
  await expect(page.getByTestId('run-log').locator('.run-log-text')).toHaveText(['starting with radius 6371', 'doubled is 12742']);
  await expect(page.getByTestId('run-log-link')).toHaveText(['line 4', 'line 11']);
});

test('Run from here runs a cell and the ones after it, not the ones before', async ({ page }) => {
  await openDocument(page, tars({ kind: 'JAVASCRIPT', name: 'before', code: '1' }, { kind: 'JAVASCRIPT', name: 'here', code: '2' }, { kind: 'JAVASCRIPT', name: 'after', code: '3' }));
  await cell(page, 'here').getByRole('button', { name: /and every cell after it/ }).click();
  await expect(cell(page, 'after')).toHaveAttribute('data-status', 'done');
  await expect(cell(page, 'here')).toHaveAttribute('data-status', 'done');
  await expect(cell(page, 'before')).toHaveAttribute('data-status', 'idle');
});

test('shareLink reproduces the document, and audit() records runs and stops', async ({ page }) => {
  const text = tars({ kind: 'JAVASCRIPT', name: 'quick', code: '1 + 1' }, { kind: 'JAVASCRIPT', name: 'spin', code: 'for(;;){}' });
  await openDocument(page, text);
  const link = await page.evaluate(() => window.playground.shareLink());
  expect(link).toMatch(/^http:\/\/localhost:\d+\/#v1\/[A-Za-z0-9_-]+$/);
  expect(await decodeShareHash(new URL(link).hash)).toEqual({ ok: true, text });
  await page.evaluate(() => window.playground.runCell('quick'));
  const spinning = page.evaluate(() => window.playground.runCell('spin'));
  await expect(cell(page, 'spin')).toHaveAttribute('data-status', 'running');
  await page.evaluate(() => window.playground.stop());
  await spinning;
  const audit = await page.evaluate(() => window.playground.audit());
  expect(audit.map(({ kind, language, cellId }) => ({ kind, language, cellId: cellId === null ? null : 'cell' }))).toEqual([
    { kind: 'tier', language: null, cellId: null },
    { kind: 'run', language: 'javascript', cellId: 'cell' },
    { kind: expect.stringMatching(/^(interrupt|restart)$/) as unknown as string, language: 'javascript', cellId: null },
    { kind: 'run', language: 'javascript', cellId: 'cell' },
  ]);
  expect(audit.every((entry) => !Number.isNaN(Date.parse(entry.time)))).toBe(true);
});

test("CONFIG's timeout stops a Python cell that runs too long", async ({ page }, testInfo) => {
  const text = ['CONFIG {', '    timeout: 1000', '}', tars({ kind: 'PYTHON', name: 'slow', code: 'while True:\n    pass' })].join('\n');
  await openDocument(page, text);
  const report = await page.evaluate(() => window.playground.runCell('slow'));
  expect(report.errors[0]).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/time limit of 1000 ms/) as unknown as string });
  if (testInfo.project.name !== 'isolated') expect(report.errors[0]?.message).toMatch(/restarted/);
});

test('real TARS blocks the playground does not run are shown inert and saved back byte for byte', async ({ page }) => {
  const text = [
    'CONFIG {',
    '    security: "restrictive"',
    '}',
    'AGENT planner {',
    '    FSHARP {',
    '        let greeting = "}"',
    '    }',
    '}',
    'TRY {',
    '    ACTION {',
    '        type: "log"',
    '    }',
    '    CATCH { message: "{ not a block" }',
    '}',
    tars({ kind: 'PYTHON', name: 'runs', code: 'print("still runs")' }),
  ].join('\n');
  await openDocument(page, text);
  await expect(page.getByTestId('inert-block')).toHaveCount(2);
  await expect(page.locator('[data-testid="inert-block"][data-kind="AGENT"]')).toContainText('do not run in the playground');
  await expect(page.getByTestId('policy-badge')).toHaveText('restrictive');
  expect(await page.evaluate(() => window.playground.text())).toBe(text);
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells.map((item) => item.output)).toEqual(['still runs\n']);
});
