/**
 * One time limit for every path that runs user code (issue 16): code that never returns,
 * reached while the engine formats output, a result or an export, or from a timer or a
 * microtask, is stopped at the document's limit; the cell is never `running` more than a
 * second past it, its message names the real limit, and the next cell in each language runs.
 */
import type { Page } from '@playwright/test';
import type { CellReport } from '../../src/runtime/playground-api';
import { config, expect, load, openWarm, test } from './attack-fixtures';
import { tars } from './documents';

/** What the issue allows past the limit. */
const GRACE_MS = 1000;

type Cell = Parameters<typeof tars>[0];
const js = (name: string, code: string): Cell => ({ kind: 'JAVASCRIPT', name, code });
const python = (name: string, code: string): Cell => ({ kind: 'PYTHON', name, code });

interface LimitCase {
  readonly title: string;
  readonly limit: number;
  /** Run in order, each timed. */
  readonly cells: readonly Cell[];
  /** Whether one of the cells must end in a timeout: false where the engine may never reach the loop. */
  readonly timesOut: boolean;
}

const FOREVER_GETTER = '{ get x() { for (;;) {} } }';
const SPINNING_LIST = 'class Spin(list):\n    def __iter__(self):\n        while True:\n            pass';

const CASES: readonly LimitCase[] = [
  { title: 'a getter reached while console.log formats an object', limit: 3000, timesOut: true, cells: [js('spin', `const o = ${FOREVER_GETTER};\nconsole.log(o)`)] },
  { title: "a getter reached while the cell's result is formatted", limit: 3000, timesOut: true, cells: [js('spin', `(${FOREVER_GETTER})`)] },
  { title: 'a getter reached while display() formats an object', limit: 3000, timesOut: true, cells: [js('spin', `display(${FOREVER_GETTER})`)] },
  { title: 'a Proxy trap reached while console.log formats it', limit: 3000, timesOut: true, cells: [js('spin', 'console.log(new Proxy({}, { ownKeys() { for (;;) {} }, get() { for (;;) {} } }))')] },
  {
    title: 'a getter reached while an export is described or read by Python',
    limit: 3000,
    timesOut: true,
    cells: [js('spin', `var leaked = ${FOREVER_GETTER};`), python('reader', 'print(leaked)')],
  },
  { title: 'a Python __repr__ that loops, reached by the result', limit: 3000, timesOut: true, cells: [python('spin', 'class A:\n    def __repr__(self):\n        while True:\n            pass\nA()')] },
  { title: 'a Python __iter__ that loops, reached while display() shows a list', limit: 3000, timesOut: true, cells: [python('spin', `${SPINNING_LIST}\ndisplay(Spin([1, 2]))`)] },
  { title: 'a Python __iter__ that loops, reached while an export is converted for JavaScript', limit: 3000, timesOut: false, cells: [python('spin', `${SPINNING_LIST}\nspun = Spin([1, 2])`), js('reader', 'spun')] },
  { title: 'a timer that loops', limit: 3000, timesOut: false, cells: [js('spin', 'setTimeout(() => { for (;;) {} }, 0);')] },
  { title: 'a microtask that loops', limit: 3000, timesOut: false, cells: [js('spin', 'Promise.resolve().then(() => { for (;;) {} });')] },
  { title: 'a plain for(;;){}', limit: 2000, timesOut: true, cells: [js('spin', 'for (;;) {}')] },
];

/** A cell's report, or null if it had not ended by `waitMs`, and how long it showed `running`. */
interface Timed {
  readonly report: CellReport | null;
  readonly runningMs: number | null;
}

/** Runs a cell and watches its status in the page, so that the time is the page's own. */
function runTimed(page: Page, name: string, waitMs: number): Promise<Timed> {
  return page.evaluate(
    async ({ cellName, wait }) => {
      const api = window.playground;
      const seen: { started: number | null; ended: number | null } = { started: null, ended: null };
      const watch = setInterval(() => {
        const status = api.cells().find((cell) => cell.name === cellName)?.status;
        if (status === 'running') seen.started ??= performance.now();
        else if (seen.started !== null) seen.ended ??= performance.now();
      }, 20);
      const report = await Promise.race([api.runCell(cellName), new Promise<null>((done) => setTimeout(() => { done(null); }, wait))]);
      clearInterval(watch);
      const end = seen.ended ?? performance.now();
      return { report, runningMs: seen.started === null ? null : end - seen.started };
    },
    { cellName: name, wait: waitMs },
  );
}

