// Variables: what an export costs a cell that keeps it to its own language, what a read across
// languages costs a cell, and what one value's move between the workers costs, each beside the
// same work without the variable or the bare structured clones the move needs at the least.
import { freshContext, openApp, openBaselines, quick, RUNS } from '../harness.js';
import { record } from '../table.js';

/**
 * Builds a benchmark payload in the page as `globalThis.payload`; runs in the browser.
 * @param {string} kind
 */
function buildPayload(kind) {
  let payload;
  if (kind === '1 KB') payload = { name: 'x'.repeat(600), values: Array.from({ length: 100 }, (_, index) => index) };
  else if (kind === '1 MB nested') payload = Array.from({ length: 10_000 }, (_, index) => ({ id: index, name: `item ${String(index)}`, tags: ['a', 'b'], score: index * 0.5, nested: { even: index % 2 === 0 } }));
  else if (kind === 'a million ints and 200,000 entries') payload = { xs: Array.from({ length: 1_000_000 }, (_, index) => index), d: Object.fromEntries(Array.from({ length: 200_000 }, (_, index) => [String(index), index])) };
  else payload = Float64Array.from({ length: (10 * 1024 * 1024) / 8 }, (_, index) => index * 0.5);
  Reflect.set(globalThis, 'payload', payload);
}

/** @param {string} kind @param {string} name @param {string} body */
const cell = (kind, name, body) => `${kind} ${name} {\n${body.split('\n').map((line) => (line === '' ? '' : `    ${line}`)).join('\n')}\n}\n`;

/**
 * Each export figure: a cell whose value becomes a variable that no other language reads, and
 * its twin doing the same work inside a function, so that nothing is left to export.
 */
const EXPORTS = [
  {
    language: 'Python',
    name: 'py_list',
    figure: 'a Python cell assigning a 1,000,000-element list no other language reads (`x = list(range(1_000_000))`)',
    twin: 'the same list made inside a function, nothing exported',
    exporting: 'export_py',
    keeping: 'keep_py',
    cells: [
      cell('PYTHON', 'export_py', 'py_list = list(range(1_000_000))'),
      // A _private name is never an export (SPEC §4), so the function leaves nothing behind.
      cell('PYTHON', 'keep_py', 'def _fill():\n    py_list = list(range(1_000_000))\n    return None\n_fill()'),
    ],
  },
  {
    language: 'JavaScript',
    name: 'js_array',
    figure: 'a JavaScript cell assigning a 1,000,000-element array no other language reads (`const x = Array.from(…)`)',
    twin: 'the same array made inside a function, nothing exported',
    exporting: 'export_js',
    keeping: 'keep_js',
    cells: [
      cell('JAVASCRIPT', 'export_js', 'const js_array = Array.from({ length: 1_000_000 }, (_, i) => i);'),
      cell('JAVASCRIPT', 'keep_js', '(() => {\n    const js_array = Array.from({ length: 1_000_000 }, (_, i) => i);\n    return null;\n})();'),
    ],
  },
];

/**
 * The reads across: a Python cell makes the values, untimed, then a JavaScript cell reads them,
 * timed. The engine only injects a value newer than the one it holds, so each round makes the
 * values again, with the round's number in the first element, and the reader's result must show
 * it: proof that this round's value crossed.
 * @type {{ figure: string, payload: string, expected: number, target: string, maker: string, reader: string, twin: string | null, cells: string[] }[]}
 */
const READS = [
  {
    figure: 'a JavaScript cell reading a 1,000,000-int list and a 200,000-entry dict from Python',
    payload: 'a million ints and 200,000 entries',
    expected: 1_200_000,
    target: '≤ 3 × clones',
    maker: 'make_big',
    reader: 'read_big',
    twin: null,
    cells: [
      cell('PYTHON', 'make_big', '_round = globals().get("_round", 0) + 1\nxs = list(range(1_000_000))\nxs[0] = -_round\nd = {str(i): i for i in range(200_000)}'),
      cell('JAVASCRIPT', 'read_big', 'const n = xs.length + Object.keys(d).length;\n[n, xs[0]]'),
    ],
  },
  {
    figure: 'a JavaScript cell reading 1 KB from Python',
    payload: '1 KB',
    expected: 700,
    target: '—',
    maker: 'make_small',
    reader: 'read_small',
    // Its twin reads nothing: the difference between the two is what the crossing costs a cell.
    twin: 'read_none',
    cells: [
      cell('PYTHON', 'make_small', '_round_small = globals().get("_round_small", 0) + 1\nsmall = {"name": "x" * 600, "values": list(range(100))}\nsmall["values"][0] = -_round_small'),
      cell('JAVASCRIPT', 'read_small', 'const m = small.name.length + small.values.length;\n[m, small.values[0]]'),
      cell('JAVASCRIPT', 'read_none', 'const m = 600 + 100;\n[m, 0]'),
    ],
  },
];

/**
 * Runs a cell from the page and times it; throws unless it ended `done` without errors.
 * @param {import('@playwright/test').Page} page @param {string} name
 */
