/**
 * Which of the values a JavaScript cell was given from another language its code might change in
 * place (`people.push(x)`, `people[0].born = 1815`), found statically with acorn. After a run the
 * engine checks such a value by converting it again, which costs a full conversion of a big value;
 * a name this finds certainly unchanged skips that check. Being wrong towards "might change" only
 * costs time, being wrong the other way loses a change, so anything not known safe might change.
 *
 * Every reference to a name counts, in any scope: a name rebound locally (a parameter, a `let`
 * inside a function) is still taken for the value. A binding of the name itself (`let N`, a
 * parameter `N`, `N = other`, `[N] = pair`) replaces it rather than changing it, so it is safe.
 * From a reference, an expression "holds" the value while it is the value or part of it; the use
 * is followed outwards through what holds it:
 * - Still holding (followed further): `N.k`, `N[i]`, `N?.k`, `a || N`, `c ? N : d`, `(a, N)`,
 *   `await N`, an array or object literal containing it (`[N]`, `{ k: N }`, `[...N]`, `{ ...N }`),
 *   the result of an allowed method that returns parts of it (ROOTED_METHODS: `N.slice()`,
 *   `N.map(f)`, `N.at(0)`, `N.get(k)`, …) and of `Array.from(N)`, `Object.values/entries(N)`,
 *   `Object.assign({…}, N)` (as a source into a fresh object literal).
 * - Safe (the use ends): an expression statement (the value is dropped, or shown as the cell's
 *   result); a comparison, arithmetic, `in`, `instanceof`, a unary operator other than `delete`,
 *   the right of a compound arithmetic assignment (`s += N`, yielding a number or a string),
 *   a template literal's interpolation, a computed key (`other[N]`), the test of `if`, `while`,
 *   `do`, `for`, `?:` and `switch`, a `for…in` over it; a call of an allowed method that returns
 *   something new and flat (TERMINAL_METHODS: `N.indexOf(x)`, `N.includes(x)`, `N.join()`,
 *   `N.has(k)`, …); passing it to a function that only reads (TERMINAL_FUNCTIONS: `console.*`,
 *   `JSON.stringify`, `Array.isArray`, `String`, `Number`, `Boolean`, `Object.keys`, `Math.*`,
 *   `structuredClone`, …; `JSON.stringify` only without a replacer function).
 * - Might change: an assignment, update or `delete` of anything holding it (`N[0] = 1`, `N.x++`);
 *   a method not in the allow-lists (`N.push()`, `N[0].sort()`); a function argument to an
 *   allowed method, except a function literal as the first argument of a callback method
 *   (CALLBACK_METHODS; any other first argument there might change), whose parameters then stand for the value and are checked by the same
 *   rules, its returned or arrow-body value holding it like the call's result; any other call with
 *   it as an argument or callee, `new`, a tagged template; storing it (`y = N`, `let y = N`,
 *   `obj.k = N`, a parameter default), returning, yielding or throwing it; anything else.
 * - `for (const x of N)`: the names `x` binds stand for N's parts and are checked by the same
 *   rules (a member expression target might change).
 * - Any `with` statement, any reference to `eval`, `Function`, `globalThis`, `window`, `self` or
 *   `global`, and `this` outside every non-arrow function (the global object) make every name
 *   might-change; so does code that does not parse.
 * A function the cell calls without naming the value may still change it; that is not seen.
 */
import { parse } from 'acorn';

/** An acorn node seen only through its type and fields, so one walker covers every kind. */
interface AstNode {
  readonly type: string;
  readonly [field: string]: unknown;
}

const PARSE_OPTIONS = { ecmaVersion: 'latest', allowHashBang: true } as const;

