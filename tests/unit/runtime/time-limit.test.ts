import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecutionResult } from '../../../src/engines/contract';
import type { StopOutcome } from '../../../src/runtime/engine-host';
import { asTimedOut, limitMessage, lostToTimeout, TIMEOUT_GRACE_MS, TIMEOUT_INTERRUPT_GRACE_MS, watchTimeLimit } from '../../../src/runtime/time-limit';

const done: ExecutionResult = { success: true, output: [], outputOmitted: null, result: 1, resultText: '1', errors: [], exports: ['x'], executionTimeMs: 5, memoryBytes: null };

describe('the time limit watch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('interrupts the engine with a short grace once the limit and its grace have passed', async () => {
    const graces: number[] = [];
    const outcomes: StopOutcome[] = [];
    const watch = watchTimeLimit({
      limitMs: 1000,
      interrupt: (graceMs) => {
        graces.push(graceMs);
        return Promise.resolve('restarted');
      },
      onStopped: (outcome) => outcomes.push(outcome),
    });
    await vi.advanceTimersByTimeAsync(1000 + TIMEOUT_GRACE_MS - 1);
    expect(watch.timedOut()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(watch.timedOut()).toBe(true);
    expect(graces).toEqual([TIMEOUT_INTERRUPT_GRACE_MS]);
    expect(outcomes).toEqual(['restarted']);
    // Stopped by then, in any case, less than a second past the limit.
    expect(TIMEOUT_GRACE_MS + TIMEOUT_INTERRUPT_GRACE_MS).toBeLessThan(1000);
  });

  it('does nothing once cleared', async () => {
    const interrupt = vi.fn(() => Promise.resolve<StopOutcome>('idle'));
    const watch = watchTimeLimit({ limitMs: 10, interrupt, onStopped: () => undefined });
    watch.clear();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(interrupt).not.toHaveBeenCalled();
    expect(watch.timedOut()).toBe(false);
  });
});

describe('timed-out results', () => {
  it('name the real limit', () => {
    expect(limitMessage(3000)).toBe('the cell ran past its time limit of 3000 ms');
    expect(limitMessage(250)).toBe('the cell ran past its time limit of 250 ms');
  });

  it('turn an interrupt into a timeout, and give a run stopped while its exports were read a timeout error', () => {
    const interrupted: ExecutionResult = { ...done, success: false, errors: [{ language: 'python', kind: 'interrupted', name: 'KeyboardInterrupt', message: '', cellId: 'c', line: 3, column: 1, frames: [] }] };
    expect(asTimedOut(interrupted, 'python', 'c', 2000).errors).toEqual([expect.objectContaining({ kind: 'timeout', line: 3, message: limitMessage(2000) })]);
    const late = asTimedOut(done, 'javascript', 'c', 2000);
    expect(late.success).toBe(false);
    expect(late.errors).toEqual([expect.objectContaining({ kind: 'timeout', language: 'javascript', message: `${limitMessage(2000)} while its exports were read` })]);
  });

  it('say the state was lost when the worker was replaced', () => {
    const lost = lostToTimeout('python', 'c', 500);
    expect(lost).toMatchObject({ success: false, exports: [] });
    expect(lost.errors[0]?.message).toBe(`${limitMessage(500)}; the engine was restarted and its state was lost`);
  });
});
