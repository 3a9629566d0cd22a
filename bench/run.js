#!/usr/bin/env node
// npm run bench [-- --quick] [--runs N] [--no-build] [--only part,part]   (BENCH_PORT_BASE=4190 by default)
//
// Builds the playground and the bare baseline page once, serves them on this machine, and
// drives headless Chromium through each figure of SPEC §7. Every figure is measured several
// times beside a bare baseline in the same run, and printed as median (min–max) with the ratio
// to its baseline. The table goes to stdout and, with details of the machine and browser, to
// bench/results.json. --quick measures each figure once, so that CI keeps the harness working.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.js';
import { serveBench } from './serve.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const runsArgument = argv.indexOf('--runs');
const RUNS = runsArgument >= 0 ? Number(argv[runsArgument + 1]) : quick ? 1 : 5;
const CALLS = quick ? 50 : 300;
/** BENCH_PORT_BASE moves the two servers (the base and the next port), so that checkouts side by side can each run it. */
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? '4190');
const PORTS = { isolated: PORT_BASE, plain: PORT_BASE + 1 };

// ---- statistics and the table ---------------------------------------------------------------

/** @param {number[]} values */
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median: median ?? Number.NaN, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN, samples: values.length };
}

/**
 * @typedef {{ group: string, figure: string, unit: string, value: ReturnType<typeof summary>, baseline: { name: string, value: ReturnType<typeof summary> } | null, target: string }} Row
 * @type {Row[]}
 */
const rows = [];

/**
 * Records a figure beside its baseline.
 * @param {string} group @param {string} figure @param {number[]} values
 * @param {{ name: string, values: number[] } | null} baseline @param {string} target @param {string} [unit]
 */
function record(group, figure, values, baseline, target, unit = 'ms') {
  const row = { group, figure, unit, value: summary(values), baseline: baseline ? { name: baseline.name, value: summary(baseline.values) } : null, target };
  rows.push(row);
  console.log(`  ${figure}: ${format(row.value, unit)}${row.baseline ? `  vs ${row.baseline.name}: ${format(row.baseline.value, unit)} (× ${ratio(row)})` : ''}`);
}

/** @param {ReturnType<typeof summary>} value @param {string} unit */
function format(value, unit) {
  const number = (/** @type {number} */ n) => (unit === 'bytes' ? `${(n / 1024).toFixed(1)} KB` : n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(3));
  const spread = value.samples > 1 ? ` (${number(value.min)}–${number(value.max)})` : '';
  return `${number(value.median)}${unit === 'bytes' ? '' : ` ${unit}`}${spread}`;
}

/** @param {Row} row */
function ratio(row) {
  if (!row.baseline || row.baseline.value.median === 0) return '';
  return (row.value.median / row.baseline.value.median).toFixed(2);
}

function printTable() {
  const header = ['figure', 'median (min–max)', 'baseline', 'baseline median (min–max)', 'ratio', 'target'];
  const lines = rows.map((row) => [row.figure, format(row.value, row.unit), row.baseline?.name ?? '—', row.baseline ? format(row.baseline.value, row.unit) : '—', ratio(row) || '—', row.target]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const print = (/** @type {string[]} */ cells) => console.log(`| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`);
  console.log('');
  print(header);
  print(widths.map((width) => '-'.repeat(width)));
  let group = '';
  for (const [index, line] of lines.entries()) {
    const row = rows[index];
    if (row && row.group !== group) {
      group = row.group;
      print([`**${group}**`, '', '', '', '', '']);
    }
    print(line);
  }
}

// ---- the browser ----------------------------------------------------------------------------

/** @type {import('@playwright/test').Browser} */
let browser;

/** A fresh browser context (an empty cache, as on a first visit), with every non-local request refused. */
async function freshContext() {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', async (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === 'localhost' || hostname === '127.0.0.1') await route.continue();
    else await route.abort('blockedbyclient');
  });
  return context;
}

/** @param {'isolated' | 'plain'} server @param {string} path */
const url = (server, path) => `http://localhost:${String(PORTS[server])}${path}`;

