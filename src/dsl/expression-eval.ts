/**
 * The tree walker: evaluates an acorn expression tree against a scope. It knows a deliberate
 * subset of JavaScript; every other construct is an ExpressionError that names it, never a
 * silent undefined.
 */
import type { ArrayExpression, CallExpression, Expression, LogicalExpression, MemberExpression, ObjectExpression, SpreadElement, TemplateLiteral } from 'acorn';
import { isNeutralArray, isNeutralSet, isTypedArray } from '../engines/value';
import { binaryOperation, unaryOperation } from './expression-operators';
import { callMethod, memberKey, readMember } from './expression-members';
import { checkItemCount, checkKey, checkTextLength, ExpressionError } from './expression-error';
import { defineOwn, describeKind, isPlainObject, isTruthy, showValue, type DslValue } from './expression-values';
import { callHelper } from './helpers';

/** Names the evaluator reads from. `get` returns undefined for a name that is not defined. */
export interface Scope {
  get(name: string): DslValue | undefined;
}

/** What every step of one evaluation shares: the scope, and the text the node offsets refer to. */
interface Context {
  readonly scope: Scope;
  readonly text: string;
}

/** Marks an optional chain (`a?.b`) cut short by a null; the whole chain then reads as null. */
const SHORT_CIRCUIT = Symbol('short circuit');
type Reference = DslValue | typeof SHORT_CIRCUIT;

/** Evaluates a parsed expression. `text` is the string its offsets refer to. Throws ExpressionError. */
export function evaluateNode(node: Expression, scope: Scope, text: string): DslValue {
  return evaluate(node, { scope, text });
}

function evaluate(node: Expression, context: Context): DslValue {
  switch (node.type) {
    case 'Literal':
      if (node.regex) throw new ExpressionError('regular expressions are not supported');
      if (node.value instanceof RegExp || node.value === undefined) throw new ExpressionError(`the literal ${node.raw ?? ''} is not supported`);
      return node.value;
    case 'Identifier':
      return lookUp(node.name, context);
    case 'TemplateLiteral':
      return evaluateTemplateLiteral(node, context);
    case 'ArrayExpression':
      return evaluateArray(node, context);
    case 'ObjectExpression':
      return evaluateObject(node, context);
    case 'UnaryExpression':
      if (node.operator === 'typeof' && node.argument.type === 'Identifier' && isUndefined(node.argument.name, context)) {
        // As in JavaScript, `typeof` is the one way to ask about a name that may not be defined.
        return 'undefined';
      }
      return unaryOperation(node.operator, evaluate(node.argument, context));
    case 'BinaryExpression':
      if (node.left.type === 'PrivateIdentifier') throw new ExpressionError('private names are not supported');
      return binaryOperation(node.operator, evaluate(node.left, context), evaluate(node.right, context));
    case 'LogicalExpression':
      return evaluateLogical(node, context);
    case 'ConditionalExpression':
      return evaluate(isTruthy(evaluate(node.test, context)) ? node.consequent : node.alternate, context);
    case 'MemberExpression':
    case 'CallExpression':
    case 'ChainExpression': {
      const value = evaluateReference(node.type === 'ChainExpression' ? node.expression : node, context);
      return value === SHORT_CIRCUIT ? null : value;
    }
    case 'ParenthesizedExpression':
      return evaluate(node.expression, context);
    case 'ThisExpression':
      throw new ExpressionError('`this` is not supported');
    case 'NewExpression':
      throw new ExpressionError('`new` is not supported');
    case 'AssignmentExpression':
      throw new ExpressionError(`assignment (${node.operator}) is not supported: expressions only read values`);
    case 'UpdateExpression':
      throw new ExpressionError(`${node.operator} is not supported: expressions only read values`);
    case 'ArrowFunctionExpression':
      throw new ExpressionError('arrow functions are not supported: expressions take no callbacks');
    case 'FunctionExpression':
      throw new ExpressionError('functions are not supported: expressions take no callbacks');
    case 'ClassExpression':
      throw new ExpressionError('classes are not supported');
    case 'SequenceExpression':
      throw new ExpressionError('the comma operator is not supported');
    case 'TaggedTemplateExpression':
      throw new ExpressionError('tagged templates are not supported');
    case 'AwaitExpression':
      throw new ExpressionError('`await` is not supported');
    case 'YieldExpression':
      throw new ExpressionError('`yield` is not supported');
    case 'ImportExpression':
      throw new ExpressionError('`import()` is not supported');
    case 'MetaProperty':
      throw new ExpressionError(`\`${node.meta.name}.${node.property.name}\` is not supported`);
    default: {
      const unknown: never = node;
      throw new ExpressionError(`${String(unknown)} is not supported`);
    }
  }
}

/** `&&`, `||` and `??`, which evaluate their right side only when they need it. */
function evaluateLogical(node: LogicalExpression, context: Context): DslValue {
  const left = evaluate(node.left, context);
  switch (node.operator) {
    case '&&':
      return isTruthy(left) ? evaluate(node.right, context) : left;
    case '||':
      return isTruthy(left) ? left : evaluate(node.right, context);
    case '??':
      return left === null ? evaluate(node.right, context) : left;
  }
}

