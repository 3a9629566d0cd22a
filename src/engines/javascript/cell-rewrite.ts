/**
 * Rewrites a JavaScript cell so that QuickJS can run it as one step of a REPL:
 * - top-level `let`, `const` and `class` become global `var`s, so the next cell sees them and
 *   may declare them again;
 * - a cell with top-level `await` or `import` declarations runs inside an async function whose
 *   promise the engine awaits, its imports turned into `await import(…)`;
 * - every position in the rewritten code maps back to the cell, for errors.
 */
import { parse, type ModuleDeclaration, type Pattern, type Program, type Statement } from 'acorn';
import { applyEdits, type Edit, type PositionMap } from './edits';

export interface RewrittenCell {
  /** `script` runs as global code; `async` evaluates to a promise of the cell's result. */
  readonly mode: 'script' | 'async';
  readonly code: string;
  /** Global code to run first in `async` mode: `var` declarations of the cell's names. */
  readonly declarations: string;
  /** Names the cell declares at top level. */
  readonly declared: readonly string[];
  /** Module specifiers the cell imports by literal name, statically or with `import("…")`. */
  readonly imports: readonly string[];
  /** Maps a position in `code` back to the cell. */
  readonly map: PositionMap;
}

const PARSE_OPTIONS = { ecmaVersion: 'latest', allowHashBang: true } as const;

/**
 * Rewrites a cell, or returns null when it does not parse: QuickJS then runs it unchanged and
 * reports the syntax error in its own words and positions.
 */
export function rewriteCell(source: string): RewrittenCell | null {
  const script = tryParse(source, 'script');
  if (script) return rewrite(source, script, 'script');
  const module = tryParse(source, 'module');
  return module ? rewrite(source, module, 'async') : null;
}

function tryParse(source: string, sourceType: 'script' | 'module'): Program | null {
  try {
    return parse(source, { ...PARSE_OPTIONS, sourceType, allowAwaitOutsideFunction: sourceType === 'module' });
  } catch {
    return null;
  }
}

function rewrite(source: string, program: Program, mode: 'script' | 'async'): RewrittenCell {
  const edits: Edit[] = [];
  const declared = new Set<string>();
  const imports = new Set<string>(literalDynamicImports(program));
  const body = program.body;
  if (mode === 'async') {
    // Pushed first, so that it comes before any other insertion at offset 0.
    const functions = body.flatMap((statement) => (statement.type === 'FunctionDeclaration' ? [statement.id.name] : []));
    const hoisted = functions.map((name) => `globalThis[${JSON.stringify(name)}] = ${name};`).join(' ');
    edits.push({ start: 0, end: 0, text: `(async () => { ${hoisted}` });
  }
  for (const statement of body) {
    if (mode === 'script') declareInScript(statement, edits, declared);
    else declareInAsync(source, statement, edits, declared, imports);
  }
  if (mode === 'async') {
    const last = body.at(-1);
    if (last?.type === 'ExpressionStatement') {
      edits.push({ start: last.start, end: last.start, text: 'return (' });
      edits.push({ start: last.expression.end, end: last.expression.end, text: ')' });
    }
    edits.push({ start: source.length, end: source.length, text: '\n})()' });
  }
  const { code, map } = applyEdits(source, edits);
  const names = [...declared];
  return {
    mode,
    code,
    declarations: mode === 'async' && names.length > 0 ? `var ${names.join(', ')};` : '',
    declared: names,
    imports: [...imports],
    map,
  };
}

/** In a script, `let`/`const` become `var` (same columns) and `class K` becomes `var K = class K`. */
function declareInScript(statement: Statement | ModuleDeclaration, edits: Edit[], declared: Set<string>): void {
  if (statement.type === 'VariableDeclaration') {
    for (const declarator of statement.declarations) patternNames(declarator.id, declared);
    if (statement.kind !== 'var') edits.push({ start: statement.start, end: statement.start + statement.kind.length, text: 'var'.padEnd(statement.kind.length) });
  } else if (statement.type === 'FunctionDeclaration') {
    declared.add(statement.id.name);
  } else if (statement.type === 'ClassDeclaration') {
    declared.add(statement.id.name);
    edits.push({ start: statement.start, end: statement.start, text: `var ${statement.id.name} = ` });
    edits.push({ start: statement.end, end: statement.end, text: ';' });
  }
}

