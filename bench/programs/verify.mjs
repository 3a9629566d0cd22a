// Runs every classic benchmark program in QuickJS, V8 and Pyodide and checks the results.
//
//   node bench/programs/verify.mjs                 every program at its quick and full sizes
//   node bench/programs/verify.mjs --quick         quick sizes only
//   node bench/programs/verify.mjs nbody fannkuch  only the named programs
//   node bench/programs/verify.mjs nbody=1000,5000 chosen sizes (no `expected` check; for calibrating)
//   node bench/programs/verify.mjs --repeat=3      run each case 3 times and show the fastest time
//
// Prints a table of name, language, engine, N, result and milliseconds. Exits with 1 when a
// result differs from index.json's `expected`, the engines disagree for the same N, or a run
// throws. Timings on a first run include the WebAssembly engines' warm-up; --repeat hides it.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-wasmfile-release-sync';

/**
 * @typedef {{ name: string, title: string, python: string, javascript: string, quick: number, full: number, expected: Record<string, unknown> }} Program
 * @typedef {{ value: unknown, ms: number }} Run
 * @typedef {import('quickjs-emscripten-core').QuickJSContext} QuickJSContext
 */

const here = dirname(fileURLToPath(import.meta.url));
/** @type {Program[]} */
const programs = JSON.parse(await readFile(join(here, 'index.json'), 'utf8'));

const args = process.argv.slice(2);
const quickOnly = args.includes('--quick');
const repeatArg = args.find((a) => a.startsWith('--repeat='));
const repeat = repeatArg ? Math.max(1, Number(repeatArg.slice('--repeat='.length)) || 1) : 1;
/** Programs named on the command line, each with its chosen sizes or null for index.json's. */
/** @type {Map<string, number[] | null>} */
const picked = new Map();
for (const arg of args.filter((a) => !a.startsWith('--'))) {
  const [name = '', sizes] = arg.split('=');
  if (!programs.some((p) => p.name === name)) {
    console.error(`unknown program: ${name}`);
    process.exit(2);
  }
  picked.set(name, sizes ? sizes.split(',').map(Number) : null);
}

const qjs = await newQuickJSWASMModuleFromVariant(variant);
const loadStart = performance.now();
const py = await loadPyodide();
console.log(`Pyodide loaded in ${Math.round(performance.now() - loadStart)} ms\n`);

/**
 * @param {QuickJSContext} ctx
 * @param {string} source
 * @param {number} n
 * @returns {Run}
 */
function runQuickJS(ctx, source, n) {
  const size = ctx.newNumber(n);
  ctx.setProp(ctx.global, 'N', size);
  size.dispose();
  const start = performance.now();
  const handle = ctx.unwrapResult(ctx.evalCode(source));
  const ms = performance.now() - start;
  const value = /** @type {unknown} */ (ctx.dump(handle));
  handle.dispose();
  return { value, ms };
}

