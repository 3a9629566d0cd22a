/**
 * Runs TARS DSL blocks (SPEC §2, issue 19): VARIABLE and ACTION, IF/ELSE, FOR, FOREACH,
 * WHILE, FUNCTION/CALL/RETURN with recursion and local scope, and TRY/CATCH/FINALLY, nested at
 * any depth. Values come from and go to the playground's variable store through the host, so
 * the DSL reads what Python and JavaScript exported and they read what it sets.
 *
 * A block that cannot run here (FSHARP, PROMPT, an unknown ACTION type, `execute`) is an error
 * inside a TRY, which may catch it, and a note in the run log outside one; the run goes on past
 * it. Any other failure ends the run of the top-level block it is in.
 */
import { kindInfo } from '../metascript/inert-notes';
import { DSL_KINDS } from '../metascript/dsl-kinds';
import type { PropertyEntry, PropertyValue } from '../metascript/types';
import { runAction } from './actions';
import { DSL_LIMITS, DslError, type DslHost } from './contract';
import { evaluateExpression, evaluateTemplate, ExpressionError, expressionNames, isTruthy, showValue, templateNames, type DslValue } from './expression';
import type { DslNode } from './program';

/** Where a block runs: its variables, and whether a TRY around it catches what it throws. */
export interface Frame {
  /** Innermost last: a CATCH's `error` above a function's locals. Empty at the top level. */
  readonly layers: readonly Map<string, DslValue>[];
  /** True inside a FUNCTION: its writes are local. */
  readonly local: boolean;
  readonly depth: number;
  readonly tries: number;
}

const TOP: Frame = { layers: [], local: false, depth: 0, tries: 0 };

/** RETURN, on its way to the CALL it ends: thrown through the blocks between, and no failure. */
class Returned extends Error {
  constructor(readonly value: DslValue) {
    super('RETURN');
  }
}

/** How long the interpreter may keep the page busy before it lets the page answer. */
const SLICE_MS = 25;

export class DslRunner {
  private readonly functions = new Map<string, DslNode>();
  /** Store values read during the current top-level block, and what it wrote. */
  private globals = new Map<string, DslValue>();
  private sliceStart = Date.now();

  constructor(readonly host: DslHost) {}

  /** FUNCTIONs are known before the run starts, wherever they stand in the document. */
  define(nodes: readonly DslNode[]): void {
    for (const node of nodes) if (node.kind === 'FUNCTION') this.defineFunction(node);
  }

  /**
   * Runs top-level blocks that follow one another with no cell between them, so that an ELSE
   * or a CATCH written as the next block belongs to the IF or TRY before it. Resolves to the
   * failure that ended them, already in the run log, or null.
   */
  async runTop(nodes: readonly DslNode[]): Promise<DslError | null> {
    this.globals = new Map();
    try {
      await this.sequence(nodes, TOP);
      return null;
    } catch (error) {
      const failure = asDslError(error, nodes[0]?.line ?? 1);
      this.host.log({ text: failure.message, line: failure.line, level: 'error' });
      return failure;
    }
  }

  /** Runs blocks in order; an ELSE, CATCH or FINALLY after an IF or TRY belongs to it. */
  async sequence(nodes: readonly DslNode[], frame: Frame): Promise<void> {
    let last: { node: DslNode; taken: boolean } | null = null;
    for (const [index, node] of nodes.entries()) {
      if (node.kind === 'ELSE') {
        if (last?.node.kind !== 'IF') throw new DslError('ELSE without an IF before it', node.line);
        if (!last.taken) await this.sequence(node.children, frame);
        last = null;
        continue;
      }
      if (node.kind === 'CATCH' || node.kind === 'FINALLY') {
        if (last?.node.kind !== 'TRY') throw new DslError(`${node.kind} without a TRY before it`, node.line);
        continue;
      }
      const taken = node.kind === 'TRY' ? await this.runTry(node, frame, siblingHandlers(nodes, index)) : await this.block(node, frame);
      last = { node, taken };
    }
  }

