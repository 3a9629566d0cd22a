import { describe, expect, it } from 'vitest';
import { readsOf } from '../../../src/engines/javascript/reads';

describe('readsOf', () => {
  it('lists the free names a cell uses, not property names, keys or labels', () => {
    expect(readsOf('console.log(radius * Math.PI, point.x, { key: value }[other]);\nouter: for (;;) break outer;')).toEqual(['Math', 'console', 'other', 'point', 'radius', 'value']);
  });

  it('leaves out the names the cell declares at its top level with function, class, let or const', () => {
    const code = 'function timed(work) { return work(); }\nclass Box {}\nconst [first, { second, ...rest }] = pairs;\nlet total = first + limit;\nconsole.log(timed(() => new Box()), second, rest, total);';
    expect(readsOf(code)).toEqual(['console', 'limit', 'pairs']);
  });

  it('keeps names declared with var that a use may find unassigned, and names declared only inside a function', () => {
    expect(readsOf('var count = count + 1;\nfunction f() { const inner = 1; return inner; }\ninner;')).toEqual(['count', 'inner']);
  });

  it('reads nothing from code that does not parse', () => {
    expect(readsOf('const = ;')).toEqual([]);
  });

  describe('block scopes', () => {
    it('does not read let, const, class and function declared in a block, but reads the same names outside it', () => {
      expect(readsOf('{ let a = 1; const b = 2; class K {} function h() {} use(a, b, new K(), h); }\na;')).toEqual(['a', 'use']);
    });

    it('does not read a for-let counter or a for-of const', () => {
      expect(readsOf('for (let i = 0; i < n; i++) total(i);\nfor (const item of items) show(item);')).toEqual(['items', 'n', 'show', 'total']);
    });

    it('does not read a let declared in a switch case', () => {
      expect(readsOf('switch (mode) { case 1: let picked = 2; use(picked); }')).toEqual(['mode', 'use']);
    });
  });

  describe('functions', () => {
    it('does not read parameters, destructured or rest', () => {
      expect(readsOf('function f(a, { b, c: [d] }, ...rest) { return a + b + d + rest.length; }')).toEqual([]);
    });

    it('reads what parameter defaults use from outside, not earlier parameters', () => {
      expect(readsOf('function g(x = base, y = x) { return y; }')).toEqual(['base']);
    });

    it('does not read arrow parameters, but reads the arrow’s free names', () => {
      expect(readsOf('const square = (v) => v * v * k;')).toEqual(['k']);
    });

    it('does not read locals, hoisted var or function declarations inside a function', () => {
      expect(readsOf('function f() { if (c) { var later = 1; } helper(); return later; function helper() { let local = 1; return local; } }')).toEqual(['c']);
    });

    it('binds arguments in a function, not in an arrow', () => {
      expect(readsOf('function f() { return arguments.length; }')).toEqual([]);
      expect(readsOf('const g = () => arguments;')).toEqual(['arguments']);
    });

    it('does not read a function expression’s own name inside it', () => {
      expect(readsOf('const fact = function self(n) { return n < 2 ? 1 : n * self(n - 1); };')).toEqual([]);
    });

    it('reads a global a hoisted function uses, even when the cell assigns it later', () => {
      expect(readsOf('function show() { return data; }\ndata = [1];\nshow();')).toEqual(['data']);
    });

    it('does not read a global the cell assigned before an arrow that uses it', () => {
      expect(readsOf('data = [1];\nconst show = () => data;')).toEqual([]);
    });
  });

  describe('destructuring', () => {
    it('does not read the names a top-level destructuring declares', () => {
      expect(readsOf('const { a, b: [c, ...d], ...e } = source;\nconsole.log(a, c, d, e);')).toEqual(['console', 'source']);
    });

    it('reads the right side of a destructuring assignment first, then binds its targets', () => {
      expect(readsOf('[x, y] = [y, x];')).toEqual(['x', 'y']);
      expect(readsOf('({ p, q: [r] } = obj);\np + r;')).toEqual(['obj']);
    });

    it('reads computed keys and the objects of member targets in a pattern', () => {
      expect(readsOf('({ [key]: target.slot } = obj);')).toEqual(['key', 'obj', 'target']);
    });
  });

  describe('catch bindings', () => {
    it('does not read a catch parameter', () => {
      expect(readsOf('try { risky(); } catch (err) { log(err); }')).toEqual(['log', 'risky']);
    });

    it('does not read a destructured catch parameter, but reads the name outside the clause', () => {
      expect(readsOf('try { risky(); } catch ({ message }) { log(message); }\nmessage;')).toEqual(['log', 'message', 'risky']);
    });
  });

  describe('labels, keys and member names', () => {
    it('does not read labels of statements, break or continue', () => {
      expect(readsOf('outer: for (const row of rows) { inner: for (;;) { if (row) continue outer; break inner; } }')).toEqual(['rows']);
    });

    it('does not read class member names, but reads computed keys and field initialisers', () => {
      expect(readsOf('class K { size = start; #hidden = 1; method() { return this.#hidden; } static [key] = 2; get area() { return 0; } }')).toEqual(['key', 'start']);
    });

    it('reads a shorthand property as the variable it names', () => {
      expect(readsOf('const point = { x, y: 2 };')).toEqual(['x']);
    });
  });

  describe('classes', () => {
    it('does not read a class’s own name inside its methods', () => {
      expect(readsOf('class Shape { clone() { return new Shape(); } }')).toEqual([]);
    });

    it('binds a class expression’s name inside the class only', () => {
      expect(readsOf('const A = class Inner { make() { return new Inner(); } };\nInner;')).toEqual(['Inner']);
    });

    it('reads the class a declaration extends', () => {
      expect(readsOf('class Square extends Base { static { let made = 0; made++; } }')).toEqual(['Base']);
    });
  });

  describe('uses and assignments', () => {
    it('reads the operand of typeof', () => {
      expect(readsOf("if (typeof maybe === 'undefined') {}")).toEqual(['maybe']);
    });

    it('does not read the target of a plain assignment, nor the name after it', () => {
      expect(readsOf('x = 1;\nconsole.log(x);')).toEqual(['console']);
    });

    it('reads the target of a compound assignment, a logical assignment and an update', () => {
      expect(readsOf('x += 1;')).toEqual(['x']);
      expect(readsOf('y ??= 1;')).toEqual(['y']);
      expect(readsOf('z++;')).toEqual(['z']);
    });

    it('reads the object of a member assignment', () => {
      expect(readsOf('obj.p = 1;\nlist[index] = 2;')).toEqual(['index', 'list', 'obj']);
    });

    it('does not read an import binding', () => {
      expect(readsOf("import { a as b } from 'm';\nimport def from 'n';\nimport * as ns from 'o';\nb(def, ns);")).toEqual([]);
    });

    it('does not read a top-level var after the cell assigns it, but does when it is unassigned or declared without a value', () => {
      expect(readsOf('var n = 1;\nn;')).toEqual([]);
      expect(readsOf('var m;\nm;')).toEqual(['m']);
    });

    it('takes as assigned only what both branches of an if assign', () => {
      expect(readsOf('if (c) var z = 1;\nz;')).toEqual(['c', 'z']);
      expect(readsOf('if (c) w = 1; else w = 2;\nw;')).toEqual(['c']);
    });

    it('does not take the right of && as certain to run', () => {
      expect(readsOf('a && (v = 1);\nv;')).toEqual(['a', 'v']);
    });

    it('does not take a loop body as certain to run', () => {
      expect(readsOf('while (more()) u = 1;\nu;')).toEqual(['more', 'u']);
    });
  });
});
