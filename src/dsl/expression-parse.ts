/**
 * Parsing of `${…}` expressions with acorn, the JavaScript parser the project already uses.
 * Nothing here runs the text: the evaluator walks the tree acorn gives back. Syntax errors are
 * turned into ExpressionErrors that say where in the expression they are.
 */
import { parseExpressionAt, type Expression } from 'acorn';
import { ExpressionError, MAX_NESTING } from './expression-error';

/** One parsed expression, with the text its node offsets refer to. */
export interface ParsedExpression {
  readonly node: Expression;
  readonly text: string;
}

/** A piece of a property string: literal text, or one `${…}`. */
export type TemplatePart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'expression'; readonly expression: ParsedExpression };

/** A property string split into its text and its `${…}`s. */
export interface ParsedTemplate {
  readonly parts: readonly TemplatePart[];
  /** Whether the whole string is one `${…}`, which then gives the expression's typed value. */
  readonly whole: boolean;
}

// Without preserveParens, `(a)` would come back as `a`, ending before its `)`.
const OPTIONS = { ecmaVersion: 'latest', sourceType: 'script', preserveParens: true } as const;

/** Loops evaluate the same few expressions over and over, so parses are kept, up to a bound. */
const CACHE_SIZE = 500;
const expressionCache = new Map<string, ParsedExpression>();
const templateCache = new Map<string, ParsedTemplate>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(key, value);
  return value;
}

/** Parses one expression that is the whole of `source`. Throws ExpressionError. */
export function parseExpressionSource(source: string): ParsedExpression {
  const known = expressionCache.get(source);
  if (known) return known;
  if (source.trim() === '') throw new ExpressionError('the expression is empty');
  const node = parseAt(source, 0, () => undefined, () => source.length);
  const after = skipSpaces(source, node.end);
  if (after < source.length) throw new ExpressionError(`unexpected token ${where(source, 0, after, source.length)}`);
  return remember(expressionCache, source, { node, text: source });
}

/** Splits a property string into text and parsed `${…}`s. Throws ExpressionError. */
export function parseTemplate(text: string): ParsedTemplate {
  const known = templateCache.get(text);
  if (known) return known;
  const parts: TemplatePart[] = [];
  let index = 0;
  for (let open = text.indexOf('${'); open !== -1; open = text.indexOf('${', index)) {
    if (open > index) parts.push({ kind: 'text', text: text.slice(index, open) });
    const start = open + 2;
    const neverClosed = () => new ExpressionError(`the \`\${\` at column ${open + 1} is never closed`);
    if (text[skipSpaces(text, start)] === '}') throw new ExpressionError(`the \`\${}\` at column ${open + 1} is empty`);
    const node = parseAt(text, start, neverClosed, (position) => closingBrace(text, position));
    const close = skipSpaces(text, node.end);
    if (close >= text.length) throw neverClosed();
    if (text[close] !== '}') throw new ExpressionError(`unexpected token ${where(text, start, close, closingBrace(text, close))}`);
    parts.push({ kind: 'expression', expression: { node, text } });
    index = close + 1;
  }
  if (index < text.length) parts.push({ kind: 'text', text: text.slice(index) });
  const whole = parts.length === 1 && parts[0]?.kind === 'expression';
  return remember(templateCache, text, { parts, whole });
}

/**
 * Parses the expression that starts at `start`. An error at the very end of the text means the
 * text stopped mid-expression, which `atEnd` may name (a `${` never closed).
 * `quoteEnd` says where the expression quoted in a message ends.
 */
function parseAt(text: string, start: number, atEnd: () => ExpressionError | undefined, quoteEnd: (position: number) => number): Expression {
  let node: Expression;
  try {
    node = parseExpressionAt(text, start, OPTIONS);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    if (!(error instanceof SyntaxError)) throw error;
    const position = numberField(error, 'pos') ?? start;
    const raisedAt = numberField(error, 'raisedAt') ?? position;
    const message = error.message.replace(/\s*\(\d+:\d+\)$/, '');
    // A string or template left open runs to the end of the text, and so does an expression cut short.
    if (position >= text.length || (raisedAt >= text.length && message.startsWith('Unterminated'))) {
      const named = atEnd();
      if (named) throw named;
    }
    if (message.startsWith('Not enough stack space')) throw tooDeep();
    throw new ExpressionError(`${message.charAt(0).toLowerCase()}${message.slice(1)} ${where(text, start, position, quoteEnd(position))}`);
  }
  checkNesting(node, 0);
  return node;
}

function tooDeep(): ExpressionError {
  return new ExpressionError(`the expression is nested deeper than ${MAX_NESTING} levels`);
}

/** Reads a numeric field acorn adds to its SyntaxError. */
function numberField(error: SyntaxError, field: 'pos' | 'raisedAt'): number | undefined {
  const value: unknown = Object.getOwnPropertyDescriptor(error, field)?.value;
  return typeof value === 'number' ? value : undefined;
}

/** How much of an expression a syntax error quotes. */
const MAX_QUOTE = 80;

/** "at column 4 of `n <`", counted from the expression's own start (1-based, by line if it has several). */
function where(text: string, start: number, position: number, end: number): string {
  const lines = text.slice(start, position).split('\n');
  const column = (lines.at(-1)?.length ?? 0) + 1;
  const place = lines.length > 1 ? `line ${lines.length}, column ${column}` : `column ${column}`;
  const quoted = text.slice(start, end);
  return `at ${place} of \`${quoted.length > MAX_QUOTE ? `${quoted.slice(0, MAX_QUOTE)}…` : quoted}\``;
}

/** Where the `${…}` that holds `position` most likely ends, for quoting it in a message. */
function closingBrace(text: string, position: number): number {
  const close = text.indexOf('}', position);
  return close === -1 ? text.length : close;
}

function skipSpaces(text: string, index: number): number {
  let at = index;
  while (at < text.length && /\s/.test(text.charAt(at))) at++;
  return at;
}

/** Refuses trees deeper than MAX_NESTING, so the recursive walks after parsing cannot overflow the stack. */
function checkNesting(value: object, depth: number): void {
  if (depth > MAX_NESTING) throw tooDeep();
  for (const child of Object.values(value)) {
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) checkNesting(item, depth + 1);
    } else if (isNode(child)) {
      checkNesting(child, depth + 1);
    }
  }
}

function isNode(value: unknown): value is object {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}