  /** Runs one block; for an IF, resolves to whether its condition held. */
  private async block(node: DslNode, frame: Frame): Promise<boolean> {
    await this.tick(node.line);
    if (node.unread?.reason === 'syntax') throw new DslError(node.unread.message, node.line);
    switch (node.kind) {
      case 'ACTION':
        await runAction(node, frame, this);
        return true;
      case 'VARIABLE': {
        const name = node.name ?? stringProperty(node, 'name');
        if (name === null) throw new DslError('a VARIABLE block needs a name: VARIABLE name { value: … }', node.line);
        this.write(name, await this.property(node, 'value', frame), frame);
        return true;
      }
      case 'IF':
        return this.runIf(node, frame);
      case 'FOR':
        await this.runFor(node, frame);
        return true;
      case 'FOREACH':
        await this.runForeach(node, frame);
        return true;
      case 'WHILE':
        await this.runWhile(node, frame);
        return true;
      case 'FUNCTION':
        this.defineFunction(node);
        return true;
      case 'CALL':
        await this.runCall(node, frame);
        return true;
      case 'RETURN':
        if (!frame.local) throw new DslError('RETURN outside a FUNCTION', node.line);
        throw new Returned(entryOf(node, 'value') === undefined ? null : await this.property(node, 'value', frame));
      case 'TRY':
        return this.runTry(node, frame, []);
      default:
        this.unsupported(node, frame);
        return true;
    }
  }

  private async runIf(node: DslNode, frame: Frame): Promise<boolean> {
    const taken = isTruthy(await this.property(node, 'condition', frame));
    const branches = node.children.filter((child) => child.kind !== 'ELSE');
    const otherwise = node.follower?.kind === 'ELSE' ? node.follower : node.children.find((child) => child.kind === 'ELSE');
    if (taken) await this.sequence(branches, frame);
    else if (otherwise) await this.sequence(otherwise.children, frame);
    return taken;
  }

  private async runFor(node: DslNode, frame: Frame): Promise<void> {
    const name = (await this.nameProperty(node, ['variable', 'item'], frame)) ?? 'i';
    const from = await this.numberProperty(node, 'from', frame, 0);
    const to = await this.numberProperty(node, 'to', frame, from);
    const step = await this.numberProperty(node, 'step', frame, from <= to ? 1 : -1);
    if (step === 0) throw new DslError('FOR needs a step other than 0', node.line);
    let count = 0;
    for (let value = from; step > 0 ? value <= to : value >= to; value += step) {
      this.countIteration(node, ++count);
      this.write(name, value, frame);
      await this.sequence(node.children, frame);
    }
  }

  private async runForeach(node: DslNode, frame: Frame): Promise<void> {
    const name = (await this.nameProperty(node, ['variable', 'item'], frame)) ?? 'item';
    const items = await this.property(node, 'items', frame);
    const list = iterable(items);
    if (list === null) throw new DslError(`FOREACH items must be a list, not ${showValue(items)}`, node.line);
    let count = 0;
    for (const item of list) {
      this.countIteration(node, ++count);
      this.write(name, item, frame);
      await this.sequence(node.children, frame);
    }
  }

  private async runWhile(node: DslNode, frame: Frame): Promise<void> {
    let count = 0;
    while (isTruthy(await this.property(node, 'condition', frame))) {
      this.countIteration(node, ++count);
      await this.sequence(node.children, frame);
      await this.tick(node.line);
    }
  }

  private defineFunction(node: DslNode): void {
    const name = node.name ?? stringProperty(node, 'name');
    if (name === null) throw new DslError('a FUNCTION block needs a name: FUNCTION name { … }', node.line);
    this.functions.set(name, node);
  }

  private async runCall(node: DslNode, frame: Frame): Promise<void> {
    const name = (await this.nameProperty(node, ['function', 'name'], frame)) ?? node.name;
    if (name === null) throw new DslError('CALL needs the function to call: function: "name"', node.line);
    const definition = this.functions.get(name);
    if (!definition) throw new DslError(`there is no FUNCTION ${name}`, node.line);
    if (frame.depth >= DSL_LIMITS.callDepth) throw new DslError(`CALL ${name}: calls are nested more than ${String(DSL_LIMITS.callDepth)} deep`, node.line, 'limit');
    const locals = new Map<string, DslValue>();
    const parameters = parameterNames(definition);
    const given = entryOf(node, 'arguments') === undefined ? null : await this.property(node, 'arguments', frame);
    if (Array.isArray(given)) {
      const positional = given as readonly DslValue[];
      parameters.forEach((parameter, index) => locals.set(parameter, positional[index] ?? null));
    }
    else if (given !== null && typeof given === 'object' && !(given instanceof Map) && !ArrayBuffer.isView(given) && !(given instanceof Date) && !(given instanceof Set)) {
      const named = given as Readonly<Record<string, DslValue>>;
      for (const parameter of parameters) locals.set(parameter, Object.hasOwn(named, parameter) ? (named[parameter] ?? null) : null);
    } else if (given !== null) throw new DslError(`CALL ${name}: arguments must be an object of names or a list`, node.line);
    let result: DslValue = null;
    try {
      await this.sequence(definition.children, { layers: [locals], local: true, depth: frame.depth + 1, tries: frame.tries });
    } catch (error) {
      if (!(error instanceof Returned)) throw error;
      result = error.value;
    }
    const target = await this.nameProperty(node, ['result_variable', 'result', 'output_variable'], frame);
    if (target !== null) this.write(target, result, frame);
  }

