/**
 * Floods do not freeze the tab (issue 16, point 6): a cell that writes a million lines finishes,
 * the page answers within 100 ms all the while, the cell shows its first and last lines with the
 * count left out between them, and the download holds every line. Stop works during a flood.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { cell, openDocument, tars } from './documents';

/** The longest a task queued by the page waited past its time, as the issue allows it. */
const ANSWER_MS = 100;
/** The probe's period: a timer that fires this often, and records how late each firing was. */
const PROBE_MS = 20;

const FLOODS = [
  { language: 'Python', kind: 'PYTHON', warm: 'print("warm")', flood: 'for i in range(1_000_000):\n    print(i)', endless: 'i = 0\nwhile True:\n    print(i)\n    i += 1' },
  { language: 'JavaScript', kind: 'JAVASCRIPT', warm: 'console.log("warm")', flood: 'for (let i = 0; i < 1_000_000; i++) console.log(i)', endless: 'for (let i = 0; ; i++) console.log(i)' },
] as const;

/**
 * Starts an in-page probe: a timer every PROBE_MS whose lateness is the time the page took to
 * answer. `window.stopProbe()` stops it and gives the worst lateness and the number of firings.
 */
async function startProbe(page: Page): Promise<void> {
  await page.evaluate((period) => {
    let worst = 0;
    let ticks = 0;
    let last = performance.now();
    const timer = window.setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - period);
      last = now;
      ticks += 1;
    }, period);
    window.stopProbe = () => {
      window.clearInterval(timer);
      return { worst, ticks };
    };
  }, PROBE_MS);
}

/** Stops the probe and reads the worst lateness it saw, and how many times it fired. */
async function readProbe(page: Page): Promise<{ worst: number; ticks: number }> {
  return page.evaluate(() => {
    if (!window.stopProbe) throw new Error('no probe');
    return window.stopProbe();
  });
}

declare global {
  interface Window {
    /** Set by startProbe. */
    stopProbe?: () => { worst: number; ticks: number };
  }
}

for (const flood of FLOODS) {
  // @alone: the page's answer time is measured, so no other browser may share the two cores (package.json).
  test(`a million ${flood.language} lines finish, the page answers throughout, and the cell shows both ends and the count left out`, { tag: '@alone' }, async ({ page }) => {
    test.setTimeout(180_000);
    await openDocument(page, tars({ kind: flood.kind, name: 'warm', code: flood.warm }, { kind: flood.kind, name: 'flood', code: flood.flood }));
    // The engine starts first, so that the probe watches the flood and not a start-up.
    expect((await page.evaluate(() => window.playground.runCell('warm'))).output).toBe('warm\n');
    await startProbe(page);
    const report = await page.evaluate(() => window.playground.runCell('flood'));
    // The page settles what the run left (the final output, its rendering) before the probe stops.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    const probe = await readProbe(page);

    expect(report.status).toBe('done');
    expect(report.errors).toEqual([]);
    // As shown: the first 1,000 lines, the notice, the last 1,000.
    const lines = report.output.split('\n');
    expect(lines.slice(0, 3)).toEqual(['0', '1', '2']);
    expect(lines[999]).toBe('999');
    expect(lines[1000]).toMatch(/^… 998,000 lines \(6\.\d MB\) left out …$/);
    expect(lines[1001]).toBe('999000');
    expect(lines.at(-2)).toBe('999999');
    expect(lines).toHaveLength(2002);

    const output = cell(page, 'flood').getByTestId('cell-output');
    await expect(output.getByTestId('output-omitted')).toContainText('998,000 lines');
    // textContent: the blocks of lines off screen are not laid out, which innerText depends on.
    const shown = (await output.locator('.output-flow').textContent()) ?? '';
    expect(shown.startsWith('0\n1\n2\n')).toBe(true);
    expect(shown).toContain('998,000 lines');
    expect(shown.endsWith('999998\n999999\n')).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), output.getByTestId('output-download').click()]);
    expect(download.suggestedFilename()).toBe('flood-output.txt');
    const text = await readFile(await download.path(), 'utf8');
    const all = text.split('\n');
    expect(all).toHaveLength(1_000_001);
    expect(all.at(-1)).toBe('');
    expect(all[0]).toBe('0');
    expect(all[500_000]).toBe('500000');
    expect(all[999_999]).toBe('999999');

    // The probe fired all along (a frozen page fires it seldom, late), and never answered late.
    expect(probe.ticks).toBeGreaterThan(5);
    expect(probe.worst, `the page answered at worst ${probe.worst.toFixed(0)} ms late`).toBeLessThan(ANSWER_MS);
  });

  test(`Stop can be clicked during an endless ${flood.language} flood, and stops it`, { tag: '@alone' }, async ({ page }) => {
    test.setTimeout(120_000);
    await openDocument(page, tars({ kind: flood.kind, name: 'warm', code: flood.warm }, { kind: flood.kind, name: 'endless', code: flood.endless }));
    await page.evaluate(() => window.playground.runCell('warm'));
    const running = page.evaluate(() => window.playground.runCell('endless'));
    const target = cell(page, 'endless');
    await expect(target).toHaveAttribute('data-status', 'running');
    // Well into the flood: the cell already shows that it left lines out.
    await expect(target.getByTestId('output-omitted')).toBeVisible();
    await startProbe(page);
    await page.waitForTimeout(1000);
    const probe = await readProbe(page);
    await page.getByTestId('stop').click();
    const report = await running;
    expect(report.status).toBe('error');
    expect(report.errors[0]?.kind).toBe('interrupted');
    await expect(target).toHaveAttribute('data-status', 'error');
    // The engine, or its replacement, runs the next cell.
    expect((await page.evaluate(() => window.playground.runCell('warm'))).output).toBe('warm\n');
    expect(probe.worst, `the page answered at worst ${probe.worst.toFixed(0)} ms late`).toBeLessThan(ANSWER_MS);
  });
}