/** Opens the playground and waits until it is usable. @param {import('@playwright/test').BrowserContext} context */
async function openApp(context, server = /** @type {'isolated' | 'plain'} */ ('isolated')) {
  const page = await context.newPage();
  await page.goto(url(server, '/'));
  await page.evaluate(() => window.playground.ready());
  return page;
}

/** Opens the baseline page. @param {import('@playwright/test').BrowserContext} context */
async function openBaselines(context) {
  const page = await context.newPage();
  await page.goto(url('isolated', '/bench/'));
  await page.waitForFunction(() => 'bench' in window);
  return page;
}

/** Repeats an async measurement `count` times. @param {number} count @param {() => Promise<number>} once */
async function repeat(count, once) {
  const values = [];
  for (let index = 0; index < count; index++) values.push(await once());
  return values;
}

const PYODIDE_INDEX = url('isolated', '/pyodide/');

// ---- the figures ----------------------------------------------------------------------------

async function startup() {
  console.log('Start-up');
  const ui = await repeat(RUNS, async () => {
    const context = await freshContext();
    const page = await openApp(context);
    const value = await page.evaluate(() => window.playground.ready().then(() => performance.now()));
    await context.close();
    return value;
  });
  const blank = await repeat(RUNS, async () => {
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto(url('isolated', '/bench/blank.html'));
    const value = await page.waitForFunction(() => Reflect.get(window, 'painted')).then((handle) => handle.jsonValue());
    await context.close();
    return Number(value);
  });
  record('Start-up', 'UI interactive (navigation to ready)', ui, { name: 'a blank page painted', values: blank }, '≤ 300 ms');

  for (const [language, bare, label] of /** @type {const} */ ([
    ['python', 'python', 'Python'],
    ['javascript', 'quickjs', 'JavaScript'],
  ])) {
    const cold = [];
    const warm = [];
    const restored = [];
    const bareCold = [];
    const bareWarm = [];
    for (let index = 0; index < RUNS; index++) {
      const context = await freshContext();
      const measure = async (/** @type {import('@playwright/test').Page} */ page) =>
        page.evaluate(async (name) => {
          const started = performance.now();
          await (name === 'python' ? window.playground.python : window.playground.javascript).execute('1 + 1');
          return performance.now() - started;
        }, language);
      const page = await openApp(context);
      cold.push(await measure(page));
      if (language === 'python') {
        // Warm without a snapshot: the HTTP cache only. Then restored from the snapshot that start made.
        await waitForSnapshot(page);
        await forgetSnapshot(page);
        await page.goto(url('isolated', '/'));
        await page.evaluate(() => window.playground.ready());
        warm.push(await measure(page));
        await waitForSnapshot(page);
        await page.reload();
        await page.evaluate(() => window.playground.ready());
        restored.push(await measure(page));
      } else {
        await page.reload();
        await page.evaluate(() => window.playground.ready());
        warm.push(await measure(page));
      }
      await context.close();
      const baseContext = await freshContext();
      const basePage = await openBaselines(baseContext);
      bareCold.push(await basePage.evaluate(([engine, index]) => window.bench.start(engine, index), /** @type {const} */ ([bare, PYODIDE_INDEX])));
      await basePage.reload();
      await basePage.waitForFunction(() => 'bench' in window);
      bareWarm.push(await basePage.evaluate(([engine, index]) => window.bench.start(engine, index), /** @type {const} */ ([bare, PYODIDE_INDEX])));
      await baseContext.close();
    }
    const bareName = language === 'python' ? 'bare loadPyodide in a worker' : 'bare QuickJS in a worker';
    record('Start-up', `${label} ready, cold (first execute)`, cold, { name: `${bareName}, cold`, values: bareCold }, language === 'python' ? '≤ 1.15 × bare' : '—');
    record('Start-up', `${label} ready, warm (reload${language === 'python' ? ', HTTP cache, no snapshot' : ''})`, warm, { name: `${bareName}, warm`, values: bareWarm }, '—');
    if (language === 'python') {
      record('Start-up', 'Python ready, restored from its snapshot (reload)', restored, { name: `${bareName}, cold`, values: bareCold }, '≤ 0.3 × bare cold; goal < 1 s');
      record('Start-up', 'Python ready, restored from its snapshot, against its own cold start', restored, { name: 'Python ready, cold', values: cold }, '≤ 0.6 × cold');
      coldPython = bareCold;
    }
  }
}