/** Methods of builtin types that return something flat and new, never a part of the value. */
const TERMINAL_METHODS = new Set([
  'indexOf', 'lastIndexOf', 'includes', 'join', 'has', 'hasOwnProperty', 'toString', 'toLocaleString',
  'toJSON', 'startsWith', 'endsWith', 'charAt', 'charCodeAt', 'codePointAt', 'trim', 'trimStart', 'trimEnd',
  'toUpperCase', 'toLowerCase', 'split', 'padStart', 'padEnd', 'repeat', 'toFixed', 'localeCompare',
]);
/** Methods of builtin types that do not change it but may return parts of it. */
const ROOTED_METHODS = new Set([
  'slice', 'concat', 'at', 'get', 'keys', 'values', 'entries', 'flat', 'toSorted', 'toReversed', 'toSpliced', 'with',
  'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex',
  'flatMap', 'forEach',
]);
/** The allowed methods whose first argument is a callback given the value's parts. */
const CALLBACK_METHODS = new Set([
  'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex',
  'flatMap', 'forEach', 'toSorted',
]);
/** Global functions that only read their arguments and return something new and flat. */
const TERMINAL_FUNCTIONS = new Set([
  'console.log', 'console.info', 'console.warn', 'console.error', 'console.debug', 'console.table',
  'JSON.stringify', 'Array.isArray', 'String', 'Number', 'Boolean', 'BigInt', 'Object.keys', 'isNaN', 'isFinite',
  'parseInt', 'parseFloat', 'Number.isInteger', 'Number.isFinite', 'Number.isNaN', 'structuredClone',
]);
/** Names through which code can reach any global by a computed name. */
const ESCAPES = new Set(['eval', 'Function', 'globalThis', 'window', 'self', 'global']);

/** The subset of `names`, in their order, that the code might change in place; all if it does not parse. */
export function mayChangeInPlace(source: string, names: readonly string[]): string[] {
  const program = tryParse(source);
  if (!program) return [...names];
  const analysis = new InPlaceAnalysis(program);
  if (analysis.escapes) return [...names];
  return names.filter((name) => !analysis.certainlyKept(name));
}

