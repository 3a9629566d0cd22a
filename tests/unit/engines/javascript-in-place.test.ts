import { describe, expect, it } from 'vitest';
import { mayChangeInPlace } from '../../../src/engines/javascript/in-place';

const changed = (code: string, ...names: string[]): string[] => mayChangeInPlace(code, names);

describe('mayChangeInPlace', () => {
  describe('the product’s cases', () => {
    it('finds nothing changed by a cell that only measures and shows its values', () => {
      expect(changed('const n = xs.length + Object.keys(d).length; [n, xs[0]]', 'xs', 'd')).toEqual([]);
    });

    it('finds a value pushed to and one whose element is assigned', () => {
      expect(changed('people.push({name: "Grace"}); people[0].born = 1815;', 'people', 'other')).toEqual(['people']);
    });
  });

  describe('safe uses', () => {
    it('allows comparisons, arithmetic, tests, typeof, in and template interpolation', () => {
      expect(changed('if (a > 1 && !b) { `${c}`; typeof d; "k" in e; f + 1; }', 'a', 'b', 'c', 'd', 'e', 'f')).toEqual([]);
    });

    it('allows functions that only read', () => {
      expect(changed('console.log(a); JSON.stringify(b); Array.isArray(c); String(d); Math.max(...e); Object.entries(f);', 'a', 'b', 'c', 'd', 'e', 'f')).toEqual([]);
    });

    it('allows spreading into a new literal and Object.assign into a fresh object, when the copy is not kept', () => {
      expect(changed('[...a]; ({ ...b }); Object.assign({}, c); Array.from(d);', 'a', 'b', 'c', 'd')).toEqual([]);
    });

    it('allows reads of members and elements, and allowed methods without callbacks', () => {
      expect(changed('a[0].name; b["k"]; c.get("k"); d.indexOf(1) + d.includes(2); e.slice(1).join(","); f.has(1);', 'a', 'b', 'c', 'd', 'e', 'f')).toEqual([]);
    });

    it('allows a callback of an allowed method whose parameters are only read', () => {
      expect(changed('people.map((p) => p.name); people.filter(function (p) { return p.born > 1800; }); nums.reduce((s, n) => s + n, 0);', 'people', 'nums')).toEqual([]);
    });

    it('allows iterating with for…of when the element is only read, and for…in', () => {
      expect(changed('for (const p of people) console.log(p.name);\nfor (const k in d) k;\nlet s = 0; for (const n of nums) s += n;', 'people', 'd', 'nums')).toEqual([]);
    });

    it('takes rebinding the name itself, or using it as a computed key, as no change', () => {
      expect(changed('xs = [1]; let ys = 2; function f(zs) { return 1; } other[k];', 'xs', 'ys', 'zs', 'k')).toEqual([]);
    });

    it('returns the names in the order given', () => {
      expect(changed('b.push(1); a.push(1);', 'a', 'b', 'c')).toEqual(['a', 'b']);
    });
  });

  describe('uses that might change', () => {
    it('sees assignment, compound assignment, update and delete of anything rooted at the value', () => {
      expect(changed('a[0] = 1; b.x += 1; c[0]++; delete d.x; ({ k: e.k } = { k: 1 }); [f[0]] = [1];', 'a', 'b', 'c', 'd', 'e', 'f')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    });

    it('sees methods outside the allow-list, also on parts of the value', () => {
      expect(changed('a.push(1); b[0].sort(); c.x.splice(0, 1); d["pop"]();', 'a', 'b', 'c', 'd')).toEqual(['a', 'b', 'c', 'd']);
    });

    it('sees a callback that changes the elements, and a callback that is not a literal', () => {
      expect(changed('a.map((p) => (p.x = 1)); b.forEach(touch); c.includes(1, () => 0);', 'a', 'b', 'c')).toEqual(['a', 'b', 'c']);
    });

    it('sees functions that an allowed function or method calls with the parts of the value', () => {
      expect(changed('JSON.stringify(a, (k, v) => v); b.toSorted(compare); c.toSorted((x, y) => x.n - y.n); JSON.stringify(d, null, 2);', 'a', 'b', 'c', 'd')).toEqual(['a', 'b']);
    });

    it('sees the value passed to an unknown function or constructor', () => {
      expect(changed('touch(a); obj.update(b[0]); new Set(c); tag`${d}`;', 'a', 'b', 'c', 'd')).toEqual(['a', 'b', 'c', 'd']);
    });

    it('sees the value, or a copy holding its parts, stored, returned or thrown', () => {
      const code = 'const y = a; obj.k = b; let z = [c]; function f() { return d; } const w = e.slice(); throw g;';
      expect(changed(code, 'a', 'b', 'c', 'd', 'e', 'g')).toEqual(['a', 'b', 'c', 'd', 'e', 'g']);
    });

    it('sees a loop element that is changed or kept', () => {
      expect(changed('for (const p of people) p.born = 1815;\nfor (const q of rows) kept.push(q);', 'people', 'rows')).toEqual(['people', 'rows']);
    });

    it('sees a change through an optional chain', () => {
      expect(changed('xs?.[0].push(1); ys?.pop();', 'xs', 'ys')).toEqual(['xs', 'ys']);
    });

    it('sees a use inside a nested function', () => {
      expect(changed('function later() { xs.push(1); }', 'xs')).toEqual(['xs']);
    });

    it('gives every name to code that uses eval, Function, globalThis, with, or this at top level', () => {
      for (const code of ['eval("xs.push(1)")', 'new Function("return 1")', 'globalThis["xs"].push(1)', 'this.xs.push(1)', 'with (o) { k; }']) {
        expect(changed(code, 'xs', 'ys')).toEqual(['xs', 'ys']);
      }
    });

    it('does not count this inside a function as the global object', () => {
      expect(changed('function F() { this.k = 1; } xs.length;', 'xs')).toEqual([]);
    });

    it('gives every name to code that does not parse', () => {
      expect(changed('const = ;', 'xs', 'ys')).toEqual(['xs', 'ys']);
    });

    it('parses top-level await as a module', () => {
      expect(changed('await Promise.resolve(1); xs.length; ys.push(1);', 'xs', 'ys')).toEqual(['ys']);
    });
  });
});
