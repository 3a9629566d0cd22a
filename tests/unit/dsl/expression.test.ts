import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateExpression,
  evaluateTemplate,
  expressionNames,
  ExpressionError,
  HELPER_DESCRIPTIONS,
  isTruthy,
  showValue,
  templateNames,
  type DslValue,
  type Scope,
} from '../../../src/dsl/expression';

/** A scope over a plain record of values. */
function scopeOf(values: Record<string, DslValue>): Scope {
  const map = new Map(Object.entries(values));
  return { get: (name) => map.get(name) };
}

const scope = scopeOf({
  n: 5,
  a: true,
  b: false,
  c: 'see',
  name: 'Ada',
  items: [1, 2, 3],
  user: { name: 'Grace', tags: ['navy', 'cobol'], address: { city: 'Arlington' }, nothing: null },
  lookup: new Map<DslValue, DslValue>([['k', 'v'], [1, 'one']]),
  members: new Set<DslValue>([1, 'two']),
  bytes: new Uint8Array([7, 8]),
  big: 12345678901234567890n,
  when: new Date('2024-05-06T07:08:09.000Z'),
  empty: '',
});

const run = (source: string): DslValue => evaluateExpression(source, scope);
const fails = (source: string, message: RegExp) => {
  expect(() => run(source)).toThrow(ExpressionError);
  expect(() => run(source)).toThrow(message);
};

describe('evaluateTemplate', () => {
  it('gives the typed value of a lone ${…}', () => {
    expect(evaluateTemplate('${n + 1}', scope)).toBe(6);
    expect(evaluateTemplate('${n > 3}', scope)).toBe(true);
    expect(evaluateTemplate('${[1, 2, 3]}', scope)).toEqual([1, 2, 3]);
    expect(evaluateTemplate('${ {a: 1, b: [n]} }', scope)).toEqual({ a: 1, b: [5] });
    expect(evaluateTemplate('${ {a: 1}.a }', scope)).toBe(1);
    expect(evaluateTemplate('${user.nothing}', scope)).toBeNull();
  });

  it('interpolates values into mixed text', () => {
    expect(evaluateTemplate('n is ${n}, doubled ${n * 2}!', scope)).toBe('n is 5, doubled 10!');
    expect(evaluateTemplate(' ${n}', scope)).toBe(' 5');
    expect(evaluateTemplate('${items} and ${user.address}', scope)).toBe('[1,2,3] and {"city":"Arlington"}');
    expect(evaluateTemplate('${name}${c}', scope)).toBe('Adasee');
    expect(evaluateTemplate('at ${when}: ${user.nothing}', scope)).toBe('at 2024-05-06T07:08:09.000Z: null');
  });

  it('leaves text without ${ as it is', () => {
    expect(evaluateTemplate('plain $ text {n} $n', scope)).toBe('plain $ text {n} $n');
    expect(evaluateTemplate('', scope)).toBe('');
  });

  it('reads a } inside a string or object literal as part of the expression', () => {
    expect(evaluateTemplate('${"}"}', scope)).toBe('}');
    expect(evaluateTemplate('<${`a${n}b`}>', scope)).toBe('<a5b>');
    expect(evaluateTemplate('${ {x: {y: 2}}.x.y } ok', scope)).toBe('2 ok');
  });

  it('reports a ${ never closed, an empty ${} and a bad expression', () => {
    expect(() => evaluateTemplate('total: ${n + 1', scope)).toThrow(/the `\$\{` at column 8 is never closed/);
    expect(() => evaluateTemplate('${"abc', scope)).toThrow(/never closed/);
    expect(() => evaluateTemplate('${n} and ${', scope)).toThrow(/column 10 is never closed/);
    expect(() => evaluateTemplate('x ${ } y', scope)).toThrow(/the `\$\{\}` at column 3 is empty/);
    expect(() => evaluateTemplate('${n <}', scope)).toThrow('unexpected token at column 4 of `n <`');
    expect(() => evaluateTemplate('${n b}', scope)).toThrow('unexpected token at column 3 of `n b`');
    expect(() => evaluateTemplate('${missing}', scope)).toThrow(ExpressionError);
  });
});