const SNAPSHOT_DATABASE = 'tars-python-snapshot';

/** Waits until the Python start-up snapshot is in IndexedDB (it is written after the start). @param {import('@playwright/test').Page} page */
async function waitForSnapshot(page) {
  const kept = () =>
    page.evaluate(
      (name) =>
        new Promise((resolve) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => {
            const database = request.result;
            if (!database.objectStoreNames.contains('snapshots')) {
              database.close();
              resolve(false);
              return;
            }
            const read = database.transaction('snapshots').objectStore('snapshots').getKey('python');
            read.onsuccess = () => {
              database.close();
              resolve(read.result !== undefined);
            };
          };
          request.onerror = () => {
            resolve(false);
          };
        }),
      SNAPSHOT_DATABASE,
    );
  const deadline = Date.now() + 60_000;
  while (!(await kept())) {
    if (Date.now() > deadline) throw new Error('the Python start-up snapshot was never kept');
    await page.waitForTimeout(100);
  }
}

/** Deletes the snapshot, from a page of the same site that holds no engine. @param {import('@playwright/test').Page} page */
async function forgetSnapshot(page) {
  await page.goto(url('isolated', '/bench/blank.html'));
  await page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = resolve;
        request.onerror = () => {
          reject(new Error(String(request.error)));
        };
      }),
    SNAPSHOT_DATABASE,
  );
}

/** The bare cold Pyodide start of this run, the baseline of the hard restart. @type {number[]} */
let coldPython = [];

async function roundTrips() {
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
  record('Round trips', 'trivial Python execute', python, { name: 'bare Comlink call', values: comlink }, '≤ 1 ms, ≤ 2 × Comlink');
  record('Round trips', 'trivial JavaScript execute', javascript, { name: 'bare Comlink call', values: comlink }, '≤ 1 ms, ≤ 2 × Comlink');
  record('Round trips', 'trivial Python execute, against the engine alone', python, { name: 'bare runPython round trip', values: barePython }, '—');
  record('Round trips', 'trivial JavaScript execute, against the engine alone', javascript, { name: 'bare QuickJS evalCode round trip', values: bareQuickjs }, '—');
  record('Round trips', 'bare Comlink call', comlink, { name: 'bare postMessage echo', values: echo }, '—');
}

/**
 * Builds a benchmark payload in the page as `globalThis.payload`; runs in the browser.
 * @param {string} kind
 */
function buildPayload(kind) {
  let payload;
  if (kind === '1 KB') payload = { name: 'x'.repeat(600), values: Array.from({ length: 100 }, (_, index) => index) };
  else if (kind === '1 MB nested') payload = Array.from({ length: 10_000 }, (_, index) => ({ id: index, name: `item ${String(index)}`, tags: ['a', 'b'], score: index * 0.5, nested: { even: index % 2 === 0 } }));
  else payload = Float64Array.from({ length: (10 * 1024 * 1024) / 8 }, (_, index) => index * 0.5);
  Reflect.set(globalThis, 'payload', payload);
}

async function variables() {
  console.log('Variables, Python to JavaScript');
  const context = await freshContext();
  const page = await openApp(context);
  await page.evaluate(() => Promise.all([window.playground.python.execute('1'), window.playground.javascript.execute('1')]));
  const baseContext = await freshContext();
  const base = await openBaselines(baseContext);
  for (const kind of ['1 KB', '1 MB nested', '10 MB Float64Array']) {
    const count = kind.startsWith('10 MB') ? Math.min(RUNS, 5) : RUNS * 4;
    await page.evaluate(buildPayload, kind);
    const moved = await page.evaluate(async (times) => {
      await window.playground.python.setVariable('payload', Reflect.get(globalThis, 'payload'));
      const durations = [];
      for (let index = 0; index < times; index++) {
        const started = performance.now();
        const value = await window.playground.python.getVariable('payload');
        await window.playground.javascript.setVariable('payload', value ?? null);
        durations.push(performance.now() - started);
      }
      return durations;
    }, count);
    await base.evaluate(buildPayload, kind);
    const cloned = await base.evaluate((times) => window.bench.payloadRoundTrips(times), count);
    record('Variables', `${kind}: Python worker → main → JavaScript worker`, moved, { name: 'postMessage round trip of it (2 clones)', values: cloned }, kind.startsWith('10 MB') ? '≤ 2 × clone' : '—');
  }
  await context.close();
  await baseContext.close();
}

