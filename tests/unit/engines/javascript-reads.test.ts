import { describe, expect, it } from 'vitest';
import { readsOf } from '../../../src/engines/javascript/reads';

describe('readsOf', () => {
  it('lists the free names a cell uses, not property names, keys or labels', () => {
    expect(readsOf('console.log(radius * Math.PI, point.x, { key: value }[other]);\nouter: for (;;) break outer;')).toEqual(['Math', 'console', 'other', 'point', 'radius', 'value']);
  });

  it("leaves out the names the cell declares at its top level with function, class, let or const", () => {
    const code = 'function timed(work) { return work(); }\nclass Box {}\nconst [first, { second, ...rest }] = pairs;\nlet total = first + limit;\nconsole.log(timed(() => new Box()), second, rest, total);';
    expect(readsOf(code)).toEqual(['console', 'limit', 'pairs', 'work']);
  });

  it('keeps names declared with var, which can read an earlier value, and names declared only inside a function', () => {
    expect(readsOf('var count = count + 1;\nfunction f() { const inner = 1; return inner; }\ninner;')).toEqual(['count', 'inner']);
  });

  it('reads nothing from code that does not parse', () => {
    expect(readsOf('const = ;')).toEqual([]);
  });
});
