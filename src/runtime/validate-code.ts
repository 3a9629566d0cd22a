/**
 * `validateCode(code, language, policy)`: what a cell would be refused before it runs, found
 * statically, so the cell can show it while it is being written. The engines enforce the
 * policy on their own at run time; this is the early warning, and it only reports what it can
 * see in the text (an import built from a computed string is left to the engine).
 */
import { parse, type Node } from 'acorn';
import type { Language } from '../engines/contract';
import { allowsPythonModule, importDenied, pythonImportDenied, type Policy } from '../engines/policy';

export interface Violation {
  readonly kind: 'import' | 'network';
  /** 1-based line and column in the cell. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ValidationContext {
  /** The modules the app ships in public/modules/, or null when not known yet. */
  readonly vendoredModules?: readonly string[] | null;
}

/** Globals that reach the network or the page's storage. */
export const NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches', 'BroadcastChannel'] as const;
/** Python modules whose purpose is the network, flagged as network use rather than an import. */
const PYTHON_NETWORK_MODULES = new Set(['js', 'pyodide', 'pyodide_js', 'pyodide.http', 'urllib.request', 'http.client', 'socket', 'requests', 'httpx', 'aiohttp']);

export function validateCode(code: string, language: Language, policy: Policy, context: ValidationContext = {}): Violation[] {
  return language === 'python' ? validatePython(code, policy) : validateJavaScript(code, policy, context);
}

// ---- Python ----------------------------------------------------------------------------------

/** The code with comments and string literals blanked to spaces, so positions stay the same. */
export function blankPythonStrings(code: string): string {
  const out = code.split('');
  let index = 0;
  while (index < code.length) {
    const char = code[index];
    if (char === '#') {
      while (index < code.length && code[index] !== '\n') out[index++] = ' ';
      continue;
    }
    if (char === '"' || char === "'") {
      const triple = code.startsWith(char.repeat(3), index);
      const quote = triple ? char.repeat(3) : char;
      const start = index;
      index += quote.length;
      while (index < code.length && !code.startsWith(quote, index)) {
        if (code[index] === '\\') index += 1;
        else if (!triple && code[index] === '\n') break;
        index += 1;
      }
      const end = Math.min(code.length, index + quote.length);
      // Keep the quotes themselves, so `__import__("os")` still shows where its argument was.
      for (let position = start + quote.length; position < end - quote.length; position += 1) if (out[position] !== '\n') out[position] = ' ';
      index = end;
      continue;
    }
    index += 1;
  }
  return out.join('');
}

const IMPORT = /^([ \t]*)import[ \t]+(.+)$/;
const FROM = /^([ \t]*)from[ \t]+([\w.]+)[ \t]+import\b(.*)$/;
const CALL = /\b(?:__import__|import_module)\(\s*(['"])([\w.]+)\1/g;

function validatePython(code: string, policy: Policy): Violation[] {
  const violations: Violation[] = [];
  const lines = code.split('\n');
  const blanked = blankPythonStrings(code).split('\n');
  const check = (module: string, line: number, column: number) => {
    if (allowsPythonModule(policy, module)) return;
    const network = PYTHON_NETWORK_MODULES.has(module) || PYTHON_NETWORK_MODULES.has(module.split('.')[0] ?? module);
    violations.push({ kind: network && !policy.network ? 'network' : 'import', line, column, message: pythonImportDenied(module, policy) });
  };
  blanked.forEach((text, index) => {
    const line = index + 1;
    const plain = IMPORT.exec(text);
    if (plain) {
      let offset = text.indexOf('import') + 'import'.length;
      for (const part of (plain[2] ?? '').split(',')) {
        const module = part.trim().split(/\s+/)[0] ?? '';
        if (/^[\w.]+$/.test(module)) check(module, line, text.indexOf(module, offset) + 1);
        offset += part.length + 1;
      }
    }
    const from = FROM.exec(text);
    if (from?.[2] && !from[2].startsWith('.')) {
      const column = (from[1]?.length ?? 0) + 'from '.length + 1;
      const before = violations.length;
      check(from[2], line, column);
      // `from pyodide import http` imports a denied submodule of an allowed package.
      const names = (from[3] ?? '').replace(/[()\\]/g, ' ').split(',').map((part) => part.trim().split(/\s+/)[0] ?? '');
      for (const name of names) if (violations.length === before && /^\w+$/.test(name)) check(`${from[2]}.${name}`, line, column);
    }
    // The module name of a call sits inside a string, which the blanked text no longer has.
    for (const match of (lines[index] ?? '').matchAll(CALL)) {
      if (text.slice(match.index, match.index + 10).trim().length > 0) check(match[2] ?? '', line, match.index + 1);
    }
  });
  return violations;
}

// ---- JavaScript ------------------------------------------------------------------------------

function children(node: Node): Node[] {
  return Object.values(node).flatMap((value: unknown): Node[] => {
    if (Array.isArray(value)) return value.filter(isNode);
    return isNode(value) ? [value] : [];
  });
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'type') === 'string';
}

function validateJavaScript(code: string, policy: Policy, context: ValidationContext): Violation[] {
  let program: Node;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true, allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
  } catch {
    // A cell that does not parse gets its syntax error when it runs.
    return [];
  }
  const violations: Violation[] = [];
  const allowed = (module: string) => {
    if (policy.javascriptModules === 'all') return true;
    if (policy.javascriptModules === 'none') return false;
    return context.vendoredModules == null || context.vendoredModules.includes(module);
  };
  const at = (node: Node) => ({ line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
  const visit = (node: Node, declared: ReadonlySet<string>) => {
    const source: unknown = Reflect.get(node, 'source');
    if ((node.type === 'ImportDeclaration' || node.type === 'ImportExpression' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && isNode(source)) {
      const value: unknown = Reflect.get(source, 'value');
      if (typeof value === 'string' && !allowed(value)) violations.push({ kind: 'import', ...at(source), message: importDenied(value, policy.tier) });
    }
    if (!policy.network && node.type === 'Identifier') {
      const name: unknown = Reflect.get(node, 'name');
      if (typeof name === 'string' && (NETWORK_GLOBALS as readonly string[]).includes(name) && !declared.has(name)) {
        violations.push({ kind: 'network', ...at(node), message: `${name} is not available under the ${policy.tier} policy: it has no network access` });
      }
    }
    for (const child of children(node)) {
      // Property names (`x.fetch`, `{ fetch: 1 }`) are not the global.
      if (node.type === 'MemberExpression' && child === Reflect.get(node, 'property') && !Reflect.get(node, 'computed')) continue;
      if (node.type === 'Property' && child === Reflect.get(node, 'key') && !Reflect.get(node, 'computed')) continue;
      visit(child, declared);
    }
  };
  visit(program, declaredNames(program));
  return violations;
}

/** Top-level names the cell declares itself: its own `fetch` is not the network's. */
function declaredNames(program: Node): Set<string> {
  const names = new Set<string>();
  for (const statement of children(program)) {
    const id: unknown = Reflect.get(statement, 'id');
    if (isNode(id) && typeof Reflect.get(id, 'name') === 'string') names.add(String(Reflect.get(id, 'name')));
    const declarations: unknown = Reflect.get(statement, 'declarations');
    if (Array.isArray(declarations)) {
      for (const declaration of declarations.filter(isNode)) {
        const target: unknown = Reflect.get(declaration, 'id');
        if (isNode(target) && target.type === 'Identifier') names.add(String(Reflect.get(target, 'name')));
      }
    }
  }
  return names;
}