const SPIN = 'PYTHON spin_py {\n    while True:\n        pass\n}\n\nJAVASCRIPT spin_js {\n    for (;;) {}\n}\n';

/** Stops a spinning cell: from Stop to the cell's end. @param {import('@playwright/test').Page} page @param {string} name */
function stopLatency(page, name) {
  return page.evaluate(async (cell) => {
    const run = window.playground.runCell(cell);
    while (window.playground.cells().find((report) => report.name === cell)?.status !== 'running') await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    void window.playground.stop();
    await run;
    return performance.now() - started;
  }, name);
}

async function interrupts() {
  console.log('Interrupts');
  const context = await freshContext();
  const page = await openApp(context);
  await page.evaluate((text) => {
    window.playground.load(text, { trusted: true });
  }, SPIN);
  await page.evaluate(() => Promise.all([window.playground.python.execute('1'), window.playground.javascript.execute('1')]));
  const python = await repeat(RUNS * 2, () => stopLatency(page, 'spin_py'));
  const javascript = await repeat(RUNS * 2, () => stopLatency(page, 'spin_js'));
  await context.close();
  const baseContext = await freshContext();
  const base = await openBaselines(baseContext);
  await base.evaluate((index) => window.bench.start('python', index), PYODIDE_INDEX);
  await base.evaluate(() => window.bench.start('quickjs', ''));
  const barePython = await repeat(RUNS * 2, () => base.evaluate(() => window.bench.interrupt('python')));
  const bareJavascript = await repeat(RUNS * 2, () => base.evaluate(() => window.bench.interrupt('quickjs')));
  await baseContext.close();
  record('Interrupts', 'Stop a Python `while True: pass`', python, { name: 'bare Pyodide interrupt buffer', values: barePython }, '≤ 100 ms');
  record('Interrupts', 'Stop a JavaScript `for(;;){}`', javascript, { name: 'bare QuickJS interrupt handler', values: bareJavascript }, '≤ 50 ms');

  // Without cross-origin isolation there is no shared flag: Stop replaces the worker. The first
  // replacement restores the start-up snapshot; from then on a spare worker is kept warm.
  const restart = (/** @type {import('@playwright/test').Page} */ page) =>
    page.evaluate(async () => {
      const run = window.playground.runCell('spin_py');
      while (window.playground.cells().find((report) => report.name === 'spin_py')?.status !== 'running') await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = performance.now();
      void window.playground.stop();
      await run;
      await window.playground.python.execute('1');
      return performance.now() - started;
    });
  const firstRestarts = [];
  const spareRestarts = [];
  for (let index = 0; index < RUNS; index++) {
    const plain = await freshContext();
    const plainPage = await openApp(plain, 'plain');
    await plainPage.evaluate((text) => {
      window.playground.load(text, { trusted: true });
    }, SPIN);
    await plainPage.evaluate(() => window.playground.python.execute('1'));
    await waitForSnapshot(plainPage);
    firstRestarts.push(await restart(plainPage));
    // A returning visit starts from the snapshot and keeps a spare worker from the start.
    await plainPage.reload();
    await plainPage.evaluate(() => window.playground.ready());
    await plainPage.evaluate(() => window.playground.python.execute('1'));
    await plainPage.waitForTimeout(3000);
    spareRestarts.push(await restart(plainPage));
    await plain.close();
  }
  record('Interrupts', "Hard restart of Python on a first visit (Stop without isolation, to the next execute; from the snapshot)", firstRestarts, { name: 'bare loadPyodide in a worker, cold', values: coldPython }, '≤ 0.3 × bare cold start');
  record('Interrupts', 'Hard restart of Python on a returning visit (the spare worker kept from the start)', spareRestarts, { name: 'bare loadPyodide in a worker, cold', values: coldPython }, 'near-instant');
}

