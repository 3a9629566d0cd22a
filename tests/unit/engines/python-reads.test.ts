import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PythonEngine } from '../../../src/engines/python-engine';

// One real Pyodide for the whole file: it takes seconds to start.
const engine = new PythonEngine();

beforeAll(async () => {
  await engine.init();
});

afterAll(async () => {
  await engine.dispose();
});

const lines = (...code: string[]): string => code.join('\n');

describe('the names a Python cell reads', () => {
  describe('comprehensions and generators', () => {
    it('does not read the target of a generator expression (the issue’s example)', async () => {
      expect(await engine.analyzeReads('sum(i * i for i in range(5))')).toEqual([]);
    });

    it('does not read the target of a list comprehension (the issue’s example)', async () => {
      expect(await engine.analyzeReads('[j for j in range(3)]')).toEqual([]);
    });

    it('does not read the targets of set and dict comprehensions, but reads what they iterate', async () => {
      expect(await engine.analyzeReads('{s for s in words}\n{k: v * factor for k, v in pairs.items()}')).toEqual(['factor', 'pairs', 'words']);
    });

    it('sees the targets of nested comprehensions in the inner ones', async () => {
      expect(await engine.analyzeReads('[[cell * row_no for cell in row] for row_no, row in enumerate(grid)]')).toEqual(['grid']);
    });

    it('evaluates the first iterable in the enclosing scope', async () => {
      expect(await engine.analyzeReads('[x for x in x]')).toEqual(['x']);
    });

    it('binds a walrus inside a comprehension in the enclosing scope, but not for certain', async () => {
      expect(await engine.analyzeReads('[last := n for n in numbers]\nprint(last)')).toEqual(['last', 'numbers']);
      expect(await engine.analyzeReads('def f():\n    [last := n for n in numbers]\n    return last')).toEqual(['numbers']);
    });
  });

  describe('functions and lambdas', () => {
    it('does not read lambda parameters, but reads its free names and defaults', async () => {
      expect(await engine.analyzeReads('f = lambda a, *rest, b=offset, **extra: a + b + scale')).toEqual(['offset', 'scale']);
    });

    it('does not read function parameters or locals', async () => {
      expect(await engine.analyzeReads(lines('def total(values, *more, start=0, **options):', '    acc = start', '    for v in values:', '        acc += v', '    return acc, more, options'))).toEqual([]);
    });

    it('reads parameter defaults and annotations, evaluated where the function is defined', async () => {
      expect(await engine.analyzeReads('def f(x: Kind = fallback) -> Result:\n    return x')).toEqual(['Kind', 'Result', 'fallback']);
    });

    it('reads a free global inside a function body, since the function may be called now', async () => {
      expect(await engine.analyzeReads('def area(r):\n    return r * r * PI_ISH')).toEqual(['PI_ISH']);
    });

    it('reads a global a function uses that the cell assigns only after the def', async () => {
      expect(await engine.analyzeReads('def show():\n    return data\ndata = [1]\nshow()')).toEqual(['data']);
    });

    it('does not read a global the cell assigned before the def, nor the function’s own name', async () => {
      expect(await engine.analyzeReads('data = [1]\ndef fact(n):\n    return data if n < 2 else n * fact(n - 1)')).toEqual([]);
    });

    it('resolves names of enclosing functions to them, not to the module', async () => {
      expect(await engine.analyzeReads('def outer():\n    n = 0\n    def inner():\n        return n + m\n    return inner')).toEqual(['m']);
    });

    it('takes a name a function augments without `global` as the function’s own', async () => {
      expect(await engine.analyzeReads('def f():\n    tally += 1')).toEqual([]);
    });

    it('reads decorators, and the free names of async functions', async () => {
      expect(await engine.analyzeReads('@cache\nasync def fetch_all(urls):\n    async with session() as s:\n        async for page in s.pages(urls):\n            yield page')).toEqual(['cache', 'session']);
    });

    it('reads nothing for a name a function assigns, even before the assignment', async () => {
      expect(await engine.analyzeReads('def f():\n    print(local)\n    local = 1')).toEqual([]);
    });
  });

  describe('class bodies', () => {
    it('does not read names the class body assigned before using them', async () => {
      expect(await engine.analyzeReads('class Box:\n    size = 3\n    doubled = size * 2')).toEqual([]);
    });

    it('reads a class-scope name used in a method, which does not see the class scope', async () => {
      expect(await engine.analyzeReads('class Box:\n    size = 3\n    def area(self):\n        return size * size')).toEqual(['size']);
    });

    it('reads a class-scope name inside a comprehension, except in its first iterable', async () => {
      expect(await engine.analyzeReads('class A:\n    items = [1]\n    copy = [i for i in items]\n    bad = [items for _ in range(1)]')).toEqual(['items']);
    });

    it('reads a name the class body uses before assigning it', async () => {
      expect(await engine.analyzeReads('class C:\n    limit = limit + 1')).toEqual(['limit']);
    });

    it('reads base classes and class keywords', async () => {
      expect(await engine.analyzeReads('class Square(Shape, metaclass=Meta):\n    pass')).toEqual(['Meta', 'Shape']);
    });

    it('lets methods use the class’s own name', async () => {
      expect(await engine.analyzeReads('class Node:\n    def copy(self):\n        return Node()')).toEqual([]);
    });
  });

  describe('global and nonlocal', () => {
    it('reads a name a function declares global and then reads', async () => {
      expect(await engine.analyzeReads('def current():\n    global count\n    return count')).toEqual(['count']);
    });

    it('reads a name a function declares global and augments', async () => {
      expect(await engine.analyzeReads('def bump():\n    global count\n    count += 1')).toEqual(['count']);
    });

    it('does not read a global the function itself assigned first', async () => {
      expect(await engine.analyzeReads('def reset():\n    global count\n    count = 0\n    return count')).toEqual([]);
    });

    it('resolves nonlocal names to the enclosing function', async () => {
      expect(await engine.analyzeReads('def counter():\n    n = 0\n    def step():\n        nonlocal n\n        n += 1\n        return n\n    return step')).toEqual([]);
    });
  });

  describe('del, augmented assignment and order at top level', () => {
    it('reads a name the cell deletes without having assigned it', async () => {
      expect(await engine.analyzeReads('del x')).toEqual(['x']);
    });

    it('reads a name again after the cell deleted its own', async () => {
      expect(await engine.analyzeReads('x = 1\ndel x\nprint(x)')).toEqual(['x']);
    });

    it('reads the target of an augmented assignment', async () => {
      expect(await engine.analyzeReads('x += 1')).toEqual(['x']);
    });

    it('reads a name used before the cell assigns it, but not after', async () => {
      expect(await engine.analyzeReads('print(y)\ny = 2\nprint(y)')).toEqual(['y']);
      expect(await engine.analyzeReads('y = 2\nprint(y)')).toEqual([]);
    });

    it('still reads a name assigned only inside an if, unless both branches assign it', async () => {
      expect(await engine.analyzeReads('if flag:\n    z = 1\nprint(z)')).toEqual(['flag', 'z']);
      expect(await engine.analyzeReads('if flag:\n    z = 1\nelse:\n    z = 2\nprint(z)')).toEqual(['flag']);
    });

    it('takes as assigned after try what the body and every handler assign, and what finally assigns', async () => {
      expect(await engine.analyzeReads('try:\n    v = load()\nexcept OSError:\n    v = None\nprint(v)')).toEqual(['load']);
      expect(await engine.analyzeReads('try:\n    v = load()\nexcept OSError:\n    pass\nprint(v)')).toEqual(['load', 'v']);
      expect(await engine.analyzeReads('try:\n    pass\nfinally:\n    done = True\nprint(done)')).toEqual([]);
    });

    it('does not take a loop body as certain to run', async () => {
      expect(await engine.analyzeReads('while more():\n    w = 1\nprint(w)')).toEqual(['more', 'w']);
    });

    it('reads the right side of an assignment before binding the target', async () => {
      expect(await engine.analyzeReads('total = total + step')).toEqual(['step', 'total']);
    });

    it('reads the objects of attribute and item assignments', async () => {
      expect(await engine.analyzeReads('obj.attr = value\nitems[index] = 3')).toEqual(['index', 'items', 'obj', 'value']);
    });
  });

  describe('other bindings', () => {
    it('binds a walrus at top level', async () => {
      expect(await engine.analyzeReads('if (n := len(items)) > 3:\n    pass\nprint(n)')).toEqual(['items']);
    });

    it('binds imports by their local names, but not a star import', async () => {
      expect(await engine.analyzeReads('import os.path\nimport json as j\nfrom math import pi\nprint(os, j, pi)')).toEqual([]);
      expect(await engine.analyzeReads('from math import *\nprint(tau)')).toEqual(['tau']);
    });

    it('binds a for target inside the loop only', async () => {
      expect(await engine.analyzeReads('for k in keys:\n    print(k)\nprint(k)')).toEqual(['k', 'keys']);
    });

    it('binds with … as, but not what the with body assigns', async () => {
      expect(await engine.analyzeReads('with open(path) as handle:\n    text = handle.read()\nprint(handle, text)')).toEqual(['path', 'text']);
    });

    it('binds except … as inside the handler only', async () => {
      expect(await engine.analyzeReads('try:\n    risky()\nexcept ValueError as err:\n    print(err)\nprint(err)')).toEqual(['err', 'risky']);
    });

    it('binds match captures, and reads class and value patterns', async () => {
      const code = lines('match command:', '    case [first, *rest]:', '        print(first, rest)', "    case {'k': v, **others}:", '        print(v, others)', '    case Point(x=px) as point:', '        print(px, point)', '    case Color.RED:', '        pass');
      expect(await engine.analyzeReads(code)).toEqual(['Color', 'Point', 'command']);
    });

    it('binds type parameters', async () => {
      expect(await engine.analyzeReads('def first[T](items: list[T]) -> T:\n    return items[0]\ntype Pair[K] = tuple[K, K]')).toEqual([]);
    });
  });

  it('leaves out builtins', async () => {
    expect(await engine.analyzeReads('print(len(items), range(3), sum([1]))')).toEqual(['items']);
  });

  it('parses top-level await', async () => {
    expect(await engine.analyzeReads('await asyncio.sleep(delay)')).toEqual(['asyncio', 'delay']);
  });

  it('reads nothing from code that does not parse', async () => {
    expect(await engine.analyzeReads('def f(:')).toEqual([]);
  });
});
