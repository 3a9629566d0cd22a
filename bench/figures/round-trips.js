// Round trips: a trivial `execute` through each bridge and a trivial cell through
// `window.playground.runCell`, each against a bare Comlink call and the bare engine's own run.
import { CALLS, freshContext, openApp, openBaselines, PYODIDE_INDEX } from '../harness.js';
import { record } from '../table.js';

/** Two cells whose whole work is the value 1: what a run costs around the engine's own. */
const TRIVIAL_CELLS = 'PYTHON one_py {\n    1\n}\n\nJAVASCRIPT one_js {\n    1\n}\n';

/**
 * `count` runs of a cell through `window.playground.runCell`, each timed from the page; throws
 * unless every run ended `done` with the result 1.
 * @param {import('@playwright/test').Page} page @param {string} name @param {number} count
 */
async function trivialRunCells(page, name, count) {
  const { times, wrong } = await page.evaluate(
    async ([cell, calls]) => {
      await window.playground.runCell(cell);
      const measured = [];
      /** @type {string[]} */
      const failures = [];
      for (let index = 0; index < calls; index++) {
        const started = performance.now();
        const report = await window.playground.runCell(cell);
        measured.push(performance.now() - started);
        if (report.status !== 'done' || report.errors.length > 0 || report.result !== 1) failures.push(`${report.status} ${JSON.stringify(report.result)} ${report.errors[0]?.message ?? ''}`);
      }
      return { times: measured, wrong: failures };
    },
    /** @type {const} */ ([name, count]),
  );
  if (wrong.length > 0) throw new Error(`${name} did not run as a trivial cell: ${wrong.slice(0, 3).join('; ')}`);
  return times;
}

export async function roundTrips() {
  console.log('Round trips');
  const context = await freshContext();
  const page = await openApp(context);
  const calls = async (/** @type {'python' | 'javascript'} */ language) =>
    page.evaluate(
      async ([name, count]) => {
        const engine = name === 'python' ? window.playground.python : window.playground.javascript;
        await engine.execute('1');
        const times = [];
        for (let index = 0; index < count; index++) {
          const started = performance.now();
          await engine.execute('1');
          times.push(performance.now() - started);
        }
        return times;
      },
      /** @type {const} */ ([language, CALLS]),
    );
  const python = await calls('python');
  const javascript = await calls('javascript');
  await page.evaluate((text) => {
    window.playground.load(text, { trusted: true });
  }, TRIVIAL_CELLS);
  const pythonCells = await trivialRunCells(page, 'one_py', CALLS);
  const javascriptCells = await trivialRunCells(page, 'one_js', CALLS);
  await context.close();
  const baseContext = await freshContext();
  const base = await openBaselines(baseContext);
  const comlink = await base.evaluate((count) => window.bench.comlinkCalls(count), CALLS);
  const echo = await base.evaluate((count) => window.bench.echoes(count), CALLS);
  // The engines' own cost: a trivial run in a bare worker, timed from the page.
  await base.evaluate((index) => window.bench.start('python', index), PYODIDE_INDEX);
  await base.evaluate(() => window.bench.start('quickjs', ''));
  const bareRuns = (/** @type {'python' | 'quickjs'} */ engine) =>
    base.evaluate(
      async ([name, count]) => {
        const times = [];
        for (let index = 0; index < count; index++) {
          const started = performance.now();
          await window.bench.run(name, '1', 0);
          times.push(performance.now() - started);
        }
        return times;
      },
      /** @type {const} */ ([engine, CALLS]),
    );
  const barePython = await bareRuns('python');
  const bareQuickjs = await bareRuns('quickjs');
  await baseContext.close();
  const barePythonRun = { name: 'bare runPython round trip', values: barePython };
  const bareQuickjsRun = { name: 'bare QuickJS evalCode round trip', values: bareQuickjs };
  record('Round trips', 'trivial Python execute', python, { name: 'bare Comlink call', values: comlink }, '≤ 1 ms, ≤ 2 × Comlink');
  record('Round trips', 'trivial JavaScript execute', javascript, { name: 'bare Comlink call', values: comlink }, '≤ 1 ms, ≤ 2 × Comlink');
  record('Round trips', 'trivial Python execute, against the engine alone', python, barePythonRun, '—');
  record('Round trips', 'trivial JavaScript execute, against the engine alone', javascript, bareQuickjsRun, '—');
  record('Round trips', 'trivial Python runCell (a cell `1`, from the page)', pythonCells, barePythonRun, '≤ 1 ms, ≤ 1.5 × bare');
  record('Round trips', 'trivial JavaScript runCell (a cell `1`, from the page)', javascriptCells, bareQuickjsRun, '—');
  record('Round trips', 'bare Comlink call', comlink, { name: 'bare postMessage echo', values: echo }, '—');
}
