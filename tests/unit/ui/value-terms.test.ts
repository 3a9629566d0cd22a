import { describe, expect, it } from 'vitest';
import type { NeutralValue } from '../../../src/engines/value';
import { cellText, keyText, leafText, summaryOf, termsLanguage } from '../../../src/ui/output/value-terms';

const leaves = (values: readonly NeutralValue[], language: 'python' | 'javascript') => values.map((value) => leafText(value, language));

describe('which terms a source is shown in', () => {
  it('gives Python its own, and JavaScript terms to JavaScript, VARIABLE blocks and cells without an engine language', () => {
    expect(termsLanguage('python')).toBe('python');
    expect(termsLanguage('javascript')).toBe('javascript');
    expect(termsLanguage('document')).toBe('javascript');
    expect(termsLanguage(null)).toBe('javascript');
  });
});

describe('Python terms', () => {
  it('sum containers up as Python names them', () => {
    const summaries: NeutralValue[] = [[], Array.from({ length: 150 }, (_, index) => index), { a: 1 }, { a: 1, b: 2 }, {}, new Map([[1, 'one'], [2, 'two']]), new Set([1, 2, 3]), new Set([1])];
    expect(summaries.map((value) => summaryOf(value, 'python'))).toEqual(['list[0]', 'list[150]', 'dict (1 key)', 'dict (2 keys)', 'dict (0 keys)', 'dict (2 keys)', 'set (3 items)', 'set (1 item)']);
  });

  it('write None, booleans, ints and BigInts as Python does', () => {
    expect(leaves([null, true, false, 0, 42, -7, 2 ** 53 - 1, 2n ** 64n, -(2n ** 70n)], 'python')).toEqual(['None', 'True', 'False', '0', '42', '-7', '9007199254740991', '18446744073709551616', '-1180591620717411303424']);
  });

  it('write floats as repr does: nan, inf, -0.0, and exponents with two digits outside 1e-4 to 1e16', () => {
    expect(leaves([Number.NaN, Infinity, -Infinity, -0, 2.5, 0.1, 0.0001, 0.00001, 1e-7, 1.5e300, 2 ** 53 + 2, 2 ** 60], 'python')).toEqual([
      'nan',
      'inf',
      '-inf',
      '-0.0',
      '2.5',
      '0.1',
      '0.0001',
      '1e-05',
      '1e-07',
      '1.5e+300',
      '9007199254740994.0',
      '1.152921504606847e+18',
    ]);
  });

  it("quote text as repr does: single quotes unless only single quotes are inside, unprintable characters escaped", () => {
    expect(leaves(['text', "it's", `say "hi" it's`, 'a\nb\t\\', '\x00\x7f\xad\u2028 \u00a0é😀', ''], 'python')).toEqual([
      "'text'",
      `"it's"`,
      `'say "hi" it\\'s'`,
      "'a\\nb\\t\\\\'",
      "'\\x00\\x7f\\xad\\u2028 \\xa0é😀'",
      "''",
    ]);
  });

  it('write bytes as a b-string, typed arrays as array.array with their type code, dates as UTC datetimes', () => {
    expect(leafText(new Uint8Array([104, 105, 0, 255, 39]), 'python')).toBe(`bytes[5] b"hi\\x00\\xff'"`);
    expect(leafText(new Uint8Array(40).fill(97), 'python')).toBe(`bytes[40] b'${'a'.repeat(32)}'…`);
    expect(leafText(new Float64Array([1, 2.5, Number.NaN]), 'python')).toBe("array('d')[3] [1.0, 2.5, nan]");
    expect(leafText(new Int32Array(1000), 'python')).toBe("array('i')[1000] [0, 0, 0, 0, 0, 0, 0, 0, …]");
    expect(leafText(new BigInt64Array([-5n]), 'python')).toBe("array('q')[1] [-5]");
    expect(leafText(new Uint8ClampedArray(2), 'python')).toBe("array('B')[2] [0, 0]");
    expect(leafText(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), 'python')).toBe('datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)');
    expect(leafText(new Date(Date.UTC(2024, 0, 2)), 'python')).toBe('datetime(2024, 1, 2, 0, 0, tzinfo=timezone.utc)');
    expect(leafText(new Date(Date.UTC(2024, 0, 2, 3, 4, 0, 123)), 'python')).toBe('datetime(2024, 1, 2, 3, 4, 0, 123000, tzinfo=timezone.utc)');
  });

  it('label dict keys that are not text by their repr, tuples included', () => {
    expect([keyText(1, 'python'), keyText('1', 'python'), keyText([1, 2], 'python'), keyText(['a'], 'python'), keyText(null, 'python')]).toEqual(['1', "'1'", '(1, 2)', "('a',)", 'None']);
  });

  it('write table cells as reprs, and text as itself', () => {
    expect(cellText('plain', 'python')).toBe('plain');
    expect(cellText(undefined, 'python')).toBe('');
    expect(cellText(false, 'python')).toBe('False');
    expect(cellText({ a: [true, null], b: new Set([1, 2]) }, 'python')).toBe("{'a': [True, None], 'b': {1, 2}}");
    expect(cellText(new Map<NeutralValue, NeutralValue>([[[1, 2], 'x'], [3, null]]), 'python')).toBe("{(1, 2): 'x', 3: None}");
    expect(cellText([new Set(), new Float64Array([1, 2.5]), new Uint8Array([1]), 2n ** 64n], 'python')).toBe("[set(), array('d', [1.0, 2.5]), b'\\x01', 18446744073709551616]");
    expect(cellText(Array.from({ length: 150 }, () => 0), 'python')).toBe(`[${Array<string>(100).fill('0').join(', ')}, …]`);
  });

  it('stop a repr at eight levels rather than follow a deep value all the way', () => {
    let deep: NeutralValue = 1;
    for (let level = 0; level < 20; level++) deep = [deep];
    expect(cellText(deep, 'python')).toBe(`${'['.repeat(8)}…${']'.repeat(8)}`);
  });
});

