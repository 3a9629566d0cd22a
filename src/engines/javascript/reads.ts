/**
 * The names a JavaScript cell reads from the shared (global) scope, found statically with acorn,
 * so that the playground can tell which cells a changed variable makes stale and which values to
 * inject. The rules:
 * - A use is a reference to a name in an expression: a load, `typeof x`, a shorthand property
 *   `{ x }`, a compound or logical assignment (`x += 1`, `x ??= 1`) or an update (`x++`). Property
 *   names after a dot, object and class keys (unless computed), labels and `import.meta` are not.
 * - A use counts when the name resolves past every enclosing scope: blocks (their `let`,
 *   `const`, `class` and `function` declarations, a `for (let …)` head, a `switch`'s cases),
 *   catch clauses (their parameter, destructured or not), functions and arrows (parameters with
 *   their defaults and destructuring, hoisted `var` and function declarations, `arguments` in
 *   non-arrow functions, a function expression's own name), class bodies (a class's own name)
 *   and static blocks.
 * - A name the cell declares at its top level with `function`, `class`, `let`, `const` or
 *   `import` is the cell's own: every use of it sees the cell's declaration (hoisted, or in its
 *   temporal dead zone), never an earlier value. The engine runs top-level `let`, `const` and
 *   `class` as global `var`s (see cell-rewrite.ts), so `let x = x + 1` would in fact see an
 *   earlier `x`; such code is an error in plain JavaScript, and this rule leaves it out.
 * - A top-level `var` and an undeclared assignment (`x = 1`) are the global's: its earlier value
 *   is visible until the cell assigns it. So a use counts unless the cell has certainly assigned
 *   the name before it, at top level, by straight-line code (`var count = count + 1` reads
 *   count; `var n = 1; n` does not). Certainty follows control flow: after an `if` or `?:`, only
 *   names both branches assign; nothing a loop body, a `switch` case, a labelled statement,
 *   the right of `&&`, `||` or `??`, an optional chain or a pattern default assigns; after
 *   `try`, what the block and the handler both assign, plus what `finally` assigns.
 * - A function may run whenever it is called, so its body is judged against what the cell had
 *   certainly assigned where it stands; a function declaration is hoisted, so against what was
 *   assigned when its scope began. Class members and field initialisers are judged where the
 *   class stands.
 * - Globals of the engine (`console`, `Math`, `display`, …) count like any other name: they are
 *   never in the store, so they mark nothing stale and inject nothing.
 */
import { parse, type Program } from 'acorn';
import { ReadsWalker } from './reads-walker';

const PARSE_OPTIONS = { ecmaVersion: 'latest', allowHashBang: true } as const;

/** The global names a cell reads, sorted; none when it does not parse. */
export function readsOf(source: string): string[] {
  const program = tryParse(source);
  if (!program) return [];
  const walker = new ReadsWalker(program);
  walker.statements(program.body);
  return [...walker.found].sort();
}

function tryParse(source: string): Program | null {
  for (const sourceType of ['script', 'module'] as const) {
    try {
      return parse(source, { ...PARSE_OPTIONS, sourceType, allowAwaitOutsideFunction: sourceType === 'module' });
    } catch {
      // try the next source type
    }
  }
  return null;
}