/** Inside the async function, declarations become assignments to the pre-declared globals. */
function declareInAsync(source: string, statement: Statement | ModuleDeclaration, edits: Edit[], declared: Set<string>, imports: Set<string>): void {
  switch (statement.type) {
    case 'ImportDeclaration': {
      const specifier = String(statement.source.value);
      imports.add(specifier);
      const parts: string[] = [];
      let namespace: string | null = null;
      for (const item of statement.specifiers) {
        declared.add(item.local.name);
        if (item.type === 'ImportNamespaceSpecifier') namespace = item.local.name;
        else if (item.type === 'ImportDefaultSpecifier') parts.push(`default: ${item.local.name}`);
        else parts.push(`${item.imported.type === 'Identifier' ? item.imported.name : JSON.stringify(item.imported.value)}: ${item.local.name}`);
      }
      const load = `await import(${JSON.stringify(specifier)})`;
      const target = namespace ?? `{${parts.join(', ')}}`;
      // Keep the line count, so later lines keep their numbers.
      const newlines = '\n'.repeat(source.slice(statement.start, statement.end).split('\n').length - 1);
      edits.push({ start: statement.start, end: statement.end, text: `(${target} = ${load});${newlines}` });
      return;
    }
    case 'VariableDeclaration': {
      const assigned = statement.declarations.filter((declarator) => declarator.init !== null || statement.kind !== 'var');
      for (const declarator of statement.declarations) patternNames(declarator.id, declared);
      if (assigned.length === 0) {
        edits.push({ start: statement.start, end: statement.end, text: ';' });
        return;
      }
      edits.push({ start: statement.start, end: statement.declarations[0]?.start ?? statement.start, text: '(' });
      for (const declarator of statement.declarations) {
        if (declarator.init === null) edits.push({ start: declarator.end, end: declarator.end, text: statement.kind === 'var' ? '' : ' = void 0' });
      }
      const lastDeclarator = statement.declarations.at(-1);
      if (lastDeclarator) edits.push({ start: lastDeclarator.end, end: lastDeclarator.end, text: ')' });
      return;
    }
    case 'ClassDeclaration':
      declared.add(statement.id.name);
      edits.push({ start: statement.start, end: statement.start, text: `${statement.id.name} = ` });
      edits.push({ start: statement.end, end: statement.end, text: ';' });
      return;
    case 'FunctionDeclaration':
      declared.add(statement.id.name);
      return;
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
    case 'ExportAllDeclaration':
      // A cell is not a module anyone imports; keep the declaration and drop the export.
      if (statement.type === 'ExportNamedDeclaration' && statement.declaration) {
        edits.push({ start: statement.start, end: statement.declaration.start, text: '' });
        declareInAsync(source, statement.declaration, edits, declared, imports);
      }
      return;
    default:
      return;
  }
}

/** Every name a binding pattern declares. */
function patternNames(pattern: Pattern, names: Set<string>): void {
  switch (pattern.type) {
    case 'Identifier':
      names.add(pattern.name);
      return;
    case 'ObjectPattern':
      for (const property of pattern.properties) patternNames(property.type === 'RestElement' ? property.argument : property.value, names);
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) patternNames(element, names);
      return;
    case 'RestElement':
      patternNames(pattern.argument, names);
      return;
    case 'AssignmentPattern':
      patternNames(pattern.left, names);
      return;
    case 'MemberExpression':
      return;
  }
}

/** Specifiers of `import("literal")` anywhere in the program. */
function literalDynamicImports(program: Program): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.type === 'ImportExpression') {
      const source = record.source as Record<string, unknown> | undefined;
      if (source?.type === 'Literal' && typeof source.value === 'string') found.push(source.value);
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'loc') visit(value);
  };
  visit(program.body);
  return found;
}