function lookUp(name: string, context: Context): DslValue {
  if (name === 'undefined') return null;
  const value = context.scope.get(name);
  if (value === undefined) throw new ExpressionError(`${name} is not defined`);
  return value;
}

function isUndefined(name: string, context: Context): boolean {
  return name === 'undefined' || context.scope.get(name) === undefined;
}

/** Evaluates a member access or call, which may sit inside an optional chain. */
function evaluateReference(node: Expression, context: Context): Reference {
  if (node.type === 'MemberExpression') return evaluateMember(node, context);
  if (node.type === 'CallExpression') return evaluateCall(node, context);
  return evaluate(node, context);
}

function evaluateMember(node: MemberExpression, context: Context): Reference {
  if (node.object.type === 'Super') throw new ExpressionError('`super` is not supported');
  const object = evaluateReference(node.object, context);
  if (object === SHORT_CIRCUIT || (node.optional && object === null)) return SHORT_CIRCUIT;
  return readMember(object, propertyKey(node, context), quote(node, context));
}

/** The key of `a.b` or `a[expr]`; a forbidden name is refused before anything reads it. */
function propertyKey(node: MemberExpression, context: Context): DslValue {
  if (node.property.type === 'PrivateIdentifier') throw new ExpressionError('private names are not supported');
  const key = !node.computed && node.property.type === 'Identifier' ? node.property.name : evaluate(node.property, context);
  if (typeof key === 'string') checkKey(key);
  return key;
}

function evaluateCall(node: CallExpression, context: Context): Reference {
  const callee = node.callee;
  if (callee.type === 'Identifier') return callHelper(callee.name, evaluateArguments(node.arguments, context));
  if (callee.type !== 'MemberExpression') {
    throw new ExpressionError(`only helpers (by bare name) and string or array methods can be called, not \`${quote(callee, context)}\``);
  }
  if (callee.object.type === 'Super') throw new ExpressionError('`super` is not supported');
  const receiver = evaluateReference(callee.object, context);
  if (receiver === SHORT_CIRCUIT || (callee.optional && receiver === null)) return SHORT_CIRCUIT;
  const name = memberKey(propertyKey(callee, context));
  return callMethod(receiver, name, quote(callee, context), () => evaluateArguments(node.arguments, context));
}

function evaluateArguments(nodes: readonly (Expression | SpreadElement)[], context: Context): DslValue[] {
  return evaluateItems(nodes, context, 'the arguments');
}

function evaluateArray(node: ArrayExpression, context: Context): DslValue[] {
  return evaluateItems(node.elements, context, 'the array');
}

function evaluateItems(nodes: readonly (Expression | SpreadElement | null)[], context: Context, what: string): DslValue[] {
  const items: DslValue[] = [];
  for (const node of nodes) {
    if (node === null) items.push(null);
    else if (node.type !== 'SpreadElement') items.push(evaluate(node, context));
    else {
      const spread = spreadItems(evaluate(node.argument, context));
      checkItemCount(items.length + spread.length, what);
      items.push(...spread);
    }
  }
  return items;
}

function spreadItems(value: DslValue): readonly DslValue[] {
  if (isNeutralArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (isNeutralSet(value)) return Array.from(value);
  if (isTypedArray(value)) return Array.from(value, (item: number | bigint) => item);
  throw new ExpressionError(`${describeKind(value)} cannot be spread into a list`);
}

function evaluateObject(node: ObjectExpression, context: Context): Record<string, DslValue> {
  const object: Record<string, DslValue> = {};
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      const source = evaluate(property.argument, context);
      if (source === null) continue;
      if (!isPlainObject(source)) throw new ExpressionError(`${describeKind(source)} cannot be spread into an object`);
      for (const [key, value] of Object.entries(source)) {
        checkKey(key);
        defineOwn(object, key, value);
      }
      continue;
    }
    if (property.kind !== 'init' || property.method) throw new ExpressionError('methods, getters and setters are not supported in an object');
    const key = property.computed ? memberKey(evaluate(property.key, context)) : literalKey(property.key);
    checkKey(key);
    defineOwn(object, key, evaluate(property.value, context));
  }
  return object;
}

function literalKey(key: Expression): string {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'bigint')) return String(key.value);
  throw new ExpressionError('unsupported object key');
}

function evaluateTemplateLiteral(node: TemplateLiteral, context: Context): string {
  let text = '';
  node.quasis.forEach((quasi, index) => {
    const expression = node.expressions[index];
    const piece = quasi.value.cooked ?? quasi.value.raw;
    const shown = expression ? showValue(evaluate(expression, context)) : '';
    checkTextLength(text.length + piece.length + shown.length, 'the template literal');
    text += piece + shown;
  });
  return text;
}

/** The source of a node, to name it in a message. */
function quote(node: { start: number; end: number }, context: Context): string {
  return context.text.slice(node.start, node.end);
}