/** A document of `count` small cells, alternating Python and JavaScript. @param {number} count */
function largeDocument(count) {
  const cells = [];
  for (let index = 0; index < count; index++) {
    cells.push(index % 2 === 0 ? `PYTHON cell_${String(index)} {\n    value_${String(index)} = ${String(index)} * 2\n    print(value_${String(index)})\n}\n` : `JAVASCRIPT cell_${String(index)} {\n    const doubled_${String(index)} = ${String(index)} * 2;\n    console.log(doubled_${String(index)});\n}\n`);
  }
  return `DESCRIBE {\n    name: "Five hundred cells"\n}\n\n${cells.join('\n')}`;
}

async function largeDocuments() {
  console.log('Large documents');
  const text = largeDocument(500);
  const context = await freshContext();
  const page = await openApp(context);
  const opened = await repeat(RUNS, () =>
    page.evaluate(async (source) => {
      window.playground.load('PYTHON empty {\n}\n', { trusted: true });
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const started = performance.now();
      window.playground.load(source, { trusted: true });
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      if (document.querySelectorAll('[data-testid="cell"]').length !== 500) throw new Error('the document did not open');
      return performance.now() - started;
    }, text),
  );
  await context.close();
  const baseContext = await freshContext();
  const base = await openBaselines(baseContext);
  const plain = await repeat(RUNS, () => base.evaluate(() => window.bench.plainDocument(500, 'value = 2 * 21\nprint(value)')));
  await baseContext.close();
  record('Large documents', 'open a 500-cell document (parse, render, paint)', opened, { name: '500 <pre> blocks added to a blank page', values: plain }, '≤ 1 s');
}

const FLOOD_LINES = 1_000_000;
const FLOODS = /** @type {const} */ ([
  { label: 'Python prints', kind: 'PYTHON', engine: 'python', bare: 'bare Pyodide, a plain stdout handler', code: `for i in range(${String(FLOOD_LINES)}):\n    print(i)`, bareCode: `for i in range(${String(FLOOD_LINES)}): print(i)` },
  { label: 'console.logs', kind: 'JAVASCRIPT', engine: 'quickjs', bare: 'bare QuickJS, a plain console.log', code: `for (let i = 0; i < ${String(FLOOD_LINES)}; i++) console.log(i)`, bareCode: `for (let i = 0; i < ${String(FLOOD_LINES)}; i++) console.log(i)` },
]);
/** The characters a million `print(i)` write: the numbers and their line breaks. */
const FLOOD_CHARS = Array.from({ length: FLOOD_LINES }, (_, index) => String(index).length + 1).reduce((total, length) => total + length, 0);

/**
 * A million lines from a cell, shown in the page, beside the same loop in a bare engine whose
 * stdout handler only keeps the text; both timed from the page. While the cell runs, a timer
 * in the page every 20 ms records how late it fires: the page's worst answer.
 */