  /** `handlers`: CATCH and FINALLY written as the blocks after the TRY. */
  private async runTry(node: DslNode, frame: Frame, handlers: readonly DslNode[]): Promise<boolean> {
    const all = [...node.children.filter((child) => child.kind === 'CATCH' || child.kind === 'FINALLY'), ...followers(node), ...handlers];
    const catcher = all.find((handler) => handler.kind === 'CATCH');
    const last = all.find((handler) => handler.kind === 'FINALLY');
    const body = node.children.filter((child) => child.kind !== 'CATCH' && child.kind !== 'FINALLY');
    try {
      await this.sequence(body, catcher ? { ...frame, tries: frame.tries + 1 } : frame);
    } catch (error) {
      if (error instanceof Returned || catcher === undefined) throw error;
      const failure = asDslError(error, node.line);
      if (!failure.catchable) throw failure;
      await this.sequence(catcher.children, { ...frame, layers: [...frame.layers, new Map([['error', failure.message]])] });
    } finally {
      if (last) await this.sequence(last.children, frame);
    }
    return true;
  }

  /** A block that cannot run here: an error a TRY may catch, or a note. */
  unsupported(node: DslNode, frame: Frame, what?: string): void {
    const reason = what ?? unsupportedReason(node);
    if (frame.tries > 0) throw new DslError(reason.replace(/; skipped$/, ''), node.line, 'unsupported');
    this.host.log({ text: reason, line: node.line, level: 'note' });
  }

  /** Counts a loop's iterations against the cap. */
  private countIteration(node: DslNode, count: number): void {
    if (count > DSL_LIMITS.iterations) throw new DslError(`${node.kind} ran more than ${String(DSL_LIMITS.iterations)} times`, node.line, 'limit');
  }

  /** Between blocks: ends the run on Stop or at the time limit, and lets the page answer now and then. */
  async tick(line: number): Promise<void> {
    const reason = this.host.stopReason();
    if (reason === 'stopped') throw new DslError('the run was stopped', line, 'stopped');
    if (reason === 'timeout') throw new DslError(`the run passed its time limit${this.host.timeLimitMs === undefined ? '' : ` of ${String(this.host.timeLimitMs)} ms`}`, line, 'timeout');
    if (Date.now() - this.sliceStart < SLICE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.sliceStart = Date.now();
  }

  /** A property's value: a lone `${…}` typed, text with `${…}` a string, a value kept as written an expression. */
  async property(node: DslNode, key: string, frame: Frame): Promise<DslValue> {
    const entry = entryOf(node, key);
    if (entry === undefined) throw new DslError(`${node.kind} needs ${key}`, node.line);
    return this.valueOf(entry, frame, node.line);
  }

  /** A property that names a variable or function; absent gives null. */
  async nameProperty(node: DslNode, keys: readonly string[], frame: Frame): Promise<string | null> {
    for (const key of keys) {
      if (entryOf(node, key) === undefined) continue;
      const value = await this.property(node, key, frame);
      if (typeof value !== 'string' || value === '') throw new DslError(`${node.kind} ${key} must be a name, not ${showValue(value)}`, node.line);
      return value;
    }
    return null;
  }

  private async numberProperty(node: DslNode, key: string, frame: Frame, otherwise: number): Promise<number> {
    if (entryOf(node, key) === undefined) return otherwise;
    const value = await this.property(node, key, frame);
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (!Number.isFinite(number)) throw new DslError(`${node.kind} ${key} must be a number, not ${showValue(value)}`, node.line);
    return number;
  }

  async valueOf(entry: PropertyEntry, frame: Frame, line: number): Promise<DslValue> {
    try {
      if (entry.verbatim === true && typeof entry.value === 'string') {
        const source = entry.value;
        return evaluateExpression(source, await this.scope(expressionNames(source), frame));
      }
      return await this.evaluate(entry.value, frame);
    } catch (error) {
      if (error instanceof ExpressionError) throw new DslError(`${error.message} (line ${String(line)})`, line);
      throw error;
    }
  }

  private async evaluate(value: PropertyValue, frame: Frame): Promise<DslValue> {
    if (typeof value === 'string') return value.includes('${') ? evaluateTemplate(value, await this.scope(templateNames(value), frame)) : value;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      const items: DslValue[] = [];
      for (const item of value as readonly PropertyValue[]) items.push(await this.evaluate(item, frame));
      return items;
    }
    const object: Record<string, DslValue> = {};
    for (const [key, item] of Object.entries(value)) Object.defineProperty(object, key, { value: await this.evaluate(item, frame), enumerable: true, writable: true, configurable: true });
    return object;
  }