describe('evaluateExpression: operators', () => {
  it('follows JavaScript precedence and associativity', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('2 ** 3 ** 2')).toBe(512);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('!a && b || c')).toBe('see');
    expect(run('!a && (b || c)')).toBe(false);
    expect(run('n > 3 ? n > 4 ? "big" : "mid" : "small"')).toBe('big');
    expect(run('n > 9 ? "big" : n > 4 ? "mid" : "small"')).toBe('mid');
    expect(run('-n + +"2"')).toBe(-3);
    expect(run('7 % 3 + 7 / 2')).toBe(4.5);
  });

  it('compares numbers, strings and dates, and tests equality', () => {
    expect(run('n < 10 && n <= 5 && n > 4 && n >= 5')).toBe(true);
    expect(run('"apple" < "banana"')).toBe(true);
    expect(run('"10" < 9')).toBe(false);
    expect(run('when > 0')).toBe(true);
    expect(run('big > 1')).toBe(true);
    expect(run('n === 5 && n !== "5" && n == "5" && !(n != 5)')).toBe(true);
    expect(run('null == undefined && null === undefined')).toBe(true);
    expect(run('0 == null')).toBe(false);
    expect(run('items === [1, 2, 3] && user.address == {city: "Arlington"}')).toBe(true);
    expect(run('items !== [1, 2]')).toBe(true);
    expect(() => run('items < 2')).toThrow(/< cannot compare an array/);
  });

  it('concatenates strings the JavaScript way, and shows arrays and objects as JSON', () => {
    expect(run('"n=" + n')).toBe('n=5');
    expect(run('1 + 2 + "3"')).toBe('33');
    expect(run('"3" + 1 + 2')).toBe('312');
    expect(run('name + " " + null + " " + true')).toBe('Ada null true');
    expect(run('"items: " + items')).toBe('items: [1,2,3]');
    expect(run('"big: " + big')).toBe('big: 12345678901234567890');
    expect(() => run('items + 1')).toThrow(/\+ cannot use an array/);
  });

  it('keeps bigint arithmetic in bigints and refuses to mix it with numbers', () => {
    expect(run('big + 10n')).toBe(12345678901234567900n);
    expect(run('2n ** 64n')).toBe(2n ** 64n);
    expect(() => run('big + 1')).toThrow(/cannot mix a bigint and a number/);
    expect(() => run('1n / 0n')).toThrow(/division of a bigint by zero/);
    expect(() => run('10n ** 100000000n')).toThrow(/more than 10000000 bits/);
  });

  it('short-circuits && || ?? and gives typeof', () => {
    expect(run('b && missing')).toBe(false);
    expect(run('a || missing')).toBe(true);
    expect(run('user.nothing ?? "default"')).toBe('default');
    expect(run('0 ?? 1')).toBe(0);
    expect(run('n ?? missing')).toBe(5);
    expect(run('typeof n + typeof c + typeof items + typeof user.nothing + typeof big')).toBe('numberstringobjectobjectbigint');
    expect(run('typeof missing')).toBe('undefined');
    expect(run('typeof undefined')).toBe('undefined');
  });

  it('reads literals and template literals', () => {
    expect(run('[true, false, null, undefined, 1.5e3, "s", \'t\', 0x10]')).toEqual([true, false, null, null, 1500, 's', 't', 16]);
    expect(run('`${name} has ${len(items)} items`')).toBe('Ada has 3 items');
    expect(run('[...items, ...members, ..."ab"]')).toEqual([1, 2, 3, 1, 'two', 'a', 'b']);
    expect(run('{...user.address, zip: 1, ["k" + n]: 2, "q": 3, 4: 4}')).toEqual({ city: 'Arlington', zip: 1, k5: 2, q: 3, 4: 4 });
    expect(run('{name}')).toEqual({ name: 'Ada' });
  });
});

