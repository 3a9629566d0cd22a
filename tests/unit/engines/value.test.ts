import { describe, expect, it } from 'vitest';
import { ConversionError, fromEntries, MAX_DEPTH, toNeutral } from '../../../src/engines/value';

describe('toNeutral', () => {
  it('keeps every kind the neutral model has', () => {
    const value = {
      none: undefined,
      nil: null,
      yes: true,
      pi: 3.14,
      negativeZero: -0,
      notANumber: NaN,
      big: 2n ** 64n,
      astral: '🪐 orbit',
      when: new Date(0),
      bytes: new Uint8Array([1, 2]),
      list: [1, [2]],
      lookup: new Map<unknown, unknown>([[1, 'one']]),
      members: new Set([1, 2]),
    };
    expect(toNeutral(value)).toEqual({ ...value, none: null });
    expect(Object.is((toNeutral(value) as { negativeZero: number }).negativeZero, -0)).toBe(true);
  });

  it('refuses functions, symbols and class instances with a ConversionError', () => {
    expect(() => toNeutral(() => 1)).toThrow(ConversionError);
    expect(() => toNeutral(Symbol('s'))).toThrow(ConversionError);
    class Point {
      x = 1;
    }
    expect(() => toNeutral({ nested: [new Point()] })).toThrow(/instance of Point/);
  });

  it('ends a cycle with a ConversionError instead of hanging', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(() => toNeutral(cyclic)).toThrow(ConversionError);
    let deep: unknown[] = [];
    const root = deep;
    for (let level = 0; level <= MAX_DEPTH + 1; level++) {
      const next: unknown[] = [];
      deep.push(next);
      deep = next;
    }
    expect(() => toNeutral(root)).toThrow(/deeper than/);
  });

  it('keeps a __proto__ key as plain data', () => {
    const parsed: unknown = JSON.parse('{"__proto__": {"polluted": true}}');
    const value = toNeutral(parsed) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('fromEntries', () => {
  it('builds an object for string keys, keeping their order', () => {
    const object = fromEntries([['b', 1], ['a', 2], ['__proto__', 3]]);
    expect(Object.entries(object)).toEqual([['b', 1], ['a', 2], ['__proto__', 3]]);
  });

  it('builds a Map when any key is not a string', () => {
    expect(fromEntries([['a', 1], [2, 'b']])).toEqual(new Map<unknown, unknown>([['a', 1], [2, 'b']]));
  });
});