  /** A scope holding the names an expression reads: locals first, then the store. */
  private async scope(names: readonly string[], frame: Frame): Promise<{ get(name: string): DslValue | undefined }> {
    const found = new Map<string, DslValue>();
    for (const name of names) {
      const local = lookupLocal(frame, name);
      if (local !== undefined) {
        found.set(name, local);
        continue;
      }
      if (!this.globals.has(name)) {
        const value = await this.host.read(name);
        if (value !== undefined) this.globals.set(name, value);
      }
      const value = this.globals.get(name);
      if (value !== undefined) found.set(name, value);
    }
    return { get: (name) => found.get(name) };
  }

  /** Reads a variable as `${name}` would. */
  async read(name: string, frame: Frame): Promise<DslValue | undefined> {
    return (await this.scope([name], frame)).get(name);
  }

  /** Sets a variable: in a FUNCTION its local, else the store's. */
  write(name: string, value: DslValue, frame: Frame): void {
    const locals = frame.layers[0];
    if (frame.local && locals) {
      locals.set(name, value);
      return;
    }
    this.globals.set(name, value);
    this.host.write(name, value);
  }
}

function lookupLocal(frame: Frame, name: string): DslValue | undefined {
  for (let index = frame.layers.length - 1; index >= 0; index--) {
    const layer = frame.layers[index];
    if (layer?.has(name)) return layer.get(name);
  }
  return undefined;
}

export function entryOf(node: DslNode, key: string): PropertyEntry | undefined {
  return node.properties.find((entry) => entry.key === key);
}

function stringProperty(node: DslNode, key: string): string | null {
  const value = entryOf(node, key)?.value;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** `parameters: "a, b"` or `parameters: ["a", "b"]`. */
function parameterNames(definition: DslNode): string[] {
  const value = entryOf(definition, 'parameters')?.value ?? entryOf(definition, 'params')?.value ?? null;
  if (typeof value === 'string') return value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (Array.isArray(value)) return (value as readonly PropertyValue[]).filter((name): name is string => typeof name === 'string');
  return [];
}

/** The CATCH and FINALLY blocks right after the block at `index`. */
function siblingHandlers(nodes: readonly DslNode[], index: number): DslNode[] {
  const list: DslNode[] = [];
  for (let next = index + 1; next < nodes.length; next++) {
    const node = nodes[next];
    if (node?.kind !== 'CATCH' && node?.kind !== 'FINALLY') break;
    list.push(node);
  }
  return list;
}

function followers(node: DslNode): DslNode[] {
  const list: DslNode[] = [];
  for (let next = node.follower; next !== null; next = next.follower) list.push(next);
  return list;
}

function iterable(value: DslValue): readonly DslValue[] | null {
  if (Array.isArray(value)) return value as readonly DslValue[];
  if (value instanceof Set) return [...(value as Set<DslValue>)];
  // A string is walked by code points, as JavaScript's for…of walks it.
  if (typeof value === 'string') return Array.from(value);
  return null;
}

function unsupportedReason(node: DslNode): string {
  if (node.unread?.reason === 'code' && (node.kind === 'PYTHON' || node.kind === 'JAVASCRIPT' || node.kind === 'WASM')) return `${node.kind} blocks run only at the top level of the document; skipped`;
  if (DSL_KINDS.has(node.kind)) return `${node.kind} cannot stand here; skipped`;
  return kindInfo(node.kind).note.replace(/; kept as written$/, '; skipped');
}

function asDslError(error: unknown, line: number): DslError {
  if (error instanceof DslError) return error;
  if (error instanceof Returned) return new DslError('RETURN outside a FUNCTION', line);
  return new DslError(error instanceof Error ? error.message : String(error), line);
}
