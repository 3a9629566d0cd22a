import { describe, expect, it } from 'vitest';
import { expressionNames, HELPER_DESCRIPTIONS, isTruthy, showValue, templateNames, type DslValue } from '../../../src/dsl/expression';
import { fails, run } from './expression-scope';

describe('evaluateExpression: helpers', () => {
  it('calls each documented helper', () => {
    expect(run('[len("abc"), len(items), len(user), len(lookup), len(members), len(bytes)]')).toEqual([3, 3, 4, 2, 2, 2]);
    expect(run('str(items) + str(5) + str(null) + str(name)')).toBe('[1,2,3]5nullAda');
    expect(run('num("4.5") + num(true) + num(" 2 ")')).toBe(7.5);
    expect(run('int("-4.9") + int(4.9)')).toBe(0);
    expect(run('[round(2.5), round(1.005, 2), round(1234.5, -2), round(-1.5)]')).toEqual([3, 1.01, 1200, -1]);
    expect(run('[floor(1.7), ceil(1.2), abs(-3)]')).toEqual([1, 2, 3]);
    expect(run('[min(3, 1, 2), max(3, 1, 2), min(items), max(items)]')).toEqual([1, 3, 1, 3]);
    expect(run('[sum(items), sum([])]')).toEqual([6, 0]);
    expect(run('[range(3), range(2, 5), range(5, 2)]')).toEqual([[0, 1, 2], [2, 3, 4], []]);
    expect(run('[keys(user.address), keys(lookup), values(user.address), values(members), values(items)]')).toEqual([
      ['city'],
      ['k', 1],
      ['Arlington'],
      [1, 'two'],
      [1, 2, 3],
    ]);
    expect(run('upper(name) + lower(name) + trim("  x ")')).toBe('ADAadax');
    expect(run('join(items, "+") + join(["a", null])')).toBe('1+2+3a,null');
    expect(run('split("a b", " ")')).toEqual(['a', 'b']);
    expect(run('[contains(name, "da"), contains(items, 2), contains(members, "two"), contains(items, 9)]')).toEqual([true, true, true, false]);
    expect(run('json({a: [1, "x", null], when: when, big: big})')).toBe('{"a":[1,"x",null],"when":"2024-05-06T07:08:09.000Z","big":12345678901234567890}');
    expect(run('json(lookup) + json(members) + json("q")')).toBe('{"k":"v","1":"one"}[1,"two"]"q"');
    expect(run('parse_json("{\\"a\\": [1, true]}").a[1]')).toBe(true);
  });

  it('documents every helper it has, and no now()', () => {
    expect(Object.keys(HELPER_DESCRIPTIONS).sort()).toEqual(
      ['abs', 'ceil', 'contains', 'floor', 'int', 'join', 'json', 'keys', 'len', 'lower', 'max', 'min', 'num', 'parse_json', 'range', 'round', 'split', 'str', 'sum', 'trim', 'upper', 'values'].sort(),
    );
    for (const [name, description] of Object.entries(HELPER_DESCRIPTIONS)) expect(description.startsWith(`${name}(`)).toBe(true);
    fails('now()', /now is not a helper/);
  });

  it('refuses wrong arguments with a message naming the helper', () => {
    fails('num("x")', /cannot read "x" as a number/);
    fails('num("")', /cannot read "" as a number/);
    fails('num(items)', /cannot read an array as a number/);
    fails('len(5)', /len needs a string, an array, an object, a Map or a Set as argument 1, not a number/);
    fails('len()', /len takes 1 argument, not 0/);
    fails('floor("1")', /floor needs a number/);
    fails('min()', /min takes at least 1 argument/);
    fails('min([])', /min needs at least one number/);
    fails('sum(["a"])', /sum needs a number as argument 1/);
    fails('range(2000000)', /more than the limit of 1000000/);
    fails('range(1.5)', /whole numbers/);
    fails('keys(items)', /keys needs an object or a Map/);
    fails('contains(name, 1)', /needs a string/);
    fails('parse_json("{")', /parse_json: /);
    fails('round(1, 400)', /round takes from -100 to 100 digits/);
    expect(run('range(1000000).length')).toBe(1000000);
  });
});

describe('templateNames and expressionNames', () => {
  it('lists the free names in order of first appearance, without keys, helpers or duplicates', () => {
    expect(templateNames('${a.b + len(c)}')).toEqual(['a', 'c']);
    expect(templateNames('${x} and ${y + x} then ${z[w]}')).toEqual(['x', 'y', 'z', 'w']);
    expect(expressionNames('{k: v, [kk]: 1, s} ?? t.trim().u?.[q] ?? `${r}`')).toEqual(['v', 'kk', 's', 't', 'q', 'r']);
    expect(expressionNames('[...xs, !p, c ? d : e, typeof f, undefined, null, true]')).toEqual(['xs', 'p', 'c', 'd', 'e', 'f']);
  });

  it('gives [] for text without names or that does not parse', () => {
    expect(templateNames('no expressions')).toEqual([]);
    expect(templateNames('${1 + 2}')).toEqual([]);
    expect(templateNames('${a +')).toEqual([]);
    expect(templateNames('${a} ${b <}')).toEqual([]);
    expect(expressionNames('a +')).toEqual([]);
  });
});

describe('showValue', () => {
  it('shows each kind of value as it reads inside text', () => {
    expect(showValue('text')).toBe('text');
    expect(showValue(null)).toBe('null');
    expect(showValue(undefined)).toBe('null');
    expect(showValue(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(showValue(NaN)).toBe('NaN');
    expect(showValue(1e21)).toBe('1e+21');
    expect(showValue(false)).toBe('false');
    expect(showValue(2n ** 70n)).toBe('1180591620717411303424');
    expect(showValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(showValue([1, 'a', null, [NaN]])).toBe('[1,"a",null,[null]]');
    expect(showValue({ a: { b: 'c' } })).toBe('{"a":{"b":"c"}}');
    expect(showValue(new Map<DslValue, DslValue>([['x', 1], [2, new Set<DslValue>([3])]]))).toBe('{"x":1,"2":[3]}');
    expect(showValue(new Float64Array([1.5, 2]))).toBe('[1.5,2]');
  });
});

describe('isTruthy', () => {
  it('follows JavaScript truthiness', () => {
    for (const value of ['', 0, -0, NaN, null, false, 0n]) expect(isTruthy(value)).toBe(false);
    for (const value of ['0', 1, -1, true, 1n, [], {}, new Map(), new Date(0)]) expect(isTruthy(value)).toBe(true);
  });
});
