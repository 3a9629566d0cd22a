import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replacementBetween } from '../../../src/ui/editor/doc-replacement';

const apply = (text: string, change: { from: number; to: number; insert: string } | null) =>
  change === null ? text : text.slice(0, change.from) + change.insert + text.slice(change.to);

describe('replacementBetween', () => {
  it('is null for equal texts', () => {
    expect(replacementBetween('x = 1', 'x = 1')).toBeNull();
  });

  it('replaces only what differs', () => {
    expect(replacementBetween('x = 1\ny = 2', 'x = 1\ny = 3')).toEqual({ from: 10, to: 11, insert: '3' });
    expect(replacementBetween('abc', 'abXbc')).toEqual({ from: 2, to: 2, insert: 'Xb' });
    expect(replacementBetween('abc', '')).toEqual({ from: 0, to: 3, insert: '' });
  });

  it('turns any text into any other', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        expect(apply(before, replacementBetween(before, after))).toBe(after);
      }),
    );
  });
});
