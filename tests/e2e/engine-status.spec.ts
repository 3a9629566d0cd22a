import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { cell, openUnrestricted, tars } from './documents';

/** One progress report as the Python badge showed it. */
interface Seen {
  readonly loaded: number;
  readonly total: number | null;
  readonly text: string;
}

/** Every report an engine badge's bar shows from now until the engine is ready. */
function recordLoading(page: Page, language: 'python' | 'javascript'): Promise<Seen[]> {
  return page.evaluate(
    (testId) =>
      new Promise<Seen[]>((resolve) => {
        const badge = document.querySelector(`[data-testid="${testId}"]`);
        const seen: Seen[] = [];
        if (!badge) {
          resolve(seen);
          return;
        }
        const observer = new MutationObserver(() => {
          const bar = badge.querySelector('progress');
          if (bar) {
            const total = bar.getAttribute('data-bytes-total') ?? '';
            seen.push({ loaded: Number(bar.getAttribute('data-bytes-loaded')), total: total === '' ? null : Number(total), text: bar.getAttribute('aria-valuetext') ?? '' });
          }
          if (badge.getAttribute('data-state') === 'ready') {
            observer.disconnect();
            resolve(seen);
          }
        });
        observer.observe(badge, { attributes: true, childList: true, subtree: true, characterData: true });
      }),
    `engine-${language}`,
  );
}

// An uncaught error inside the worker, raised from a timer after the cell has finished: the
// host sees the worker's `error` event and takes the engine for crashed.
const CRASH = [
  'import js',
  'from pyodide.ffi import create_once_callable',
  'def fail():',
  '    raise RuntimeError("the worker gives up")',
  'js.setTimeout(create_once_callable(fail), 0)',
].join('\n');

test('each engine shows not loaded, loading with real bytes, ready, crashed with Restart, and ready again', async ({ page }) => {
  // The crash needs `import js`, which only Unrestricted allows.
  await openUnrestricted(
    page,
    tars(
      { kind: 'JAVASCRIPT', name: 'keep', code: 'let kept = 41\nconsole.log(kept)' },
      { kind: 'PYTHON', name: 'sum', code: 'marker = 1\nprint(sum(range(10)))' },
      { kind: 'PYTHON', name: 'crash', code: CRASH },
      { kind: 'PYTHON', name: 'fresh', code: "print('marker' in globals())" },
      { kind: 'JAVASCRIPT', name: 'again', code: 'console.log(kept + 1)' },
    ),
  );
  const python = page.getByTestId('engine-python');
  const javascript = page.getByTestId('engine-javascript');
  for (const badge of [python, javascript]) {
    await expect(badge).toHaveAttribute('data-state', 'idle');
    await expect(badge).toContainText('not loaded');
  }

  const javascriptLoading = recordLoading(page, 'javascript');
  await cell(page, 'keep').getByTestId('run-cell').click();
  await expect(cell(page, 'keep').getByTestId('cell-output')).toHaveText('41');
  await expect(javascript).toHaveAttribute('data-state', 'ready');
  // QuickJS's wasm, about half a megabyte, counted to its Content-Length.
  const quickjs = (await javascriptLoading).filter((report) => report.total !== null).at(-1);
  expect(quickjs?.total).toBeGreaterThan(400_000);
  expect(quickjs?.loaded).toBe(quickjs?.total);
  // From here on the JavaScript engine is left alone: record every state its badge shows.
  await page.evaluate(() => {
    const badge = document.querySelector('[data-testid="engine-javascript"]');
    const states: string[] = [];
    Reflect.set(window, 'javascriptStates', states);
    if (badge) new MutationObserver(() => states.push(badge.getAttribute('data-state') ?? '')).observe(badge, { attributes: true });
  });

  const recording = recordLoading(page, 'python');
  await cell(page, 'sum').getByTestId('run-cell').click();
  const seen = await recording;
  await expect(cell(page, 'sum').getByTestId('cell-output')).toHaveText('45');
  await expect(python).toHaveAttribute('data-state', 'ready');
  await expect(python).toContainText('ready');

  const withBytes = seen.filter((report) => report.loaded > 0 && report.total !== null);
  const byteValues = [...new Set(withBytes.map((report) => report.loaded))];
  expect(byteValues.length, `byte counts seen: ${JSON.stringify(byteValues)}`).toBeGreaterThanOrEqual(3);
  expect(byteValues).toEqual([...byteValues].sort((a, b) => a - b));
  const last = withBytes.at(-1);
  // Pyodide's wasm alone is over 9 MB; the files come to about 13 MB.
  expect(last?.total).toBeGreaterThan(9_000_000);
  expect(last?.loaded).toBeGreaterThanOrEqual(0.95 * (last?.total ?? Infinity));
  expect(withBytes.some((report) => /^\d+\.\d of \d+\.\d MB downloaded, /.test(report.text))).toBe(true);
  // After the downloads the bar goes through the interpreter's start-up steps.
  expect(seen.some((report) => report.text.startsWith('starting interpreter'))).toBe(true);

  await cell(page, 'crash').getByTestId('run-cell').click();
  await expect(python).toHaveAttribute('data-state', 'crashed');
  const restart = page.getByTestId('restart-python');
  await expect(restart).toBeVisible();
  await expect(restart).toHaveAttribute('aria-label', 'Restart the Python engine');
  await expect(python.locator('[title]').first()).toHaveAttribute('title', /the worker gives up/);
  await expect(page.getByTestId('restart-javascript')).toHaveCount(0);

  // From the keyboard: focus the button and press Enter.
  await restart.focus();
  await page.keyboard.press('Enter');
  await expect(python).toHaveAttribute('data-state', 'ready');
  await expect(restart).toHaveCount(0);
  await cell(page, 'fresh').getByTestId('run-cell').click();
  await expect(cell(page, 'fresh').getByTestId('cell-output')).toHaveText('False');

  // JavaScript kept its worker and its globals throughout.
  await cell(page, 'again').getByTestId('run-cell').click();
  await expect(cell(page, 'again').getByTestId('cell-output')).toHaveText('42');
  const states: unknown = await page.evaluate((): unknown => Reflect.get(window, 'javascriptStates'));
  expect(Array.isArray(states) && states.every((state) => state === 'ready' || state === 'busy')).toBe(true);
  await expect(javascript).toHaveAttribute('data-state', 'ready');
});

test('after a crash, the next run without Restart gets a fresh worker with the shared values put back', async ({ page }) => {
  await openUnrestricted(
    page,
    tars(
      { kind: 'JAVASCRIPT', name: 'source', code: 'const shared = [1, 2, 3];' },
      { kind: 'PYTHON', name: 'reader', code: 'sum(shared)' },
      { kind: 'PYTHON', name: 'crash', code: CRASH },
    ),
  );
  const first = await page.evaluate(() => window.playground.runAll());
  // The crashing cell itself ends first (its result is the timer's id); its worker dies after.
  expect(first.cells.slice(0, 2).map((item) => item.result)).toEqual([null, 6]);
  await expect(page.getByTestId('engine-python')).toHaveAttribute('data-state', 'crashed');
  // No Restart pressed: running a cell starts a new worker, which must be given `shared` again.
  const again = await page.evaluate(() => window.playground.runCell('reader'));
  expect(again.errors).toEqual([]);
  expect(again.result).toBe(6);
});
