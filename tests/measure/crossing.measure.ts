/**
 * Median times of values crossing in and out of each engine under Node. It prints figures and
 * asserts nothing about time. Run: `npx vitest run --config tests/measure/vitest.config.ts`
 * (MEASURE_REPS sets the repetitions, 5 by default).
 */
import { afterAll, beforeAll, it } from 'vitest';
import { JavaScriptEngine } from '../../src/engines/javascript-engine';
import { PythonEngine } from '../../src/engines/python-engine';
import { TIERS } from '../../src/engines/policy';
import type { NeutralValue } from '../../src/engines/value';

const REPS = Number(process.env.MEASURE_REPS ?? 5);
let python: PythonEngine;
let javascript: JavaScriptEngine;
const rows: [string, number][] = [];

beforeAll(async () => {
  python = new PythonEngine();
  javascript = new JavaScriptEngine({ policy: TIERS.unrestricted, memoryLimitBytes: 1024 * 1024 * 1024 });
  await Promise.all([python.init(), javascript.init()]);
  await python.setPolicy(TIERS.unrestricted);
});

afterAll(async () => {
  await Promise.all([python.dispose(), javascript.dispose()]);
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(['', `median of ${REPS} (ms)`, ...rows.map(([label, ms]) => `${label.padEnd(width)}  ${ms.toFixed(2).padStart(9)}`)].join('\n'));
});

async function median(label: string, work: () => unknown): Promise<void> {
  const times: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  rows.push([label, times[Math.floor(times.length / 2)] ?? NaN]);
}

async function pythonValue(name: string): Promise<NeutralValue> {
  const value = await python.getVariable(name);
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

it('measures crossings', async () => {
  const setup = await python.execute(
    [
      'ints = list(range(1_000_000))',
      'table = {str(i): i for i in range(200_000)}',
      'records = [{"id": i, "name": "n" + str(i), "score": i * 0.5, "ok": True} for i in range(10_000)]',
    ].join('\n'),
  );
  if (!setup.success) throw new Error(JSON.stringify(setup.errors));
  const ints = Array.from({ length: 1_000_000 }, (_, index) => index);
  const table = Object.fromEntries(Array.from({ length: 200_000 }, (_, index) => [String(index), index]));
  const small = { name: 'x'.repeat(600), values: Array.from({ length: 100 }, (_, index) => index) };
  const samples = new Float64Array(10 * 1024 * 128).map((_, index) => index / 3);

  await median('structuredClone 1M-int array', () => structuredClone(ints));
  await median('structuredClone 200k-entry object', () => structuredClone(table));
  await median('structuredClone 10 MB Float64Array', () => structuredClone(samples));

  await median('Python get list(range(1M))', () => python.getVariable('ints'));
  await median('Python get 200k-entry dict', () => python.getVariable('table'));
  await median('Python get 10k records', () => python.getVariable('records'));
  const records = await pythonValue('records');
  await median('JS set 1M ints', () => javascript.setVariable('ints', ints));
  await median('JS set 200k-entry object', () => javascript.setVariable('table', table));
  await median('JS set 10k records', () => javascript.setVariable('records', records));

  await javascript.execute('var made = Array.from({length: 1e6}, (_, i) => i)');
  await median('JS get Array.from 1e6', () => javascript.getVariable('made'));
  await median('JS get 200k-entry object', () => javascript.getVariable('table'));
  await median('JS get 10k records', () => javascript.getVariable('records'));
  await median('Python set 1M ints', () => python.setVariable('made', ints));
  await median('Python set 200k-entry object', () => python.setVariable('table2', table));
  await median('Python set 10k records', () => python.setVariable('records2', records));

  await median('Python set 10 MB Float64Array', () => python.setVariable('samples', samples));
  await median('Python get 10 MB Float64Array', () => python.getVariable('samples'));
  await median('JS set 10 MB Float64Array', () => javascript.setVariable('samples', samples));
  await median('JS get 10 MB Float64Array', () => javascript.getVariable('samples'));

  await median('Python set 1 KB value', () => python.setVariable('small', small));
  await median('Python get 1 KB value', () => python.getVariable('small'));
  await median('JS set 1 KB value', () => javascript.setVariable('small', small));
  await median('JS get 1 KB value', () => javascript.getVariable('small'));
});
