import { readFileSync } from 'node:fs';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';

// One real Pyodide for the whole file: it takes seconds to start.
let py: PyodideAPI;

beforeAll(async () => {
  py = await loadPyodide();
  py.runPython(readFileSync(new URL('../../../src/engines/python/in_place.py', import.meta.url), 'utf8'));
}, 120_000);

/**
 * The names `may_change` gives for the code. The arguments go in as a JSON text in a Python string
 * literal (a JSON string literal is also a Python one) and the answer comes back as JSON, so that
 * both cross as plain strings.
 */
function changed(code: string, ...names: string[]): string[] {
  const request = JSON.stringify(JSON.stringify({ code, names }));
  const text: unknown = py.runPython(`import json\nrequest = json.loads(${request})\njson.dumps(may_change(request["code"], request["names"]))`);
  const result: unknown = typeof text === 'string' ? JSON.parse(text) : null;
  if (!Array.isArray(result) || !result.every((name) => typeof name === 'string')) throw new Error(`may_change gave ${String(text)}`);
  return result;
}

const lines = (...code: string[]): string => code.join('\n');

describe('may_change', () => {
  describe('the product’s cases', () => {
    it('finds an appended list, an assigned element and an assigned key', () => {
      expect(changed('people.append({"name": "Grace"})', 'people')).toEqual(['people']);
      expect(changed('people[0]["born"] = 1815', 'people')).toEqual(['people']);
      expect(changed('settings["width"] = 640', 'settings', 'people')).toEqual(['settings']);
    });

    it('finds nothing changed by sums, lengths and a comprehension that reads the elements', () => {
      expect(changed(lines('sum(numbers)', 'len(xs) + len(d)', '[(p["name"], p["born"]) for p in people]'), 'numbers', 'xs', 'd', 'people')).toEqual([]);
    });
  });

  describe('safe uses', () => {
    it('allows comparisons, arithmetic kept nowhere, tests, in, isinstance and f-strings', () => {
      expect(changed(lines('if a > 1 and not b:', '    f"{c!r}"', '"k" in d', 'e in other', 'isinstance(f, list)', 'g * 2'), 'a', 'b', 'c', 'd', 'e', 'f', 'g')).toEqual([]);
    });

    it('allows builtins that only read, and sorted or list of it when the copy is not kept', () => {
      expect(changed('print(a); str(b); repr(c); sorted(d); list(e); max(f); any(g); json.dumps(h)', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h')).toEqual([]);
    });

    it('allows reads of elements and keys, and allowed methods', () => {
      expect(changed('a[0]["name"]; b.get("k"); c.keys(); list(d.items()); e.count(1) + e.index(2); f.copy()', 'a', 'b', 'c', 'd', 'e', 'f')).toEqual([]);
    });

    it('allows a for loop whose element is only read, and a generator given to sum', () => {
      expect(changed(lines('for p in people:', '    print(p["name"])', 'total = sum(r["n"] for r in rows)'), 'people', 'rows')).toEqual([]);
    });

    it('takes rebinding or deleting the name itself, and using it as a key, as no change', () => {
      expect(changed(lines('a = [1]', 'del b', 'other[c]', 'def f(d):', '    return 1'), 'a', 'b', 'c', 'd')).toEqual([]);
    });

    it('returns the names in the order given', () => {
      expect(changed('b.append(1); a.append(1)', 'a', 'b', 'c')).toEqual(['a', 'b']);
    });
  });

  describe('uses that might change', () => {
    it('sees assignment, augmented assignment and del of anything rooted at the value', () => {
      expect(changed(lines('a[0] = 1', 'b.x += 1', 'del c[0]', 'd += [1]', 'e[0].f, g = 1, 2'), 'a', 'b', 'c', 'd', 'e', 'g')).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('sees methods outside the allow-list, also on parts of the value, and lambdas given to allowed ones', () => {
      expect(changed('a.append(1); b[0].update({}); c.sort(); d.get("k", lambda: 0)', 'a', 'b', 'c', 'd')).toEqual(['a', 'b', 'c', 'd']);
    });

    it('sees a keyword argument that may be a function given the parts of the value', () => {
      expect(changed('sorted(a, key=f); max(b, key=lambda p: p["born"]); json.dumps(c, default=str); sorted(d, reverse=True); json.dumps(e, indent=2)', 'a', 'b', 'c', 'd', 'e')).toEqual(['a', 'b', 'c']);
    });

    it('sees the value passed to an unknown function', () => {
      expect(changed('touch(a); obj.update(b[0]); map(f, c); sum(d, [])', 'a', 'b', 'c', 'd')).toEqual(['a', 'b', 'c', 'd']);
    });

    it('sees the value, or a copy holding its parts, stored, returned, yielded or raised', () => {
      const code = lines('y = a', 'obj.k = b', 'z = [c]', 'def f():', '    return d', '    yield e', 'w = sorted(g)', '(v := h)', 'raise k');
      expect(changed(code, 'a', 'b', 'c', 'd', 'e', 'g', 'h', 'k')).toEqual(['a', 'b', 'c', 'd', 'e', 'g', 'h', 'k']);
    });

    it('sees a loop element or comprehension element that is changed or kept', () => {
      expect(changed(lines('for p in people:', '    p["born"] = 1815', '[kept.append(q) for q in rows]'), 'people', 'rows')).toEqual(['people', 'rows']);
    });

    it('sees with, global and nonlocal, and uses inside functions and lambdas', () => {
      expect(changed(lines('with a:', '    pass', 'def f():', '    global b', '    c.append(1)', 'g = lambda: d.pop()'), 'a', 'b', 'c', 'd')).toEqual(['a', 'b', 'c', 'd']);
    });

    it('gives every name to code that uses exec, eval, globals, vars or locals, or imports __main__', () => {
      for (const code of ['exec("xs.append(1)")', 'eval("1")', 'globals()["xs"]', 'vars()', 'locals()', 'import __main__']) {
        expect(changed(code, 'xs', 'ys')).toEqual(['xs', 'ys']);
      }
    });

    it('gives every name to code that does not parse, and parses top-level await', () => {
      expect(changed('def (:', 'xs', 'ys')).toEqual(['xs', 'ys']);
      expect(changed('await thing()\nlen(xs)\nys.append(1)', 'xs', 'ys')).toEqual(['ys']);
    });
  });
});