// V8 runs each program in a worker thread of its own: a separate realm with an ordinary global
// object, where the source runs as global code through indirect eval, whose value is the last
// expression statement's. (A node:vm context would also do, but its global variables are looked
// up through interceptors, which makes global-heavy programs such as Richards many times slower.)
const V8_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ source, n }) => {
  try {
    globalThis.N = n;
    const start = performance.now();
    const value = (0, eval)(source);
    const ms = performance.now() - start;
    parentPort.postMessage({ value, ms });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.stack) || error) });
  }
});
`;

function newV8Realm() {
  const worker = new Worker(V8_WORKER, { eval: true });
  return {
    /**
     * @param {string} source
     * @param {number} n
     * @returns {Promise<Run>}
     */
    run: (source, n) =>
      new Promise((resolve, reject) => {
        /** @param {Run & { error?: string }} message */
        const onMessage = (message) => {
          worker.off('error', onError);
          if (message.error !== undefined) reject(new Error(message.error));
          else resolve({ value: message.value, ms: message.ms });
        };
        /** @param {Error} error */
        const onError = (error) => {
          worker.off('message', onMessage);
          reject(error);
        };
        worker.once('message', onMessage);
        worker.once('error', onError);
        worker.postMessage({ source, n });
      }),
    dispose: () => worker.terminate(),
  };
}

/**
 * @param {string} source
 * @param {number} n
 * @returns {Run}
 */
function runPyodide(source, n) {
  py.globals.set('N', n);
  const start = performance.now();
  const r = /** @type {unknown} */ (py.runPython(source));
  const ms = performance.now() - start;
  if (r instanceof py.ffi.PyProxy) {
    const value = /** @type {unknown} */ (r.toJs());
    r.destroy();
    return { value, ms };
  }
  return { value: r, ms };
}

/**
 * @param {unknown} a
 * @param {unknown} b
 */
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** @type {string[][]} */
const rows = [];
/** @type {string[]} */
const failures = [];

for (const program of programs) {
  if (picked.size > 0 && !picked.has(program.name)) continue;
  const custom = picked.get(program.name);
  const sizes = custom ?? (quickOnly ? [program.quick] : [program.quick, program.full]);
  const jsSource = await readFile(join(here, program.javascript), 'utf8');
  const pySource = await readFile(join(here, program.python), 'utf8');

  // One QuickJS context and V8 realm per program (and one Pyodide for all), as in a notebook:
  // a later run evaluates the same source where the earlier runs' declarations already exist.
  const rt = qjs.newRuntime();
  rt.setMaxStackSize(1024 * 1024);
  const ctx = rt.newContext();
  const v8 = newV8Realm();
  /** @type {[string, string, (n: number) => Run | Promise<Run>][]} */
  const engines = [
    ['javascript', 'QuickJS', (n) => runQuickJS(ctx, jsSource, n)],
    ['javascript', 'V8', (n) => v8.run(jsSource, n)],
    ['python', 'Pyodide', (n) => runPyodide(pySource, n)],
  ];
  try {
    for (const n of sizes) {
      /** @type {{ language: string, engine: string, value: unknown, ms: number, error?: string }[]} */
      const runs = [];
      for (const [language, engine, run] of engines) {
        try {
          // Repeats keep the fastest time, and every repeat must give the same value.
          let best = await run(n);
          for (let i = 1; i < repeat; i++) {
            const again = await run(n);
            if (!same(again.value, best.value)) failures.push(`${program.name} ${engine} N=${n}: repeat ${i + 1} gave ${JSON.stringify(again.value)}`);
            if (again.ms < best.ms) best = again;
          }
          runs.push({ language, engine, ...best });
        } catch (error) {
          runs.push({ language, engine, value: undefined, ms: NaN, error: String(error) });
        }
      }
      const expected = custom ? undefined : program.expected[String(n)];
      const reference = runs.find((r) => r.error === undefined)?.value;
      for (const run of runs) {
        // With an expected value every engine must give it, and so they agree; without one (a
        // size chosen on the command line) they must at least agree with one another.
        let status = 'ok';
        let detail = '';
        if (run.error !== undefined) {
          status = 'ERROR';
          detail = run.error;
        } else if (expected !== undefined) {
          if (!same(run.value, expected)) {
            status = 'WRONG';
            detail = `${JSON.stringify(run.value)}, expected ${JSON.stringify(expected)}`;
          }
        } else if (!same(run.value, reference)) {
          status = 'MISMATCH';
          detail = `${JSON.stringify(run.value)}, but ${runs.find((r) => r.error === undefined)?.engine ?? ''} gave ${JSON.stringify(reference)}`;
        } else if (!custom) {
          status = 'NO EXPECTED';
          detail = `index.json has no expected value for N=${n}`;
        }
        if (status !== 'ok') failures.push(`${program.name} ${run.engine} N=${n}: ${status} (${detail})`);
        const shown = run.error === undefined ? JSON.stringify(run.value) : 'error';
        rows.push([program.name, run.language, run.engine, String(n), shown, run.ms.toFixed(1), status]);
        console.error(`  ${program.name} ${run.engine} N=${n}: ${run.ms.toFixed(1)} ms`);
      }
    }
  } finally {
    ctx.dispose();
    rt.dispose();
    await v8.dispose();
  }
}

const header = ['name', 'language', 'engine', 'N', 'result', 'ms', 'status'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const numeric = new Set([3, 5]);
/** @param {string[]} cells */
const line = (cells) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));

if (failures.length > 0) {
  console.log(`\n${failures.length} failure(s):`);
  for (const f of failures) console.log(`  ${f}`);
  process.exit(1);
}
console.log('\nall results match');