describe('evaluateExpression: member access', () => {
  it('reads nested properties and indices', () => {
    expect(run('user.tags[1]')).toBe('cobol');
    expect(run('user["address"].city')).toBe('Arlington');
    expect(run('user.tags[user.tags.length - 1].length')).toBe(5);
    expect(run('items["0"] + items[2]')).toBe(4);
    expect(run('name[0] + name.length')).toBe('A3');
    expect(run('lookup.k + lookup["k"] + lookup[1]')).toBe('vvone');
    expect(run('bytes[1] + bytes.length')).toBe(10);
  });

  it('gives null for a missing property or index', () => {
    expect(run('user.age')).toBeNull();
    expect(run('items[7]')).toBeNull();
    expect(run('items[-1]')).toBeNull();
    expect(run('name[10]')).toBeNull();
    expect(run('lookup.missing')).toBeNull();
    expect(run('n.x')).toBeNull();
    expect(run('user.hasOwnProperty')).toBeNull();
    expect(run('user.toString')).toBeNull();
  });

  it('reads only own properties of an object from the scope', () => {
    const inherited: Record<string, DslValue> = Object.create({ secret: 'from the prototype' }) as Record<string, DslValue>;
    expect(evaluateExpression('o.secret', scopeOf({ o: inherited }))).toBeNull();
  });

  it('stops an optional chain at null, and names a non-optional read of null', () => {
    expect(run('user.nothing?.deep.deeper')).toBeNull();
    expect(run('user.nothing?.trim()')).toBeNull();
    expect(run('user?.address?.city')).toBe('Arlington');
    expect(() => run('user.nothing.deep')).toThrow('cannot read deep of null in `user.nothing.deep` (use ?. to allow null)');
  });
});

describe('evaluateExpression: methods', () => {
  it('calls the string methods', () => {
    expect(run('c.toUpperCase() + name.toLowerCase() + "  x ".trim()')).toBe('SEEadax');
    expect(run('[name.includes("d"), name.startsWith("A"), name.endsWith("a"), name.includes("z")]')).toEqual([true, true, true, false]);
    expect(run('"a,b,c".split(",")')).toEqual(['a', 'b', 'c']);
    expect(run('"a,b,c".split(",", 2)')).toEqual(['a', 'b']);
    expect(run('name.slice(1) + name.slice(-1) + name.slice(0, 2)')).toBe('daaAd');
    expect(run('"a-b-c".replace("-", "+")')).toBe('a+b-c');
    expect(run('"a-b".replace("-", "[$&]")')).toBe('a[-]b');
    expect(run('"7".padStart(3, "0") + "7".padEnd(3, ".")')).toBe('0077..');
    expect(run('name.indexOf("a") + name.indexOf("q")')).toBe(1);
    expect(run('"ab".repeat(3)')).toBe('ababab');
  });

  it('calls the array methods', () => {
    expect(run('[items.includes(2), items.includes(9), [[1]].includes([1]), [0 / 0].includes(0 / 0)]')).toEqual([true, false, true, true]);
    expect(run('items.indexOf(3)')).toBe(2);
    expect(run('items.join("-") + items.join()')).toBe('1-2-31,2,3');
    expect(run('items.slice(1)')).toEqual([2, 3]);
    expect(run('items.concat([4], 5)')).toEqual([1, 2, 3, 4, 5]);
    expect(run('items.slice(0, 1).concat(user.tags).join(" ")')).toBe('1 navy cobol');
  });

  it('refuses other methods, wrong arguments and a method read without a call', () => {
    fails('name.at(0)', /has no method at/);
    fails('items.map(x)', /has no method map/);
    fails('items.push(4)', /has no method push/);
    fails('user.name.constructor', /property name constructor is not allowed/);
    fails('name.repeat("3")', /repeat needs a number as argument 1, not a string/);
    fails('name.trim(1)', /trim takes 0 arguments, not 1/);
    fails('name.toUpperCase', /toUpperCase is a method: call it/);
    fails('name.repeat(-1)', /whole number of 0 or more/);
  });
});

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

