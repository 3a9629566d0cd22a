/**
 * The names a JavaScript cell reads, found statically with acorn, so that the playground can
 * tell which cells a changed variable makes stale and which values to inject. A name the cell
 * declares at its top level with `function`, `class`, `let` or `const` is the cell's own: every
 * use of it sees the cell's declaration (hoisted, or in its temporal dead zone), never an
 * earlier value. Otherwise it over-approximates: a name declared with `var`, or only inside a
 * function, counts as read, which at worst marks a cell stale when it need not be.
 */
import { parse, type Pattern, type Program } from 'acorn';

const PARSE_OPTIONS = { ecmaVersion: 'latest', allowHashBang: true } as const;

export function readsOf(source: string): string[] {
  const program = tryParse(source);
  if (!program) return [];
  const names = new Set<string>();
  visit(program, null, names);
  for (const name of ownDeclarations(program)) names.delete(name);
  return [...names].sort();
}

/** Names the cell's top level declares with function, class, let or const. */
function ownDeclarations(program: Program): string[] {
  const own: string[] = [];
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') own.push(declaration.id.name);
    if (declaration.type === 'VariableDeclaration' && declaration.kind !== 'var') {
      for (const declarator of declaration.declarations) own.push(...patternNames(declarator.id));
    }
  }
  return own;
}

function patternNames(pattern: Pattern): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => patternNames(property.type === 'RestElement' ? property.argument : property.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => (element ? patternNames(element) : []));
    case 'RestElement':
      return patternNames(pattern.argument);
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    case 'MemberExpression':
      return [];
  }
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

/** Walks any AST node; `parent` and the key it sits under tell references from labels. */
function visit(node: unknown, parent: { type: string; key: string; computed: boolean } | null, names: Set<string>): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) visit(item, parent, names);
    return;
  }
  const record = node as Record<string, unknown>;
  const type = typeof record.type === 'string' ? record.type : '';
  if (type === 'Identifier' && typeof record.name === 'string' && isReference(parent)) names.add(record.name);
  const computed = record.computed === true;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc') continue;
    visit(value, { type, key, computed }, names);
  }
}

/** Property names after a dot and object keys are labels, not reads of a variable. */
function isReference(parent: { type: string; key: string; computed: boolean } | null): boolean {
  if (parent === null) return true;
  if (parent.type === 'MemberExpression' && parent.key === 'property') return parent.computed;
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && parent.key === 'key') return parent.computed;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return false;
  return true;
}