/** Runs a cell that proves its engine still works; a run that does not end in time (a restart included) gives null. */
async function runAfter(page: Page, name: string): Promise<CellReport | null> {
  return (await runTimed(page, name, 60_000)).report;
}

const names = (limit: number) => [`${String(limit)} ms`, `${String(limit / 1000)} s`];

/**
 * One test for the whole table, on the worker's shared page, with a soft check per case: a
 * failed test costs a fresh worker and so a cold Python start, and a case that leaves an
 * engine stuck is recovered with Stop and a restart, so the next case starts clean.
 */
// @alone: running times are measured against the limit, so no other browser may share the two cores (package.json).
test('code that never returns, on every path that runs user code, is stopped at its limit, and the next cells run', { tag: '@alone' }, async ({ app }) => {
  test.setTimeout(CASES.length * 60_000);
  const { page } = app;
  const summary: string[] = [];
  for (const limitCase of CASES) {
    const label = `${limitCase.title} (${String(limitCase.limit)} ms)`;
    const after = [js('afterjs', '6 * 7'), python('afterpy', '6 * 7')];
    await load(page, config({ security: 'standard', timeout: limitCase.limit }) + tars(...after, ...limitCase.cells));
    // Both engines run first (the fixture started them), so that a start is never counted as running time.
    for (const cell of after) expect.soft(await runAfter(page, cell.name), `${label}: ${cell.name} before`).toMatchObject({ status: 'done', result: 42 });

    const timed: Timed[] = [];
    for (const cell of limitCase.cells) timed.push(await runTimed(page, cell.name, limitCase.limit + GRACE_MS + 5000));
    // A cell still running would hold every later run; Stop frees the engines.
    if (timed.some((entry) => entry.report === null)) await page.evaluate(() => Promise.race([window.playground.stop(), new Promise((done) => setTimeout(done, 10_000))]));

    limitCase.cells.forEach((cell, index) => {
      const entry = timed[index];
      expect.soft(entry?.report, `${label}: ${cell.name} ended`).not.toBeNull();
      expect.soft(entry?.runningMs ?? 0, `${label}: ${cell.name} was running no more than ${String(GRACE_MS)} ms past the limit`).toBeLessThanOrEqual(limitCase.limit + GRACE_MS);
    });
    const timeouts = timed.flatMap((entry) => entry.report?.errors ?? []).filter((error) => error.kind === 'timeout');
    if (limitCase.timesOut) expect.soft(timeouts.length, `${label}: a cell ended in a timeout`).toBeGreaterThan(0);
    for (const timeout of timeouts) {
      expect.soft(names(limitCase.limit).some((name) => timeout.message.includes(name)), `${label}: "${timeout.message}" names the limit`).toBe(true);
      expect.soft(timeout.message, `${label}: the message names the real limit`).not.toMatch(/\b0 ms/);
    }
    const afterReports: (CellReport | null)[] = [];
    for (const cell of after) {
      const report = await runAfter(page, cell.name);
      afterReports.push(report);
      expect.soft(report, `${label}: ${cell.name} after`).toMatchObject({ status: 'done', result: 42 });
    }
    // What Stop could not free, a fresh page does, so that one case never fails the next.
    if (afterReports.some((report) => report?.status !== 'done')) await openWarm(page);
    const described = timed.map((entry, index) => `${limitCase.cells[index]?.name ?? '?'}: ${entry.report === null ? 'still running' : `${entry.report.status} ${entry.report.errors.map((error) => `${error.kind} "${error.message}"`).join(', ')}`} after ${String(Math.round(entry.runningMs ?? 0))} ms running`);
    summary.push(`${label}\n  ${described.join('\n  ')}\n  next cells: ${afterReports.map((report) => report?.status ?? 'still running').join(', ')}`);
  }
  await test.info().attach('cases', { body: summary.join('\n') });
});
