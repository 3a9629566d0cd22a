/**
 * One time limit for every path that runs user code (issue 16): code that never returns,
 * reached while the engine formats output, a result or an export, from a timer or a
 * microtask, or inside a WASM export, is stopped at the document's limit; the cell is never
 * `running` more than a second past it, ends as the table says with a message that names the
 * real limit, and the next cell in each language runs.
 */
import type { Page } from '@playwright/test';
import type { ErrorKind } from '../../src/engines/contract';
import type { NeutralValue } from '../../src/engines/value';
import type { CellReport } from '../../src/runtime/playground-api';
import { config, expect, load, openWarm, test } from './attack-fixtures';
import { tars } from './documents';

/** What the issue allows past the limit. */
const GRACE_MS = 1000;

type Cell = Parameters<typeof tars>[0];
const js = (name: string, code: string): Cell => ({ kind: 'JAVASCRIPT', name, code });
const python = (name: string, code: string): Cell => ({ kind: 'PYTHON', name, code });
const wasm = (name: string, code: string): Cell => ({ kind: 'WASM', name, code });

/** How a cell must end: done (with this result), or failed with exactly this one error. */
type End = { readonly status: 'done'; readonly result?: NeutralValue } | { readonly status: 'error'; readonly error: { readonly kind: ErrorKind; readonly name?: string } };
const DONE: End = { status: 'done' };
const TIMEOUT: End = { status: 'error', error: { kind: 'timeout' } };

interface LimitCase {
  readonly title: string;
  readonly limit: number;
  /** Run in order, each timed, each ending as `ends` says at the same place. */
  readonly cells: readonly Cell[];
  readonly ends: readonly End[];
}

const FOREVER_GETTER = '{ get x() { for (;;) {} } }';
// With no getter to trip first: the engine shows a RegExp by String(), which calls these.
const FOREVER_TO_STRING = 'Object.assign(/x/, { toString() { for (;;) {} } })';
const FOREVER_VALUE_OF = 'Object.assign(/x/, { toString: undefined, valueOf() { for (;;) {} } })';
const FOREVER_TO_PRIMITIVE = 'Object.assign(/x/, { [Symbol.toPrimitive]() { for (;;) {} } })';
const SPINNING_LIST = 'class Spin(list):\n    def __iter__(self):\n        while True:\n            pass';
/** A module whose `spin` never returns: no engine's own deadline sees into it. */
const SPINNING_WAT = '(module\n  (func (export "spin")\n    (loop $again (br $again))))';

const CASES: readonly LimitCase[] = [
  { title: 'a getter reached while console.log formats an object', limit: 3000, cells: [js('spin', `const o = ${FOREVER_GETTER};\nconsole.log(o)`)], ends: [TIMEOUT] },
  { title: "a getter reached while the cell's result is formatted", limit: 3000, cells: [js('spin', `(${FOREVER_GETTER})`)], ends: [TIMEOUT] },
  { title: 'a getter reached while display() formats an object', limit: 3000, cells: [js('spin', `display(${FOREVER_GETTER})`)], ends: [TIMEOUT] },
  { title: 'a Proxy trap reached while console.log formats it', limit: 3000, cells: [js('spin', 'console.log(new Proxy({}, { ownKeys() { for (;;) {} }, get() { for (;;) {} } }))')], ends: [TIMEOUT] },
  {
    title: 'a getter reached while an export is described, then read by Python',
    limit: 3000,
    cells: [js('spin', `var leaked = ${FOREVER_GETTER};`), python('reader', 'print(leaked)')],
    ends: [TIMEOUT, TIMEOUT],
  },
  { title: 'a toString alone, reached while console.log formats a RegExp', limit: 3000, cells: [js('spin', `console.log(${FOREVER_TO_STRING})`)], ends: [TIMEOUT] },
  { title: "a toString alone, reached while the cell's result is formatted", limit: 3000, cells: [js('spin', FOREVER_TO_STRING)], ends: [TIMEOUT] },
  { title: 'a toString alone, reached while an export is described', limit: 3000, cells: [js('spin', `var leaked = ${FOREVER_TO_STRING};`)], ends: [TIMEOUT] },
  { title: "a valueOf alone, reached while display() reads a MIME bundle's text", limit: 3000, cells: [js('spin', "display({ 'text/html': { toString: undefined, valueOf() { for (;;) {} } } })")], ends: [TIMEOUT] },
  { title: 'a valueOf alone, reached while an export is described', limit: 3000, cells: [js('spin', `var leaked = ${FOREVER_VALUE_OF};`)], ends: [TIMEOUT] },
  { title: "a Symbol.toPrimitive reached while the cell's result is formatted", limit: 3000, cells: [js('spin', FOREVER_TO_PRIMITIVE)], ends: [TIMEOUT] },
  { title: 'a Python __repr__ that loops, reached by the result', limit: 3000, cells: [python('spin', 'class A:\n    def __repr__(self):\n        while True:\n            pass\nA()')], ends: [TIMEOUT] },
  { title: 'a Python __iter__ that loops, reached while display() shows a list', limit: 3000, cells: [python('spin', `${SPINNING_LIST}\ndisplay(Spin([1, 2]))`)], ends: [TIMEOUT] },
  {
    // The run is stopped while its export is described, so the export is never published.
    title: 'a Python __iter__ that loops, reached while an export is described, then read by JavaScript',
    limit: 3000,
    cells: [python('spin', `${SPINNING_LIST}\nspun = Spin([1, 2])`), js('reader', 'spun')],
    ends: [TIMEOUT, { status: 'error', error: { kind: 'runtime', name: 'ReferenceError' } }],
  },
  {
    // The timer fires after its cell has ended well; the next JavaScript cell waits for it, no longer than the limit.
    title: 'a timer that loops',
    limit: 3000,
    cells: [js('spin', 'setTimeout(() => { for (;;) {} }, 0);'), js('next', '6 * 7')],
    ends: [{ status: 'done', result: 1 }, { status: 'done', result: 42 }],
  },
  { title: 'a microtask that loops', limit: 3000, cells: [js('spin', 'Promise.resolve().then(() => { for (;;) {} });')], ends: [TIMEOUT] },
  { title: 'a plain for(;;){}', limit: 2000, cells: [js('spin', 'for (;;) {}')], ends: [TIMEOUT] },
  { title: 'a WASM export that loops, called from JavaScript', limit: 3000, cells: [wasm('spinner', SPINNING_WAT), js('spin', 'spinner.spin()')], ends: [DONE, TIMEOUT] },
  { title: 'a WASM export that loops, called from Python', limit: 3000, cells: [wasm('spinner', SPINNING_WAT), python('spin', 'spinner.spin()')], ends: [DONE, TIMEOUT] },
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
      const end = limitCase.ends[index];
      expect.soft(entry?.report, `${label}: ${cell.name} ended`).not.toBeNull();
      expect.soft(entry?.runningMs ?? 0, `${label}: ${cell.name} was running no more than ${String(GRACE_MS)} ms past the limit`).toBeLessThanOrEqual(limitCase.limit + GRACE_MS);
      if (end !== undefined && entry?.report) {
        const expected = end.status === 'done' ? { status: 'done', errors: [], ...(end.result === undefined ? {} : { result: end.result }) } : { status: 'error', errors: [end.error] };
        expect.soft(entry.report, `${label}: ${cell.name} ended as it should`).toMatchObject(expected);
      }
    });
    expect(limitCase.ends, `${label}: an end for each cell`).toHaveLength(limitCase.cells.length);
    const timeouts = timed.flatMap((entry) => entry.report?.errors ?? []).filter((error) => error.kind === 'timeout');
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
