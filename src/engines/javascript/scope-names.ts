/**
 * The names a JavaScript scope declares, found on acorn's tree before the scope is walked, since
 * a declaration covers its whole scope: `let`, `const`, `class` and `function` their block
 * (in its temporal dead zone before the declaration, hoisted for `function`), and `var` the
 * whole enclosing function.
 */
import type { ModuleDeclaration, Pattern, Statement } from 'acorn';

type Item = Statement | ModuleDeclaration;

/** Every name a binding pattern declares; member targets (`a.b = …`) declare none. */
export function patternNames(pattern: Pattern): string[] {
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

/** Names a statement list declares for its own block: let, const, using, class, function, import. */
export function lexicalNames(statements: readonly Item[]): string[] {
  return statements.flatMap((statement): string[] => {
    switch (statement.type) {
      case 'VariableDeclaration':
        return statement.kind === 'var' ? [] : statement.declarations.flatMap((declarator) => patternNames(declarator.id));
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
        return [statement.id.name];
      case 'ImportDeclaration':
        return statement.specifiers.map((specifier) => specifier.local.name);
      case 'ExportNamedDeclaration':
        return statement.declaration ? lexicalNames([statement.declaration]) : [];
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration;
        return (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id ? [declaration.id.name] : [];
      }
      default:
        return [];
    }
  });
}

/** Names `var` declares anywhere in the statements but inside nested functions. */
export function varNames(statements: readonly Item[]): string[] {
  return statements.flatMap(varNamesOf);
}

function varNamesOf(statement: Item | null | undefined): string[] {
  if (!statement) return [];
  switch (statement.type) {
    case 'VariableDeclaration':
      return statement.kind === 'var' ? statement.declarations.flatMap((declarator) => patternNames(declarator.id)) : [];
    case 'BlockStatement':
      return varNames(statement.body);
    case 'IfStatement':
      return [...varNamesOf(statement.consequent), ...varNamesOf(statement.alternate)];
    case 'ForStatement':
      return [...(statement.init?.type === 'VariableDeclaration' ? varNamesOf(statement.init) : []), ...varNamesOf(statement.body)];
    case 'ForInStatement':
    case 'ForOfStatement':
      return [...(statement.left.type === 'VariableDeclaration' ? varNamesOf(statement.left) : []), ...varNamesOf(statement.body)];
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'LabeledStatement':
    case 'WithStatement':
      return varNamesOf(statement.body);
    case 'TryStatement':
      return [...varNamesOf(statement.block), ...varNamesOf(statement.handler?.body), ...varNamesOf(statement.finalizer)];
    case 'SwitchStatement':
      return statement.cases.flatMap((item) => varNames(item.consequent));
    case 'ExportNamedDeclaration':
      return varNamesOf(statement.declaration);
    default:
      return [];
  }
}