describe('evaluateExpression: errors', () => {
  it('reports syntax errors with their column', () => {
    fails('n <', /^unexpected token at column 4 of `n <`$/);
    fails('n +* 2', /unexpected token at column 4 of `n \+\* 2`/);
    fails('n 2', /unexpected token at column 3 of `n 2`/);
    fails('"open', /unterminated string constant at column 1/);
    fails('n +\n  * 2', /at line 2, column 3/);
    fails('   ', /the expression is empty/);
    expect(() => run('n + '.repeat(100))).toThrow(/of `(n \+ ){20}…`$/);
  });

  it('names a name that is not defined', () => {
    fails('missing + 1', /^missing is not defined$/);
    fails('user[missing]', /missing is not defined/);
  });

  it('refuses every construct outside the subset, naming it', () => {
    fails('new Date()', /`new` is not supported/);
    fails('n = 2', /assignment \(=\) is not supported/);
    fails('n += 2', /assignment \(\+=\) is not supported/);
    fails('n++', /\+\+ is not supported/);
    fails('this', /`this` is not supported/);
    fails('items.map(x => x * 2)', /has no method map/);
    fails('(x => x)', /arrow functions are not supported/);
    fails('(function () { return 1 })', /functions are not supported/);
    fails('(class {})', /classes are not supported/);
    fails('n, 2', /the comma operator is not supported/);
    fails('/ab+c/.test(c)', /regular expressions are not supported/);
    fails('String.raw`x`', /tagged templates are not supported/);
    fails('n in user', /the operator in is not supported/);
    fails('n | 1', /the operator \| is not supported/);
    fails('~n', /the operator ~ is not supported/);
    fails('void 0', /the operator void is not supported/);
    fails('delete user.name', /the operator delete is not supported/);
    fails('({ get x() { return 1 } })', /getters and setters are not supported/);
    fails('({ m() {} })', /methods, getters and setters are not supported/);
    fails('(0, len)(items)', /comma operator|can be called/);
    fails('(len)(items)', /only helpers \(by bare name\) and string or array methods can be called, not `\(len\)`/);
    fails('items[0](1)', /`items\[0\]\(\)`: an array has no method 0 that expressions may call; the methods of arrays are includes/);
    fails('user.name.at(0)', /a string has no method at that expressions may call; the methods of strings are toUpperCase/);
    fails('user.address.city.x()', /a string has no method x/);
    fails('n.toFixed(2)', /a number has no method toFixed/);
  });

  it('refuses the names that reach a prototype', () => {
    fails('user.__proto__', /the property name __proto__ is not allowed/);
    fails('user["__proto__"]', /__proto__ is not allowed/);
    fails('user["constr" + "uctor"]', /constructor is not allowed/);
    fails('items.prototype', /prototype is not allowed/);
    fails('({__proto__: {polluted: 1}})', /__proto__ is not allowed/);
    fails('({["__proto__"]: 1})', /__proto__ is not allowed/);
    fails('{...parse_json("{\\"__proto__\\": {\\"x\\": 1}}")}', /__proto__ is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses deep nesting and huge strings instead of overflowing', () => {
    fails(`${'('.repeat(300)}1${')'.repeat(300)}`, /nested deeper than 200 levels/);
    fails(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, /nested deeper than 200 levels/);
    fails(`${'!'.repeat(100_000)}a`, /nested deeper than 200 levels/);
    expect(run(`${'('.repeat(50)}1${')'.repeat(50)}`)).toBe(1);
    fails('"x".repeat(10000001)', /more than the limit of 10000000/);
    fails('"ab".repeat(6000000)', /more than the limit/);
    fails('"x".padStart(20000000)', /more than the limit/);
    fails('"x".repeat(9000000) + "y".repeat(9000000)', /more than the limit/);
    fails('join(range(1000000), "x".repeat(1000))', /more than the limit/);
    expect(() => evaluateTemplate('${"x".repeat(6000000)}${"y".repeat(6000000)}', scope)).toThrow(/more than the limit/);
    expect((run('"x".repeat(10000000)') as string).length).toBe(10_000_000);
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

describe('properties', () => {
  it('evaluates a + b * 2 as JavaScript does, for any integers', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        expect(evaluateExpression('a + b * 2', scopeOf({ a, b }))).toBe(a + b * 2);
      }),
    );
  });

  it('interpolates any string as itself', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(evaluateTemplate('x' + '${s}', scopeOf({ s }))).toBe('x' + s);
      }),
    );
  });

  it('never throws anything but an ExpressionError, whatever the text', () => {
    const pieces = fc.constantFrom('${', '}', '{', 'n', 'items', '.', '[', ']', '(', ')', '"', '`', '+', '?.', '??', ' ', 'len', 'x =>', '1', ',', ':', '__proto__', 'new');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        try {
          evaluateTemplate(parts.join(''), scope);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
