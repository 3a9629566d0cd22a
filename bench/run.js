#!/usr/bin/env node
// npm run bench [-- --quick] [--runs N] [--no-build] [--only part,part]   (BENCH_PORT_BASE=4190 by default)
//
// Builds the playground and the bare baseline page once, serves them on this machine, and
// drives headless Chromium through each figure of SPEC §7. Every figure is measured several
// times beside a bare baseline in the same run, and printed as median (min–max) with the ratio
// to its baseline. The table goes to stdout and, with details of the machine and browser, to
// bench/results.json. --quick measures each figure once (a few where one sample means nothing), so
// that CI keeps the harness working. Some parts live in bench/figures/; the options and the
// browser in harness.js, the statistics and the table in table.js.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bombs } from './figures/bombs.js';
import { roundTrips } from './figures/round-trips.js';
import { variables } from './figures/variables.js';
import { argv, closeBrowser, freshContext, launchBrowser, openApp, openBaselines, PORTS, PYODIDE_INDEX, quick, repeat, RUNS, url } from './harness.js';
import { serveBench } from './serve.js';
import { printTable, ratio, record, rows, verdict } from './table.js';

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
      // The page shows a long document a part at a time: wait for the last cell's paint.
      for (let frames = 0; document.querySelectorAll('[data-testid="cell"]').length < 500; frames++) {
        if (frames > 2000) throw new Error('the document did not open');
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - started;
    }, text),
  );
  await context.close();
  const baseContext = await freshContext();
  const base = await openBaselines(baseContext);
  const plain = await repeat(RUNS, () => base.evaluate(() => window.bench.plainDocument(500, 'value = 2 * 21\nprint(value)')));
  await baseContext.close();
  record('Large documents', 'open a 500-cell document (parse, render, paint)', opened, { name: '500 <pre> blocks added to a blank page', values: plain }, '≤ 1 s');
  await megabyteDocument();
}

/**
 * A Markdown metascript of about 1 MB as TARS writes them: sections of prose, a YAML settings
 * fence, a Python cell and an F# fence, with the blocks of each about 2.5 KB.
 */
function megabyteMetascript() {
  const sections = [];
  const filler = (prefix, count) => Array.from({ length: count }, (_, line) => `${prefix}${String(line)} = ${String(line)} * 2  # ${'x'.repeat(40)}`).join('\n');
  for (let index = 0; sections.join('').length < 1_000_000; index++) {
    sections.push(
      `## Step ${String(index)}\nThis step counts the stock of shelf ${String(index)} and reports the low items.\n\n` +
        `\`\`\`yaml\nshelf: ${String(index)}\nthreshold: 5\n\`\`\`\n\n` +
        `\`\`\`python step_${String(index)}\n${filler('value_', 40)}\n\`\`\`\n\n` +
        `\`\`\`fsharp\n${filler('let v', 40).replaceAll('#', '//')}\n\`\`\`\n\n`,
    );
  }
  return `# A large metascript\n\n${sections.join('')}`;
}

/** SPEC §7 and issue 18: a 1 MB metascript opens and paints within 200 ms. */
async function megabyteDocument() {
  const text = megabyteMetascript();
  const context = await freshContext();
  const page = await openApp(context);
  /** @type {{ total: number[]; parse: number[]; whole: number[] }} */
  const times = { total: [], parse: [], whole: [] };
  await repeat(RUNS, async () => {
    const measured = await page.evaluate(async (source) => {
      window.playground.load('PYTHON empty {\n}\n', { trusted: true });
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const started = performance.now();
      window.playground.load(source, { trusted: true });
      const loaded = performance.now();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const painted = performance.now();
      // Then the rest of the document, a part at a time, to its last block's paint.
      // Done when the count of blocks has stopped growing for three frames; timed at its last change.
      const blocks = () => document.querySelectorAll('[data-testid="cell"], [data-testid="inert-block"]').length;
      let count = blocks();
      let whole = painted;
      for (let frames = 0, still = 0; still < 3 || count < window.playground.cells().length; frames++) {
        if (frames > 5000) throw new Error('the document did not finish opening');
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const now = blocks();
        still = now === count ? still + 1 : 0;
        if (now !== count) whole = performance.now();
        count = now;
      }
      if (window.playground.text() !== source) throw new Error('the document did not come back byte for byte');
      return { total: painted - started, load: loaded - started, whole: whole - started };
    }, text);
    times.total.push(measured.total);
    times.parse.push(measured.load);
    times.whole.push(measured.whole);
    return measured.total;
  });
  await context.close();
  // The first open in a page, as a visitor opening a big file meets it: the reader and the
  // views have not run before, so nothing of them is compiled by the JIT yet.
  const first = await repeat(RUNS, async () => {
    const fresh = await freshContext();
    const freshPage = await openApp(fresh);
    const measured = await freshPage.evaluate(async (source) => {
      const started = performance.now();
      window.playground.load(source, { trusted: true });
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - started;
    }, text);
    await fresh.close();
    return measured;
  });
  const baseContext = await freshContext();
  const base = await openBaselines(baseContext);
  const plain = await repeat(RUNS, () => base.evaluate((source) => window.bench.plainText(source), text));
  await baseContext.close();
  const label = `open a ${(text.length / 1e6).toFixed(1)} MB Markdown metascript (read, render, paint its top)`;
  record('Large documents', label, times.total, { name: 'the same text in one <pre> on a blank page', values: plain }, '≤ 200 ms');
  record('Large documents', '  the same, as the first open in a fresh page', first, { name: 'the same text in one <pre> on a blank page', values: plain }, '≤ 200 ms');
  record('Large documents', '  of which load() (read the dialect, build the store)', times.parse, { name: 'the same text in one <pre> on a blank page', values: plain }, 'part of the above');
  record('Large documents', '  then every block of it in the page, painted', times.whole, { name: 'the same text in one <pre> on a blank page', values: plain }, 'none (the page answers between parts)');
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
const browserVersion = await launchBrowser();
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
  ['bombs', bombs],
  ['sizes', sizes],
  ['programs', classicPrograms],
];
/** Seconds each part took, so that the cost of a part in CI can be read. @type {Record<string, number>} */
const sectionSeconds = {};
try {
  for (const [name, measure] of sections) {
    if (only && !only.has(name)) continue;
    const begun = Date.now();
    await measure();
    sectionSeconds[name] = Math.round((Date.now() - begun) / 1000);
    console.log(`  (${name}: ${String(sectionSeconds[name])} s)`);
  }
} finally {
  await closeBrowser();
  for (const server of servers) server.close();
}
printTable();
const cpus = os.cpus();
const results = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  runsPerFigure: RUNS,
  durationSeconds: Math.round((Date.now() - started) / 1000),
  sectionSeconds,
  machine: { platform: `${os.type()} ${os.release()} ${os.arch()}`, cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  browser: { name: 'chromium', version: browserVersion, headless: true },
  figures: rows.map((row) => ({ ...row, ratio: ratio(row) === '' ? null : Number(ratio(row)), met: verdict(row) === '—' ? null : verdict(row) === 'met' })),
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${String(rows.length)} figures in ${String(results.durationSeconds)} s on ${results.machine.cpu} (${String(results.machine.cores)} cores), Chromium ${results.browser.version}; written to bench/results.json`);
