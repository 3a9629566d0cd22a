import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../../src/engines/contract';
import { JavaScriptEngine } from '../../../src/engines/javascript-engine';
import { ReadTimeoutError } from '../../../src/engines/value';

// User code that never returns, reached by the host rather than by the run's own statements:
// each must stop at the run's limit, name that limit, and leave the engine usable. The release
// build, as in the browser: the debug build takes seconds for each loop that runs to a deadline.
let engine: JavaScriptEngine;
const LIMIT_MS = 300;
const LIMIT_MESSAGE = `the cell ran past its time limit of ${String(LIMIT_MS)} ms`;
/** What the engine wrote outside any run (a timer's), as it wrote it. */
const between: OutputChunk[] = [];

beforeAll(async () => {
  engine = new JavaScriptEngine();
  await engine.init(undefined, (chunk, cellId) => {
    if (cellId === null) between.push(chunk);
  });
});

afterAll(async () => {
  await engine.dispose();
});

async function stillWorks(): Promise<void> {
  const after = await engine.execute('6 * 7', { timeoutMs: LIMIT_MS });
  expect(after).toMatchObject({ success: true, result: 42 });
}

describe('one time limit for every call into QuickJS', () => {
  it('names the run’s own limit when a plain loop stops', async () => {
    const result = await engine.execute('for(;;){}', { timeoutMs: LIMIT_MS });
    expect(result.errors[0]).toMatchObject({ kind: 'timeout', message: `the cell ran past its time limit of ${String(LIMIT_MS)} ms` });
    await stillWorks();
  });

  it('stops a getter that console.log reaches while it formats an object', async () => {
    const result = await engine.execute('const o = { get x() { for(;;){} } }; console.log(o)', { timeoutMs: LIMIT_MS });
    expect(result.errors[0]).toMatchObject({ kind: 'timeout' });
    await stillWorks();
  });

  it('stops a getter reached while the result is formatted', async () => {
    const result = await engine.execute('({ get x() { for(;;){} } })', { timeoutMs: LIMIT_MS });
    expect(result.success).toBe(false);
    expect(result.errors[0]).toMatchObject({ kind: 'timeout' });
    await stillWorks();
  });

  it('stops a getter reached while an export is described or read after the run', async () => {
    const run = await engine.execute('var trap = { get x() { for(;;){} }, toString() { for(;;){} } }', { timeoutMs: LIMIT_MS });
    expect(run.success).toBe(true);
    const started = Date.now();
    const [described] = await engine.getVariables(['trap']);
    expect(described).toMatchObject({ name: 'trap', preview: '(its getters or traps did not return in time)' });
    await expect(engine.getVariable('trap')).rejects.toBeInstanceOf(ReadTimeoutError);
    // Two calls, each within about the limit: neither loops forever.
    expect(Date.now() - started).toBeLessThan(LIMIT_MS * 2 + 2000);
    await stillWorks();
  });

  it('stops a Proxy trap reached while an export is read', async () => {
    await engine.execute('var trapped = new Proxy({}, { ownKeys() { for(;;){} } })', { timeoutMs: LIMIT_MS });
    await expect(engine.getVariable('trapped')).rejects.toBeInstanceOf(ReadTimeoutError);
    await stillWorks();
  });

  it('stops a microtask that never returns, as part of the run', async () => {
    const result = await engine.execute('Promise.resolve().then(() => { for(;;){} }); 1', { timeoutMs: LIMIT_MS });
    expect(result.errors[0]).toMatchObject({ kind: 'timeout', message: `the cell ran past its time limit of ${String(LIMIT_MS)} ms` });
    await stillWorks();
  });

  it('stops a timer that never returns, after the run has ended, and says so naming the limit', async () => {
    between.length = 0;
    const run = await engine.execute('setTimeout(() => { for(;;){} }, 0); "scheduled"', { timeoutMs: LIMIT_MS });
    expect(run).toMatchObject({ success: true, result: 'scheduled' });
    // The timer fires once this turn of the worker's loop is over, and stops at the limit.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await stillWorks();
    expect(between).toEqual([{ stream: 'stderr', text: `Uncaught TimeoutError: a timer ran past its time limit of ${String(LIMIT_MS)} ms\n` }]);
  });
});

// Formatting that reaches a toString or a valueOf alone, with no getter to trip first: a RegExp
// is shown by String(), and so is a MIME bundle's text that is not a string.
const TO_STRING = '{ toString() { for(;;){} } }';
const VALUE_OF = '{ toString: undefined, valueOf() { for(;;){} } }';
const TO_PRIMITIVE = '{ [Symbol.toPrimitive]() { for(;;){} } }';
const regExpWith = (members: string) => `Object.assign(/x/, ${members})`;

describe('one time limit for a toString or valueOf that the engine reaches as it formats', () => {
  it.each([
    ['a toString reached while console.log formats a RegExp', `console.log(${regExpWith(TO_STRING)})`],
    ['a toString reached while the result is formatted', regExpWith(TO_STRING)],
    ["a toString reached while display() reads a MIME bundle's text", `display({ 'text/plain': ${TO_STRING} })`],
    ['a valueOf reached while console.log formats a RegExp', `console.log(${regExpWith(VALUE_OF)})`],
    ['a valueOf reached while the result is formatted', regExpWith(VALUE_OF)],
    ["a valueOf reached while display() reads a MIME bundle's text", `display({ 'text/html': ${VALUE_OF} })`],
    ['a Symbol.toPrimitive reached while console.log formats a RegExp', `console.log(${regExpWith(TO_PRIMITIVE)})`],
  ])('stops %s, names the limit, and the engine still works', async (_title, code) => {
    const result = await engine.execute(code, { timeoutMs: LIMIT_MS });
    expect(result).toMatchObject({ success: false, output: [], errors: [{ kind: 'timeout', message: LIMIT_MESSAGE }] });
    await stillWorks();
  });

  it.each([
    ['a toString', TO_STRING],
    ['a valueOf', VALUE_OF],
  ])("ends the run in a timeout when %s that never returns is reached while an export is described", async (_title, members) => {
    const run = await engine.runCell({ code: `var spun = ${regExpWith(members)};`, cellId: 'describe', timeoutMs: LIMIT_MS, pending: [], values: {} });
    expect(run).toMatchObject({
      kind: 'ran',
      result: { success: false, exports: ['spun'], errors: [{ kind: 'timeout', message: `${LIMIT_MESSAGE} while its exports were read` }] },
      described: [{ name: 'spun', preview: '(its getters or traps did not return in time)' }],
    });
    await stillWorks();
  });

  it('gives the description of the exports what is left of the run’s time, not a fresh limit', async () => {
    // The run takes two thirds of its limit, and the preview of its export as long again: each
    // fits in a limit of its own, the two together do not.
    const busy = (ms: number) => `const until = Date.now() + ${String(ms)}; while (Date.now() < until) {}`;
    const code = `${busy((LIMIT_MS * 2) / 3)}\nvar slow = Object.assign(/x/, { toString() { ${busy((LIMIT_MS * 2) / 3)} return 'slow'; } });`;
    const run = await engine.runCell({ code, cellId: 'slow', timeoutMs: LIMIT_MS, pending: [], values: {} });
    expect(run).toMatchObject({ kind: 'ran', result: { errors: [{ kind: 'timeout', message: `${LIMIT_MESSAGE} while its exports were read` }] } });
    await stillWorks();
  });
});