describe('JavaScript terms', () => {
  it('sum containers up as the devtools console does', () => {
    const summaries: NeutralValue[] = [[1, 2], Array.from({ length: 150 }, () => 0), { a: 1 }, { a: 1, b: 2 }, new Map(), new Set([1, 2, 3])];
    expect(summaries.map((value) => summaryOf(value, 'javascript'))).toEqual(['Array(2)', 'Array(150)', 'Object {1 key}', 'Object {2 keys}', 'Map(0)', 'Set(3)']);
  });

  it('write leaves as JavaScript does', () => {
    expect(leaves([null, true, false, -0, Number.NaN, Infinity, 2.5, 2n ** 64n, 'a"b', new Date(0)], 'javascript')).toEqual([
      'null',
      'true',
      'false',
      '-0',
      'NaN',
      'Infinity',
      '2.5',
      '18446744073709551616n',
      '"a\\"b"',
      '1970-01-01T00:00:00.000Z',
    ]);
    expect(leafText(new Uint8Array(16), 'javascript')).toBe('Uint8Array(16) [0, 0, 0, 0, 0, 0, 0, 0, …]');
    expect(leafText(new Int32Array([1, 2]), 'javascript')).toBe('Int32Array(2) [1, 2]');
    expect(leafText(new BigInt64Array([3n]), 'javascript')).toBe('BigInt64Array(1) [3n]');
  });

  it('label Map keys as leaves, and write table cells as JSON', () => {
    expect([keyText('a', 'javascript'), keyText(1, 'javascript'), keyText([1], 'javascript')]).toEqual(['"a"', '1', 'Array(1)']);
    expect([cellText('plain', 'javascript'), cellText(undefined, 'javascript'), cellText({ a: [1, 2n] }, 'javascript'), cellText(2.5, 'javascript'), cellText(null, 'javascript')]).toEqual(['plain', '', '{"a":[1,"2"]}', '2.5', 'null']);
    expect(cellText(new Set([1]), 'javascript')).toBe('Set(1)');
  });
});