async function floods() {
  console.log('Floods');
  const context = await freshContext();
  const page = await openApp(context);
  const text = FLOODS.map((flood) => `${flood.kind} flood_${flood.engine} {\n${flood.code.split('\n').map((line) => `    ${line}`).join('\n')}\n}\n`).join('\n');
  await page.evaluate((document) => {
    window.playground.load(document, { trusted: true });
  }, text);
  await page.evaluate(() => Promise.all([window.playground.python.execute('1'), window.playground.javascript.execute('1')]));
  const baseContext = await freshContext();
  const base = await openBaselines(baseContext);
  await base.evaluate((index) => window.bench.start('python', index), PYODIDE_INDEX);
  await base.evaluate(() => window.bench.start('quickjs', ''));
  for (const flood of FLOODS) {
    const answers = [];
    const inCells = await repeat(RUNS, async () => {
      const run = await page.evaluate(async (name) => {
        let worst = 0;
        let last = performance.now();
        const probe = setInterval(() => {
          const now = performance.now();
          worst = Math.max(worst, now - last - 20);
          last = now;
        }, 20);
        const started = performance.now();
        const report = await window.playground.runCell(name);
        const ms = performance.now() - started;
        // What the run left the page to do (its final output, the paint) counts as the flood's.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
        clearInterval(probe);
        return { ms, worst, status: report.status, output: report.output };
      }, `flood_${flood.engine}`);
      if (run.status !== 'done' || !run.output.includes('999999\n') || !run.output.includes('998,000 lines')) throw new Error(`the ${flood.label} flood did not finish as shown: ${run.status}, ${run.output.slice(0, 200)}`);
      answers.push(run.worst);
      return run.ms;
    });
    const bareRuns = await repeat(RUNS, async () => {
      const timed = await base.evaluate(async ([engine, code]) => {
        const started = performance.now();
        const reply = await window.bench.run(engine, code, 0);
        return { ms: performance.now() - started, reply };
      }, /** @type {const} */ ([flood.engine, flood.bareCode]));
      if (timed.reply.error) throw new Error(`the bare ${flood.label} flood failed: ${timed.reply.error}`);
      if (timed.reply.outputChars !== FLOOD_CHARS) throw new Error(`the bare ${flood.label} flood wrote ${String(timed.reply.outputChars)} characters, not ${String(FLOOD_CHARS)}`);
      return timed.ms;
    });
    record('Floods', `1 million ${flood.label} (a cell, to its end, shown)`, inCells, { name: flood.bare, values: bareRuns }, '≤ 2 × bare');
    record('Floods', `the page's worst answer during the ${flood.label} flood (a 20 ms timer's lateness)`, answers, null, '≤ 100 ms');
  }
  await context.close();
  await baseContext.close();
}