async function timedCell(page, name) {
  const run = await page.evaluate(async (cellName) => {
    const started = performance.now();
    const report = await window.playground.runCell(cellName);
    return { ms: performance.now() - started, status: report.status, result: report.result, error: report.errors[0]?.message ?? '' };
  }, name);
  if (run.status !== 'done' || run.error !== '') throw new Error(`the cell ${name} ended ${run.status}: ${run.error}`);
  return run;
}

/** Opens a document of these cells, trusted. @param {import('@playwright/test').Page} page @param {string[]} cells */
async function load(page, cells) {
  await page.evaluate((document) => {
    window.playground.load(document, { trusted: true });
  }, cells.join('\n'));
}

/** @param {import('@playwright/test').Page} page */
async function exportFigures(page) {
  for (const figure of EXPORTS) {
    const { exporting, keeping } = figure;
    await load(page, figure.cells);
    // The twin once first, so that neither timed run pays for growing the engine's heap. A full
    // run also runs the export once, so that every timed run frees the list the one before made;
    // --quick spares that, as it costs a whole export while the exports are converted eagerly.
    await timedCell(page, keeping);
    if (!quick) await timedCell(page, exporting);
    const withExport = [];
    const without = [];
    // Side by side, so that a change in the machine's load falls on both alike.
    for (let index = 0; index < RUNS; index++) {
      withExport.push((await timedCell(page, exporting)).ms);
      without.push((await timedCell(page, keeping)).ms);
    }
    const exported = await page.evaluate(async (name) => (await window.playground.variables())[name]?.language ?? 'nothing', figure.name);
    if (exported !== figure.language.toLowerCase()) throw new Error(`${exporting} left ${figure.name} from ${exported}, not from ${figure.language}`);
    record('Variables', figure.figure, withExport, { name: figure.twin, values: without }, '≤ 1.2 × bare');
  }
}

/** @param {import('@playwright/test').Page} page @param {import('@playwright/test').Page} base */
async function readFigures(page, base) {
  for (const figure of READS) {
    const rounds = figure.twin ? RUNS * 4 : RUNS;
    const { maker, reader, twin } = figure;
    await load(page, figure.cells);
    const reads = [];
    const unread = [];
    for (let round = 1; round <= rounds; round++) {
      await timedCell(page, maker);
      const read = await timedCell(page, reader);
      const expected = [figure.expected, -round];
      if (JSON.stringify(read.result) !== JSON.stringify(expected)) throw new Error(`${reader} saw ${JSON.stringify(read.result)}, not ${JSON.stringify(expected)}: the value did not cross again`);
      reads.push(read.ms);
      if (twin) unread.push((await timedCell(page, twin)).ms);
    }
    if (twin) {
      record('Variables', `${figure.figure} (the whole cell)`, reads, { name: 'the same cell reading nothing', values: unread }, figure.target);
      continue;
    }
    await base.evaluate(buildPayload, figure.payload);
    const cloned = await base.evaluate((times) => window.bench.payloadRoundTrips(times), rounds);
    record('Variables', figure.figure, reads, { name: 'postMessage round trip of the same JS values (2 clones)', values: cloned }, figure.target);
  }
}

/** @param {import('@playwright/test').Page} page @param {import('@playwright/test').Page} base */
async function moveFigures(page, base) {
  for (const kind of ['1 KB', '1 MB nested', '10 MB Float64Array']) {
    const count = kind.startsWith('10 MB') ? Math.min(RUNS, 5) : kind === '1 KB' ? RUNS * 20 : RUNS * 4;
    await page.evaluate(buildPayload, kind);
    const { durations, arrived } = await page.evaluate(async (times) => {
      const payload = /** @type {unknown} */ (Reflect.get(globalThis, 'payload'));
      await window.playground.python.setVariable('payload', payload);
      const measured = [];
      for (let index = 0; index < times; index++) {
        const started = performance.now();
        const value = await window.playground.python.getVariable('payload');
        await window.playground.javascript.setVariable('payload', value ?? null);
        measured.push(performance.now() - started);
      }
      const back = await window.playground.javascript.getVariable('payload');
      const size = (/** @type {unknown} */ value) => (value instanceof Float64Array || Array.isArray(value) ? value.length : JSON.stringify(value).length);
      return { durations: measured, arrived: size(back) === size(payload) && Object.prototype.toString.call(back) === Object.prototype.toString.call(payload) };
    }, count);
    if (!arrived) throw new Error(`the ${kind} payload did not arrive whole in JavaScript`);
    await base.evaluate(buildPayload, kind);
    const cloned = await base.evaluate((times) => window.bench.payloadRoundTrips(times), count);
    const target = kind.startsWith('10 MB') ? '≤ 2 × clone' : kind === '1 KB' ? '≤ 0.5 ms' : '—';
    record('Variables', `${kind}: Python worker → main → JavaScript worker`, durations, { name: 'postMessage round trip of it (2 clones)', values: cloned }, target);
  }
}

export async function variables() {
  console.log('Variables');
  const context = await freshContext();
  const page = await openApp(context);
  await page.evaluate(() => Promise.all([window.playground.python.execute('1'), window.playground.javascript.execute('1')]));
  const baseContext = await freshContext();
  const base = await openBaselines(baseContext);
  await exportFigures(page);
  await readFigures(page, base);
  await moveFigures(page, base);
  await context.close();
  await baseContext.close();
}
