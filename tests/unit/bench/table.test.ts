import { describe, expect, it } from 'vitest';
import { verdict } from '../../../bench/table.js';

/** A figure of `median` ms, and a baseline of `baseline` ms when given. */
function row(target: string, median: number, baseline?: number, unit = 'ms') {
  const value = (n: number) => ({ median: n, min: n, max: n, samples: 1 });
  return { group: 'g', figure: 'f', unit, value: value(median), baseline: baseline === undefined ? null : { name: 'bare', value: value(baseline) }, target };
}

describe("the benchmark table's reading of a target", () => {
  it('checks an absolute limit against the median', () => {
    expect(verdict(row('≤ 1 ms', 0.8))).toBe('met');
    expect(verdict(row('≤ 1 ms', 1.2))).toBe('missed');
    expect(verdict(row('≤ 1 s', 900))).toBe('met');
    expect(verdict(row('≤ 150 KB', 160 * 1024, undefined, 'bytes'))).toBe('missed');
  });

  it('checks a ratio against the ratio of the medians as printed', () => {
    expect(verdict(row('≤ 1.2 × bare', 110, 100))).toBe('met');
    expect(verdict(row('≤ 1.2 × bare', 130, 100))).toBe('missed');
    // 2.004 prints as 2.00, and the table must agree with what it prints.
    expect(verdict(row('≤ 2 × clone', 200.4, 100))).toBe('met');
    expect(verdict(row('≤ 2 × clone', 0.01, 0))).toBe('missed');
  });

  it('needs every limit of a target to hold', () => {
    expect(verdict(row('≤ 1 ms, ≤ 1.5 × bare', 0.9, 0.5))).toBe('missed');
    expect(verdict(row('≤ 1 ms, and ≤ 1.5 × bare', 0.7, 0.5))).toBe('met');
    expect(verdict(row('≤ 0.3 × bare cold; goal < 1 s', 1500, 6000))).toBe('met');
  });

  it('says nothing of a target that states no limit', () => {
    expect(verdict(row('—', 5))).toBe('—');
    expect(verdict(row('overhead', 5, 4))).toBe('—');
    expect(verdict(row('near-instant', 5, 4))).toBe('—');
  });

  it('refuses a limit it cannot check rather than calling it met', () => {
    expect(() => verdict(row('≤ 2 × bare', 5))).toThrow(/cannot be checked/);
    expect(() => verdict(row('≤ 150 KB', 5))).toThrow(/cannot be checked/);
  });
});
