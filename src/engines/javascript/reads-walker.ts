/**
 * Walks a JavaScript cell's tree in evaluation order for the reads analysis; reads.ts gives the
 * rules it follows.
 */
import type {
  AnonymousClassDeclaration,
  AnonymousFunctionDeclaration,
  ArrowFunctionExpression,
  CatchClause,
  ClassDeclaration,
  ClassExpression,
  Expression,
  FunctionDeclaration,
  FunctionExpression,
  ModuleDeclaration,
  Pattern,
  PrivateIdentifier,
  Program,
  SpreadElement,
  Statement,
  Super,
} from 'acorn';
import { both, ScopeFlow } from './scope-flow';
import { lexicalNames, patternNames, varNames } from './scope-names';

type Item = Statement | ModuleDeclaration;
type AnyFunction = FunctionDeclaration | AnonymousFunctionDeclaration | FunctionExpression | ArrowFunctionExpression;
type AnyClass = ClassDeclaration | AnonymousClassDeclaration | ClassExpression;

/** Walks a cell in evaluation order, keeping the global names it has certainly assigned so far. */
export class ReadsWalker extends ScopeFlow {
  constructor(program: Program) {
    super(lexicalNames(program.body));
  }

  /** A statement list, its function declarations first, as they are hoisted. */
  statements(statements: readonly Item[]): void {
    for (const statement of statements) {
      const hoisted = hoistedFunction(statement);
      if (hoisted) this.functionNode(hoisted);
    }
    for (const statement of statements) if (!hoistedFunction(statement)) this.statement(statement);
  }

  /** A statement that may not run; returns the names assigned where it ends. */
  private maybeStatement(node: Item | null | undefined): Set<string> {
    return this.branch(() => {
      if (node) this.statement(node);
    });
  }

  /** An expression that may not run; returns the names assigned where it ends. */
  private maybeExpression(node: Expression): Set<string> {
    return this.branch(() => {
      this.expression(node);
    });
  }

  private statement(node: Item): void {
    switch (node.type) {
      case 'ExpressionStatement':
        this.expression(node.expression);
        return;
      case 'BlockStatement':
        this.within(lexicalNames(node.body), () => {
          this.statements(node.body);
        });
        return;
      case 'WithStatement':
        this.expression(node.object);
        this.maybeStatement(node.body);
        return;
      case 'ReturnStatement':
      case 'ThrowStatement':
        if (node.argument) this.expression(node.argument);
        return;
      case 'LabeledStatement':
        // `break label` may leave it anywhere.
        this.maybeStatement(node.body);
        return;
      case 'IfStatement':
        this.expression(node.test);
        this.assign(both(this.maybeStatement(node.consequent), this.maybeStatement(node.alternate)));
        return;
      case 'SwitchStatement':
        this.expression(node.discriminant);
        this.within(lexicalNames(node.cases.flatMap((item) => item.consequent)), () => {
          for (const item of node.cases) {
            this.branch(() => {
              if (item.test) this.expression(item.test);
              this.statements(item.consequent);
            });
          }
        });
        return;
      case 'TryStatement':
        this.tryStatement(node.block, node.handler, node.finalizer);
        return;
      case 'WhileStatement':
      case 'DoWhileStatement':
        // A do-while body runs once, but `break` or `continue` may cut it short.
        if (node.type === 'WhileStatement') this.expression(node.test);
        this.branch(() => {
          this.statement(node.body);
          this.expression(node.test);
        });
        return;
      case 'ForStatement': {
        const { init, test, update, body } = node;
        const head = init?.type === 'VariableDeclaration' && init.kind !== 'var' ? lexicalNames([init]) : [];
        this.within(head, () => {
          if (init?.type === 'VariableDeclaration') this.statement(init);
          else if (init) this.expression(init);
          if (test) this.expression(test);
          this.branch(() => {
            this.statement(body);
            if (update) this.expression(update);
          });
        });
        return;
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const { left, right, body } = node;
        this.expression(right);
        const head = left.type === 'VariableDeclaration' && left.kind !== 'var' ? lexicalNames([left]) : [];
        this.within(head, () => {
          this.branch(() => {
            if (left.type === 'VariableDeclaration') for (const declarator of left.declarations) this.bind(declarator.id);
            else this.bind(left);
            this.statement(body);
          });
        });
        return;
      }
      case 'FunctionDeclaration':
        this.functionNode(node);
        return;
      case 'VariableDeclaration':
        for (const declarator of node.declarations) {
          if (declarator.init) this.expression(declarator.init);
          // `var x;` assigns nothing: x keeps the global's earlier value.
          if (declarator.init || node.kind !== 'var') this.bind(declarator.id);
        }
        return;
      case 'ClassDeclaration':
        this.classNode(node);
        return;
      case 'ExportNamedDeclaration':
        if (node.declaration) this.statement(node.declaration);
        else if (!node.source) for (const specifier of node.specifiers) if (specifier.local.type === 'Identifier') this.use(specifier.local.name);
        return;
      case 'ExportDefaultDeclaration': {
        const declaration = node.declaration;
        if (declaration.type === 'FunctionDeclaration') this.functionNode(declaration);
        else if (declaration.type === 'ClassDeclaration') this.classNode(declaration);
        else this.expression(declaration);
        return;
      }
      case 'EmptyStatement':
      case 'DebuggerStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
        return;
    }
  }

