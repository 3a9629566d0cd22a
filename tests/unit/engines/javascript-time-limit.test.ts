import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JavaScriptEngine } from '../../../src/engines/javascript-engine';
import { ReadTimeoutError } from '../../../src/engines/value';

// User code that never returns, reached by the host rather than by the run's own statements:
// each must stop at the run's limit, name that limit, and leave the engine usable. The release
// build, as in the browser: the debug build takes seconds for each loop that runs to a deadline.
let engine: JavaScriptEngine;
const LIMIT_MS = 300;

beforeAll(async () => {
  engine = new JavaScriptEngine();
  await engine.init();
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

  it('stops a timer that never returns, after the run has ended', async () => {
    const run = await engine.execute('setTimeout(() => { for(;;){} }, 0); "scheduled"', { timeoutMs: LIMIT_MS });
    expect(run).toMatchObject({ success: true, result: 'scheduled' });
    // The timer fires once this turn of the worker's loop is over, and stops at the limit.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await stillWorks();
  });
});
