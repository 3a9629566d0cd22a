import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { encodeShareHash } from '../../src/share/share-link';
import { test, expect } from './fixtures';
import { cell, openDocument, tars } from './documents';

const config = (lines: Record<string, string | number>) =>
  `CONFIG {\n${Object.entries(lines)
    .map(([key, value]) => `    ${key}: ${typeof value === 'string' ? `"${value}"` : String(value)}`)
    .join('\n')}\n}\n`;

const auditKinds = (page: Page) => page.evaluate(() => window.playground.audit().map((entry) => entry.kind));

test('a share link opens untrusted: its cells show, nothing runs until Trust and run', async ({ page }) => {
  const text = tars({ kind: 'PYTHON', name: 'greet', code: 'print("hello from the link")' }, { kind: 'JAVASCRIPT', name: 'twice', code: '21 * 2' });
  await page.goto(`/${encodeShareHash(text)}`);
  await page.evaluate(() => window.playground.ready());
  await expect(page.getByTestId('trust-banner')).toBeVisible();
  await expect(cell(page, 'greet')).toBeVisible();
  expect(await page.evaluate(() => window.playground.text())).toBe(text);

  // Neither Run all nor a single cell runs anything, and no engine starts.
  const refused = await page.evaluate(() => window.playground.runAll());
  expect(refused.cells.map((item) => item.status)).toEqual(['idle', 'idle']);
  await page.getByTestId('run-all').click();
  await cell(page, 'twice').getByTestId('run-cell').click();
  await expect(page.getByTestId('engine-python')).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('engine-javascript')).toHaveAttribute('data-state', 'idle');
  expect(await auditKinds(page)).toEqual(['trust', 'trust', 'trust']);

  await page.getByTestId('trust-run').click();
  await expect(cell(page, 'greet').getByTestId('cell-output')).toHaveText('hello from the link');
  await expect(cell(page, 'twice')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('trust-banner')).toBeHidden();
  const audit = await page.evaluate(() => window.playground.audit());
  expect(audit.filter((entry) => entry.kind === 'trust').map((entry) => entry.detail).at(-1)).toBe('the user trusted the document and ran it');
  expect(audit.filter((entry) => entry.kind === 'run').map((entry) => entry.outcome)).toEqual(['success', 'success']);
});

test('load(text, {trusted: false}) behaves like a share link', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => window.playground.ready());
  await page.evaluate(() => {
    window.playground.load('JAVASCRIPT quick {\n    1 + 1\n}\n', { trusted: false });
  });
  const refused = await page.evaluate(() => window.playground.runCell('quick'));
  expect(refused).toMatchObject({ status: 'idle', result: null });
  await page.getByTestId('trust-run').click();
  await expect(cell(page, 'quick')).toHaveAttribute('data-status', 'done');
});

test('a corrupt share link says so and keeps the current document', async ({ page }) => {
  await page.goto('/#v1/not-really-a-link');
  await page.evaluate(() => window.playground.ready());
  await expect(page.getByTestId('link-error')).toContainText('could not be opened');
  await expect(page.getByTestId('document-title')).toHaveText('Welcome');
  await expect(page.getByTestId('trust-banner')).toBeHidden();
});