  private tryStatement(block: Statement, handler: CatchClause | null | undefined, finalizer: Statement | null | undefined): void {
    const body = this.maybeStatement(block);
    const caught = handler ? both(body, this.branch(() => {
      this.catchClause(handler);
    })) : body;
    // The finally block may start after an exception too, so it is judged from before the try.
    const final = this.maybeStatement(finalizer);
    this.assign(caught);
    this.assign(final);
  }

  private catchClause(handler: CatchClause): void {
    const { param, body } = handler;
    this.within(param ? patternNames(param) : [], () => {
      if (param) this.bind(param);
      this.statement(body);
    });
  }

  private expression(node: Expression | SpreadElement | Super | PrivateIdentifier): void {
    switch (node.type) {
      case 'Identifier':
        this.use(node.name);
        return;
      case 'ArrayExpression':
        for (const element of node.elements) if (element) this.expression(element);
        return;
      case 'ObjectExpression':
        for (const property of node.properties) {
          if (property.type === 'SpreadElement') {
            this.expression(property.argument);
          } else {
            if (property.computed) this.expression(property.key);
            // A shorthand `{ x }` holds the Identifier x as its value: a read.
            this.expression(property.value);
          }
        }
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.functionNode(node);
        return;
      case 'UnaryExpression':
      case 'SpreadElement':
      case 'AwaitExpression':
        this.expression(node.argument);
        return;
      case 'YieldExpression':
        if (node.argument) this.expression(node.argument);
        return;
      case 'UpdateExpression':
        this.expression(node.argument);
        if (node.argument.type === 'Identifier') this.store(node.argument.name);
        return;
      case 'BinaryExpression':
        this.expression(node.left);
        this.expression(node.right);
        return;
      case 'AssignmentExpression': {
        const { left, right, operator } = node;
        if (operator === '=') {
          this.expression(right);
          this.bind(left);
          return;
        }
        // A compound or logical assignment reads its target first.
        if (left.type === 'Identifier' || left.type === 'MemberExpression') this.expression(left);
        if (operator === '||=' || operator === '&&=' || operator === '??=') {
          this.maybeExpression(right);
        } else {
          this.expression(right);
        }
        if (left.type === 'Identifier') this.store(left.name);
        return;
      }
      case 'LogicalExpression':
        this.expression(node.left);
        this.maybeExpression(node.right);
        return;
      case 'MemberExpression':
        this.expression(node.object);
        if (node.computed) this.expression(node.property);
        return;
      case 'ConditionalExpression':
        this.expression(node.test);
        this.assign(both(this.maybeExpression(node.consequent), this.maybeExpression(node.alternate)));
        return;
      case 'CallExpression':
      case 'NewExpression':
        this.expression(node.callee);
        for (const argument of node.arguments) this.expression(argument);
        return;
      case 'SequenceExpression':
      case 'TemplateLiteral':
        for (const expression of node.expressions) this.expression(expression);
        return;
      case 'TaggedTemplateExpression':
        this.expression(node.tag);
        for (const expression of node.quasi.expressions) this.expression(expression);
        return;
      case 'ClassExpression':
        this.classNode(node);
        return;
      case 'ChainExpression':
        // `a?.b(…)` may skip what follows the `?.`.
        this.maybeExpression(node.expression);
        return;
      case 'ImportExpression':
        this.expression(node.source);
        if (node.options) this.expression(node.options);
        return;
      case 'ParenthesizedExpression':
        this.expression(node.expression);
        return;
      case 'Literal':
      case 'ThisExpression':
      case 'Super':
      case 'MetaProperty':
      case 'PrivateIdentifier':
        return;
    }
  }

  /** A binding or assignment target: names it binds are stored, what it computes is read. */
  private bind(pattern: Pattern): void {
    switch (pattern.type) {
      case 'Identifier':
        this.store(pattern.name);
        return;
      case 'MemberExpression':
        this.expression(pattern);
        return;
      case 'ObjectPattern':
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') {
            this.bind(property.argument);
          } else {
            if (property.computed) this.expression(property.key);
            this.bind(property.value);
          }
        }
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.bind(element);
        return;
      case 'RestElement':
        this.bind(pattern.argument);
        return;
      case 'AssignmentPattern':
        this.maybeExpression(pattern.right);
        this.bind(pattern.left);
        return;
    }
  }

  private functionNode(node: AnyFunction): void {
    const names = node.params.flatMap(patternNames);
    if (node.type !== 'ArrowFunctionExpression') names.push('arguments');
    if (node.type === 'FunctionExpression' && node.id) names.push(node.id.name);
    const body = node.body;
    if (body.type === 'BlockStatement') names.push(...varNames(body.body), ...lexicalNames(body.body));
    this.branch(() => {
      this.within(names, () => {
        for (const param of node.params) this.bind(param);
        if (body.type === 'BlockStatement') this.statements(body.body);
        else this.expression(body);
      });
    });
  }

  private classNode(node: AnyClass): void {
    if (node.superClass) this.expression(node.superClass);
    this.branch(() => {
      this.within(node.id ? [node.id.name] : [], () => {
        for (const member of node.body.body) {
          if (member.type === 'StaticBlock') {
            const body = member.body;
            this.within([...varNames(body), ...lexicalNames(body)], () => {
              this.statements(body);
            });
            continue;
          }
          if (member.computed) this.expression(member.key);
          if (member.type === 'MethodDefinition') this.functionNode(member.value);
          else if (member.value) this.expression(member.value);
        }
      });
    });
  }
}

function hoistedFunction(statement: Item): FunctionDeclaration | null {
  if (statement.type === 'FunctionDeclaration') return statement;
  if (statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'FunctionDeclaration') return statement.declaration;
  return null;
}