function tryParse(source: string): AstNode | null {
  for (const sourceType of ['script', 'module'] as const) {
    try {
      const program: object = parse(source, { ...PARSE_OPTIONS, sourceType, allowAwaitOutsideFunction: sourceType === 'module' });
      return isNode(program) ? program : null;
    } catch {
      // try the next source type
    }
  }
  return null;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function child(node: AstNode, field: string): AstNode | null {
  const value = node[field];
  return isNode(value) ? value : null;
}

function children(node: AstNode, field: string): AstNode[] {
  const value = node[field];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

function isFunction(node: AstNode | null): boolean {
  return node !== null && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration');
}

/** `a.b.c` for a non-computed member chain of identifiers, else null. */
function dottedName(node: AstNode): string | null {
  if (node.type === 'Identifier') return String(node['name']);
  if (node.type !== 'MemberExpression' || node['computed'] === true) return null;
  const object = child(node, 'object');
  const property = child(node, 'property');
  const head = object ? dottedName(object) : null;
  return head !== null && property ? `${head}.${String(property['name'])}` : null;
}

/** The name of a called member (`x.push`, `x["push"]`), or null when it is computed otherwise. */
function memberName(member: AstNode): string | null {
  const property = child(member, 'property');
  if (!property) return null;
  if (member['computed'] !== true && property.type === 'Identifier') return String(property['name']);
  return property.type === 'Literal' && typeof property['value'] === 'string' ? property['value'] : null;
}

/** The identifiers a binding pattern binds, or null when it also assigns to a member. */
function boundNames(pattern: AstNode): string[] | null {
  switch (pattern.type) {
    case 'Identifier': return [String(pattern['name'])];
    case 'VariableDeclaration': return collect(children(pattern, 'declarations').map((d) => child(d, 'id')));
    case 'ArrayPattern': return collect(children(pattern, 'elements'));
    case 'ObjectPattern': return collect(children(pattern, 'properties').map((p) => (p.type === 'RestElement' ? p : child(p, 'value'))));
    case 'RestElement': return collect([child(pattern, 'argument')]);
    case 'AssignmentPattern': return collect([child(pattern, 'left')]);
    default: return null;
  }
}

function collect(patterns: (AstNode | null)[]): string[] | null {
  const all: string[] = [];
  for (const pattern of patterns) {
    if (!pattern) continue;
    const found = boundNames(pattern);
    if (!found) return null;
    all.push(...found);
  }
  return all;
}

class InPlaceAnalysis {
  private readonly parents = new Map<AstNode, AstNode>();
  private readonly references = new Map<string, AstNode[]>();
  /** Callbacks given to allowed methods: what they return is held by the call's result. */
  private readonly callbackCalls = new Map<AstNode, AstNode>();
  escapes = false;

  constructor(program: AstNode) {
    this.visit(program, null, false);
  }

  private visit(node: AstNode, parent: AstNode | null, inFunction: boolean): void {
    if (parent) this.parents.set(node, parent);
    if (node.type === 'WithStatement') this.escapes = true;
    if (node.type === 'ThisExpression' && !inFunction) this.escapes = true;
    if (node.type === 'Identifier' && parent && this.isReference(node, parent)) {
      const name = String(node['name']);
      if (ESCAPES.has(name)) this.escapes = true;
      const list = this.references.get(name) ?? [];
      list.push(node);
      this.references.set(name, list);
    }
    const nested = inFunction || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration';
    for (const value of Object.values(node)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (isNode(item) && !this.parents.has(item)) this.visit(item, node, nested);
      }
    }
  }

  private isReference(node: AstNode, parent: AstNode): boolean {
    const computedKey = parent['computed'] === true;
    switch (parent.type) {
      case 'MemberExpression': return parent['object'] === node || computedKey;
      case 'Property': case 'PropertyDefinition': case 'MethodDefinition':
        return parent['value'] === node || computedKey;
      case 'LabeledStatement': case 'BreakStatement': case 'ContinueStatement': case 'MetaProperty':
        return false;
      default: return true;
    }
  }

  /** Whether every reference to `name`, and to what stands for its parts, is certainly safe. */
  certainlyKept(name: string): boolean {
    const pending = [name];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const current = pending.pop();
      if (current === undefined || seen.has(current)) continue;
      seen.add(current);
      for (const reference of this.references.get(current) ?? []) {
        const aliases: string[] = [];
        if (!this.safe(reference, aliases)) return false;
        pending.push(...aliases);
      }
    }
    return true;
  }

  /** Whether `node`, which holds the value, is used safely; names standing for its parts go to `aliases`. */
  private safe(node: AstNode, aliases: string[]): boolean {
    const parent = this.parents.get(node);
    if (!parent) return false;
    const is = (field: string): boolean => parent[field] === node;
    switch (parent.type) {
      case 'TemplateLiteral': return this.parents.get(parent)?.type !== 'TaggedTemplateExpression';
      case 'ExpressionStatement': case 'BinaryExpression': case 'CatchClause':
      case 'IfStatement': case 'WhileStatement': case 'DoWhileStatement': case 'SwitchStatement': case 'SwitchCase':
        return true;
      case 'ForStatement': return is('test');
      case 'UnaryExpression': return parent['operator'] !== 'delete';
      case 'ChainExpression': case 'LogicalExpression': case 'AwaitExpression': case 'ArrayExpression':
      case 'SpreadElement': case 'ObjectExpression':
        return this.safe(parent, aliases);
      case 'Property':
        if (this.parents.get(parent)?.type === 'ObjectPattern') return node.type === 'Identifier' && is('value');
        return is('key') || this.safe(parent, aliases);
      case 'ConditionalExpression': return is('test') || this.safe(parent, aliases);
      case 'SequenceExpression': return children(parent, 'expressions').at(-1) !== node || this.safe(parent, aliases);
      case 'MemberExpression': return !is('object') || this.safeMember(parent, aliases);
      case 'CallExpression': return !is('callee') && this.safeArgument(parent, aliases);
      case 'ForInStatement': return is('right');
      case 'ForOfStatement': return is('right') && this.aliasTargets(child(parent, 'left'), aliases);
      case 'AssignmentExpression':
        // `s += x` and the like yield a number or a string, never the value itself.
        if (is('right') && !['=', '&&=', '||=', '??='].includes(String(parent['operator']))) return true;
        return this.isRebinding(node, parent);
      case 'VariableDeclarator': case 'AssignmentPattern': case 'ArrayPattern':
      case 'ObjectPattern': case 'RestElement':
        return this.isRebinding(node, parent);
      case 'ReturnStatement': return this.safeReturn(parent, aliases);
      case 'FunctionDeclaration': case 'FunctionExpression': return !is('body');
      case 'ClassDeclaration': case 'ClassExpression': return is('id');
      case 'ArrowFunctionExpression': {
        if (!is('body')) return true;
        const call = this.callbackCalls.get(parent);
        return call !== undefined && this.safe(call, aliases);
      }
      default: return false;
    }
  }

  /** An identifier as the target of a binding or plain assignment replaces the name: safe. */
  private isRebinding(node: AstNode, parent: AstNode): boolean {
    if (node.type !== 'Identifier') return false;
    switch (parent.type) {
      case 'AssignmentExpression': return parent['left'] === node && parent['operator'] === '=';
      case 'VariableDeclarator': return parent['id'] === node;
      case 'AssignmentPattern': return parent['left'] === node;
      default: return true;
    }
  }

  private safeMember(member: AstNode, aliases: string[]): boolean {
    const parent = this.parents.get(member);
    if (!parent || parent.type !== 'CallExpression' || parent['callee'] !== member) {
      return !this.isTarget(member) && this.safe(member, aliases);
    }
    const method = memberName(member);
    if (method === null || !(TERMINAL_METHODS.has(method) || ROOTED_METHODS.has(method))) return false;
    const args = children(parent, 'arguments');
    for (const [index, arg] of args.entries()) {
      if (!isFunction(arg)) continue;
      if (index !== 0 || !CALLBACK_METHODS.has(method)) return false;
      const params = collect(children(arg, 'params'));
      if (!params) return false;
      aliases.push(...params);
      this.callbackCalls.set(arg, parent);
    }
    const callback = args[0];
    if (CALLBACK_METHODS.has(method) && callback !== undefined && !isFunction(callback)) return false;
    return TERMINAL_METHODS.has(method) || this.safe(parent, aliases);
  }

  /** Whether a member expression is written to: assigned, updated, deleted or a pattern's target. */
  private isTarget(member: AstNode): boolean {
    const parent = this.parents.get(member);
    if (!parent) return false;
    switch (parent.type) {
      case 'AssignmentExpression': return parent['left'] === member;
      case 'UpdateExpression': return true;
      case 'UnaryExpression': return parent['operator'] === 'delete';
      case 'ArrayPattern': case 'ObjectPattern': case 'RestElement': case 'AssignmentPattern':
      case 'ForInStatement': case 'ForOfStatement':
        return parent['right'] !== member;
      case 'Property': {
        const owner = this.parents.get(parent);
        return owner?.type === 'ObjectPattern' && parent['value'] === member;
      }
      default: return false;
    }
  }

  private safeArgument(call: AstNode, aliases: string[]): boolean {
    const callee = child(call, 'callee');
    const name = callee ? dottedName(callee) : null;
    if (name === null) return false;
    const args = children(call, 'arguments');
    // A replacer is called with every part of the value; only a list of keys or null is safe.
    const replacer = args[1];
    if (name === 'JSON.stringify' && replacer !== undefined && replacer.type !== 'Literal' && replacer.type !== 'ArrayExpression') return false;
    if (TERMINAL_FUNCTIONS.has(name) || name.startsWith('Math.')) return true;
    if (name === 'Object.values' || name === 'Object.entries' || (name === 'Array.from' && args.length === 1)) {
      return this.safe(call, aliases);
    }
    if (name === 'Object.assign') {
      const target = args[0];
      return target !== undefined && target.type === 'ObjectExpression' && this.safe(call, aliases);
    }
    return false;
  }

  /** `return` of a value inside a callback of an allowed method: the call's result holds it. */
  private safeReturn(statement: AstNode, aliases: string[]): boolean {
    let scope = this.parents.get(statement);
    while (scope && !isFunction(scope)) scope = this.parents.get(scope);
    const call = scope ? this.callbackCalls.get(scope) : undefined;
    return call !== undefined && this.safe(call, aliases);
  }

  /** A `for…of` target: the names it binds stand for the value's parts. */
  private aliasTargets(left: AstNode | null, aliases: string[]): boolean {
    const names = left ? boundNames(left) : null;
    if (!names) return false;
    aliases.push(...names);
    return true;
  }
}