function sizes() {
  console.log('Size');
  const html = readFileSync('dist/index.html', 'utf8');
  const entry = /<script type="module"[^>]*src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.?\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1] ?? '');
  const appFiles = new Set([entry ?? '', ...preloads].filter(Boolean));
  const filesIn = (/** @type {string} */ folder) => readdirSync(join('dist', folder)).filter((file) => /\.(js|mjs|css|wasm|zip|json)$/.test(file)).map((file) => `${folder}/${file}`);
  const chunks = [...filesIn('assets'), ...filesIn('pyodide')]
    .map((file) => {
      const path = join('dist', file);
      return { file, bytes: statSync(path).size, gzip: gzipSync(readFileSync(path)).length, app: appFiles.has(file) };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const appJs = chunks.filter((chunk) => chunk.app).reduce((total, chunk) => total + chunk.gzip, 0);
  record('Size', 'app JS loaded with the page (gzip)', [appJs], null, '≤ 150 KB', 'bytes');
  for (const chunk of chunks.slice(0, quick ? 6 : 14)) record('Size', `${chunk.file}${chunk.app ? ' (with the page)' : ''} (gzip)`, [chunk.gzip], null, '—', 'bytes');
  return chunks;
}

async function classicPrograms() {
  console.log('Classic programs');
  /** @type {{ name: string, title: string, python: string, javascript: string, quick: number, full: number, expected: Record<string, unknown> }[]} */
  const programs = JSON.parse(readFileSync('bench/programs/index.json', 'utf8'));
  const context = await freshContext();
  const page = await openApp(context);
  // Both engines started first, so that no program's time includes a start-up.
  await page.evaluate(() => Promise.all([window.playground.python.execute('1'), window.playground.javascript.execute('1')]));
  const baseContext = await freshContext();
  const base = await openBaselines(baseContext);
  await base.evaluate((index) => window.bench.start('python', index), PYODIDE_INDEX);
  await base.evaluate(() => window.bench.start('quickjs', ''));
  const runs = Math.max(1, Math.min(RUNS, 3));
  for (const program of programs) {
    const n = quick ? program.quick : program.full;
    const expected = JSON.stringify(program.expected[String(n)]);
    for (const [language, file, bare, kind] of /** @type {const} */ ([
      ['Python', program.python, 'python', 'PYTHON'],
      ['JavaScript', program.javascript, 'quickjs', 'JAVASCRIPT'],
    ])) {
      const source = readFileSync(join('bench/programs', file), 'utf8');
      const body = source.trimEnd().split('\n').map((line) => (line === '' ? '' : `    ${line}`)).join('\n');
      const text = `VARIABLE N {\n    value: ${String(n)}\n}\n\n${kind} program {\n${body}\n}\n`;
      await page.evaluate((document) => {
        window.playground.load(document, { trusted: true });
      }, text);
      const inCells = await repeat(runs, () =>
        page.evaluate(async () => {
          const started = performance.now();
          const report = await window.playground.runCell('program');
          if (report.errors.length > 0) throw new Error(report.errors[0]?.message);
          return performance.now() - started;
        }),
      );
      const result = await page.evaluate(() => JSON.stringify(window.playground.cells().find((report) => report.name === 'program')?.result));
      if (result !== expected) throw new Error(`${program.name} in ${language} as a cell gave ${result}, not ${expected}`);
      const bareRuns = await repeat(runs, async () => {
        const reply = await base.evaluate(([engine, code, size]) => window.bench.run(engine, code, size), /** @type {const} */ ([bare, source, n]));
        if (reply.error) throw new Error(`${program.name} bare in ${language}: ${reply.error}`);
        if (JSON.stringify(reply.value) !== expected) throw new Error(`${program.name} bare in ${language} gave ${JSON.stringify(reply.value)}, not ${expected}`);
        return reply.ms;
      });
      record('Classic programs', `${program.title} (N=${String(n)}), ${language} cell`, inCells, { name: `the same code bare in ${language === 'Python' ? 'Pyodide' : 'QuickJS'}`, values: bareRuns }, 'overhead');
      if (language === 'JavaScript') {
        const v8 = await repeat(runs, async () => {
          const reply = await base.evaluate(([code, size]) => window.bench.run('v8', code, size), /** @type {const} */ ([source, n]));
          if (reply.error) throw new Error(`${program.name} in V8: ${reply.error}`);
          if (JSON.stringify(reply.value) !== expected) throw new Error(`${program.name} in V8 gave ${JSON.stringify(reply.value)}, not ${expected}`);
          return reply.ms;
        });
        record('Classic programs', `${program.title} (N=${String(n)}), QuickJS bare`, bareRuns, { name: 'V8 in a plain worker (reference)', values: v8 }, 'reference');
      }
    }
  }
  await context.close();
  await baseContext.close();
}

// ---- main -----------------------------------------------------------------------------------

// --no-build measures the dist/ that is there; the baseline page is always built, in a second.
if (!argv.includes('--no-build')) {
  console.log('Building the playground…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
console.log('Building the baseline page…');
execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
const servers = [await serveBench({ port: PORTS.isolated, isolated: true }), await serveBench({ port: PORTS.plain, isolated: false })];
const executablePath = findChromium();
browser = await chromium.launch({ ...(executablePath === undefined ? {} : { executablePath }), args: CHROMIUM_ARGS });
const browserVersion = browser.version();
const started = Date.now();
// --only startup,sizes measures a part, while working on the harness.
const onlyArgument = argv.indexOf('--only');
const only = onlyArgument >= 0 ? new Set((argv[onlyArgument + 1] ?? '').split(',')) : null;
/** @type {[string, () => unknown][]} */
const sections = [
  ['startup', startup],
  ['round-trips', roundTrips],
  ['variables', variables],
  ['interrupts', interrupts],
  ['large-documents', largeDocuments],
  ['floods', floods],
  ['sizes', sizes],
  ['programs', classicPrograms],
];
try {
  for (const [name, measure] of sections) if (!only || only.has(name)) await measure();
} finally {
  await browser.close();
  for (const server of servers) server.close();
}
printTable();
const cpus = os.cpus();
const results = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  runsPerFigure: RUNS,
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: { platform: `${os.type()} ${os.release()} ${os.arch()}`, cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  browser: { name: 'chromium', version: browserVersion, headless: true },
  figures: rows.map((row) => ({ ...row, ratio: ratio(row) === '' ? null : Number(ratio(row)) })),
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${String(rows.length)} figures in ${String(results.durationSeconds)} s on ${results.machine.cpu} (${String(results.machine.cores)} cores), Chromium ${results.browser.version}; written to bench/results.json`);
