/**
 * The ACTION types of the TARS DSL: log, assign, append, update_counter, and the file actions
 * on the document's virtual folder (the one Python sees), under the tier's file-system rule.
 * Any other type (`execute`, …) cannot run here, and is reported as such.
 */
import { DslError } from './contract';
import { showValue, type DslValue } from './expression';
import { entryOf, type DslRunner, type Frame } from './interpreter';
import type { DslNode } from './program';

type Action = (node: DslNode, frame: Frame, runner: DslRunner) => Promise<void>;

const ACTIONS: Readonly<Record<string, Action>> = {
  log: async (node, frame, runner) => {
    const message = entryOf(node, 'message') === undefined ? '' : await runner.property(node, 'message', frame);
    runner.host.log({ text: showValue(message), line: node.line, level: 'log' });
  },
  assign: async (node, frame, runner) => {
    runner.write(await target(node, frame, runner), await runner.property(node, 'value', frame), frame);
  },
  append: async (node, frame, runner) => {
    const name = await target(node, frame, runner);
    const value = await runner.property(node, 'value', frame);
    const current = (await runner.read(name, frame)) ?? null;
    if (current === null) runner.write(name, [value], frame);
    else if (Array.isArray(current)) runner.write(name, [...(current as readonly DslValue[]), value], frame);
    else if (typeof current === 'string') runner.write(name, current + showValue(value), frame);
    else throw new DslError(`append: ${name} is neither a list nor text`, node.line);
  },
  update_counter: async (node, frame, runner) => {
    const name = await target(node, frame, runner);
    const increment = entryOf(node, 'increment') === undefined ? 1 : await runner.property(node, 'increment', frame);
    const current = (await runner.read(name, frame)) ?? 0;
    if (typeof current !== 'number' || typeof increment !== 'number') throw new DslError(`update_counter: ${name} and its increment must be numbers`, node.line);
    runner.write(name, current + increment, frame);
  },
  file_write: async (node, frame, runner) => {
    const files = folder(node, runner);
    const content = entryOf(node, 'content') === undefined ? '' : await runner.property(node, 'content', frame);
    const file = await path(node, runner, frame);
    await fileCall(node, () => files.write(file, showValue(content)), runner);
  },
  file_read: async (node, frame, runner) => {
    const files = folder(node, runner);
    const file = await path(node, runner, frame);
    const text = await fileCall(node, () => files.read(file), runner);
    runner.write((await runner.nameProperty(node, ['result_variable', 'output_variable', 'variable'], frame)) ?? 'content', text, frame);
  },
  file_exists: async (node, frame, runner) => {
    const files = folder(node, runner);
    const file = await path(node, runner, frame);
    const exists = await fileCall(node, () => files.exists(file), runner);
    runner.write((await runner.nameProperty(node, ['result_variable', 'output_variable', 'variable'], frame)) ?? 'exists', exists, frame);
  },
  ensure_directory: async (node, frame, runner) => {
    const files = folder(node, runner);
    const file = await path(node, runner, frame);
    await fileCall(node, () => files.ensureDirectory(file), runner);
  },
  list_files: async (node, frame, runner) => {
    const files = folder(node, runner);
    const where = entryOf(node, 'path') === undefined && entryOf(node, 'directory') === undefined ? '.' : await path(node, runner, frame);
    const names = await fileCall(node, () => files.list(where), runner);
    runner.write((await runner.nameProperty(node, ['result_variable', 'output_variable', 'variable'], frame)) ?? 'files', names, frame);
  },
};
const ALIASES: Readonly<Record<string, string>> = { write_file: 'file_write', read_file: 'file_read', get_files: 'list_files', create_directory: 'ensure_directory' };

/** Runs an ACTION block by its `type`. */
export async function runAction(node: DslNode, frame: Frame, runner: DslRunner): Promise<void> {
  const type = entryOf(node, 'type')?.value;
  if (typeof type !== 'string') throw new DslError('an ACTION needs a type, such as type: "log"', node.line);
  const name = Object.hasOwn(ALIASES, type) ? (ALIASES[type] ?? type) : type;
  const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
  if (action === undefined) {
    runner.unsupported(node, frame, type === 'execute' ? 'ACTION execute runs programs, which the browser cannot; skipped' : `ACTION type "${type}" is not one the playground runs; skipped`);
    return;
  }
  await action(node, frame, runner);
}

async function target(node: DslNode, frame: Frame, runner: DslRunner): Promise<string> {
  const name = await runner.nameProperty(node, ['target', 'variable', 'name'], frame);
  if (name === null) throw new DslError(`${typeName(node)} needs a target variable`, node.line);
  return name;
}

async function path(node: DslNode, runner: DslRunner, frame: Frame): Promise<string> {
  const key = entryOf(node, 'path') === undefined && entryOf(node, 'directory') !== undefined ? 'directory' : 'path';
  const value = await runner.property(node, key, frame);
  if (typeof value !== 'string' || value === '') throw new DslError(`${typeName(node)} needs a path, not ${showValue(value)}`, node.line);
  return value;
}

function folder(node: DslNode, runner: DslRunner) {
  const files = runner.host.files;
  if (files === null) throw new DslError('file actions need the document folder, which the Restrictive tier does not give', node.line, 'policy');
  return files;
}

/** A file operation; its failure (no such file, …) is an error of the block, which TRY may catch. */
function typeName(node: DslNode): string {
  const type = entryOf(node, 'type')?.value;
  return typeof type === 'string' ? type : 'ACTION';
}

async function fileCall<T>(node: DslNode, work: () => Promise<T>, runner: DslRunner): Promise<T> {
  await runner.tick(node.line);
  try {
    return await work();
  } catch (error) {
    if (error instanceof DslError) throw error;
    throw new DslError(error instanceof Error ? error.message : String(error), node.line);
  }
}
