/**
 * The free names an expression reads: what a `${…}` depends on, for the interpreter to look up
 * or to report. Property keys and called helpers are not names of variables.
 */
import type { Expression, SpreadElement } from 'acorn';

/** Adds the free names of `node` to `names`, in order of first appearance. */
export function collectNames(node: Expression | SpreadElement | null, names: Set<string>): void {
  if (node === null) return;
  const walk = (child: Expression | SpreadElement | null): void => {
    collectNames(child, names);
  };
  switch (node.type) {
    case 'Identifier':
      if (node.name !== 'undefined') names.add(node.name);
      return;
    case 'MemberExpression':
      if (node.object.type !== 'Super') walk(node.object);
      if (node.computed && node.property.type !== 'PrivateIdentifier') walk(node.property);
      return;
    case 'CallExpression':
      // A bare callee is a helper's name, not a variable.
      if (node.callee.type !== 'Identifier' && node.callee.type !== 'Super') walk(node.callee);
      node.arguments.forEach(walk);
      return;
    case 'ObjectExpression':
      for (const property of node.properties) {
        if (property.type === 'SpreadElement') walk(property);
        else {
          if (property.computed) walk(property.key);
          walk(property.value);
        }
      }
      return;
    case 'ArrayExpression':
      node.elements.forEach(walk);
      return;
    case 'SpreadElement':
    case 'UnaryExpression':
      walk(node.argument);
      return;
    case 'TemplateLiteral':
      node.expressions.forEach(walk);
      return;
    case 'BinaryExpression':
      if (node.left.type !== 'PrivateIdentifier') walk(node.left);
      walk(node.right);
      return;
    case 'LogicalExpression':
      walk(node.left);
      walk(node.right);
      return;
    case 'ConditionalExpression':
      walk(node.test);
      walk(node.consequent);
      walk(node.alternate);
      return;
    case 'ChainExpression':
    case 'ParenthesizedExpression':
      walk(node.expression);
      return;
    default:
      // Anything else is refused when evaluated, and reads no variable before that.
      return;
  }
}
