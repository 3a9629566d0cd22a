import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateExpression, evaluateTemplate, ExpressionError, type DslValue } from '../../../src/dsl/expression';
import { fails, run, scope, scopeOf } from './expression-scope';

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