test('a document asking for Unrestricted waits for the user, and runs under Standard when refused', async ({ page }) => {
  const text = config({ security: 'unrestricted' }) + tars({ kind: 'JAVASCRIPT', name: 'probe', code: 'typeof fetch' });
  await page.goto(`/${encodeShareHash(text)}`);
  await page.evaluate(() => window.playground.ready());
  await expect(page.getByTestId('trust-banner')).toContainText('unrestricted');
  await expect(page.getByTestId('policy-badge')).toHaveText('standard (asks unrestricted)');
  await page.getByTestId('trust-run').click();
  const dialog = page.getByTestId('elevation-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('network');
  // Nothing has run while the question is open.
  await expect(cell(page, 'probe')).not.toHaveAttribute('data-status', 'done');
  await dialog.getByTestId('elevation-deny').click();
  await expect(cell(page, 'probe')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('policy-badge')).toHaveText('standard (asks unrestricted)');
  const elevation = await page.evaluate(() => window.playground.audit().filter((entry) => entry.kind === 'elevation').map((entry) => entry.detail));
  expect(elevation).toEqual(['the document asks for the unrestricted tier; waiting for the user', 'the user refused the unrestricted tier; running under standard']);
});

test('allowing Unrestricted raises the tier and records the change', async ({ page }) => {
  await openDocument(page, config({ security: 'unrestricted' }) + tars({ kind: 'JAVASCRIPT', name: 'probe', code: '40 + 2' }));
  const run = page.evaluate(() => window.playground.runAll());
  await page.getByTestId('elevation-dialog').getByTestId('elevation-allow').click();
  expect((await run).success).toBe(true);
  await expect(page.getByTestId('policy-badge')).toHaveText('unrestricted');
  const tiers = await page.evaluate(() => window.playground.audit().filter((entry) => entry.kind === 'tier').map((entry) => entry.detail));
  expect(tiers).toEqual(['runs use the unrestricted policy']);
});

test('a cell lists what the policy would refuse before it runs', async ({ page }) => {
  await openDocument(page, config({ security: 'restrictive' }) + tars({ kind: 'PYTHON', name: 'shell', code: 'import math\nimport os' }, { kind: 'JAVASCRIPT', name: 'net', code: 'await fetch("/")' }));
  await expect(cell(page, 'shell').getByTestId('cell-violations')).toHaveText("Line 2: import of 'os' is not allowed under the restrictive policy. Choose Standard or Unrestricted from the policy menu to allow it.");
  await expect(cell(page, 'net').getByTestId('cell-violations')).toContainText('fetch is not available under the restrictive policy');
});

test('while True: pass stops within the tier time set by CONFIG; the state survives only with shared memory', async ({ page }) => {
  await openDocument(
    page,
    config({ security: 'restrictive', timeout: 1500 }) + tars({ kind: 'PYTHON', name: 'keep', code: 'kept = "still here"' }, { kind: 'PYTHON', name: 'spin', code: 'while True:\n    pass' }),
  );
  await page.evaluate(() => window.playground.runCell('keep'));
  const spun = await page.evaluate(() => window.playground.runCell('spin'));
  expect(spun.errors.map((error) => error.kind)).toEqual(['timeout']);
  expect(spun.errors[0]?.message).toContain('time limit of 1500 ms');
  const isolated = await page.evaluate(() => crossOriginIsolated);
  if (isolated) {
    const kept = await page.evaluate(() => window.playground.python.evaluateExpression('kept'));
    expect(kept.result).toBe('still here');
  } else {
    expect(spun.errors[0]?.message).toContain('its state was lost');
  }
  expect(await auditKinds(page)).toContain(isolated ? 'interrupt' : 'restart');
});

test('the audit log records trust, tiers, runs, violations, stops, memory restarts and elevation, and exports as JSON', async ({ page }) => {
  const text =
    config({ security: 'restrictive', timeout: 1500 }) +
    tars(
      { kind: 'PYTHON', name: 'shell', code: 'import os' },
      { kind: 'JAVASCRIPT', name: 'vendored', code: 'import { orbit } from "orbit-math";' },
      { kind: 'PYTHON', name: 'spin', code: 'while True:\n    pass' },
      { kind: 'PYTHON', name: 'bomb', code: 'b = bytearray()\nwhile True:\n    b += bytearray(8 * 1024 * 1024)' },
      { kind: 'JAVASCRIPT', name: 'jsbomb', code: 'function grow() {\n  const keep = [];\n  for (;;) keep.push(new Array(100000).fill(1.5));\n}\ngrow()' },
      { kind: 'PYTHON', name: 'fine', code: '6 * 7' },
    );
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/${encodeShareHash(text)}`);
  await page.evaluate(() => window.playground.ready());
  await page.getByTestId('trust-run').click();
  // Run all stops at the first failure; the rest run one by one.
  await expect(cell(page, 'shell')).toHaveAttribute('data-status', 'error');
  for (const name of ['vendored', 'spin', 'bomb', 'jsbomb', 'fine']) {
    const report = await page.evaluate((cellName) => window.playground.runCell(cellName), name);
    const expected = { vendored: ['policy'], spin: ['timeout'], bomb: ['memory'], jsbomb: ['memory'], fine: [] }[name];
    expect(report.errors.map((error) => error.kind), name).toEqual(expected);
  }
  // Another document asks for more, and the user allows it.
  await page.evaluate((source) => {
    window.playground.load(source, { trusted: true });
  }, config({ security: 'unrestricted' }) + tars({ kind: 'JAVASCRIPT', name: 'wide', code: 'typeof fetch' }));
  const wide = page.evaluate(() => window.playground.runCell('wide'));
  await page.getByTestId('elevation-allow').click();
  expect((await wide).result).toBe('function');

  const audit = await page.evaluate(() => window.playground.audit());
  const kinds = new Set(audit.map((entry) => entry.kind));
  for (const kind of ['trust', 'tier', 'run', 'violation', 'restart', 'elevation'] as const) expect(kinds.has(kind), kind).toBe(true);
  expect(kinds.has('interrupt') || audit.some((entry) => entry.kind === 'restart' && entry.detail.includes('time limit'))).toBe(true);
  const violations = audit.filter((entry) => entry.kind === 'violation').map((entry) => entry.detail);
  expect(violations).toEqual([
    "import of 'os' is not allowed under the restrictive policy. Choose Standard or Unrestricted from the policy menu to allow it.",
    "import of 'orbit-math' is not allowed under the restrictive policy",
  ]);
  expect(audit.filter((entry) => entry.kind === 'restart').some((entry) => entry.language === 'python' && entry.detail.includes('free the memory'))).toBe(true);
  for (const entry of audit) expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
  expect(audit.filter((entry) => entry.kind === 'run').every((entry) => typeof entry.durationMs === 'number' && typeof entry.outcome === 'string')).toBe(true);

  await page.getByTestId('side-panel').getByTestId('tab-audit').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const exported: unknown = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  expect(exported).toEqual(await page.evaluate(() => window.playground.audit()));
});
