/**
 * The TARS DSL blocks of a document as steps of a run, in order with its cells (issue 19):
 * which top-level blocks are DSL, and how a stretch of them runs on the session's variable
 * store, the document folder (in the Python worker, under the tier's file-system rule), the
 * time limit and Stop. The interpreter itself (src/dsl/) is loaded the first time one runs.
 */
import type { Remote } from 'comlink';
import { createSignal, type Accessor } from 'solid-js';
import type { PythonBridgeContract } from '../engines/bridge';
import { DSL_KINDS } from '../metascript/dsl-kinds';
import type { Block, Dialect } from '../metascript/types';
import type { DslFiles, DslLogLine, DslNode, DslRunner } from '../dsl';
import type { AuditLog } from './audit-log';
import { displayOf } from './document-values';
import type { Notebook } from './notebook';
import type { PolicyControl } from './policy-control';
import { sizeOf, type VariableStore } from './variable-store';
import type { VariableValues } from './variable-values';

/** A line of the run log, with the document item of the block it came from. */
export interface RunLogLine extends DslLogLine {
  /** The index in the notebook's items of the top-level block the line came from. */
  readonly item: number;
}

/** Top-level blocks that are text, settings or cells, never DSL steps. */
const NOT_STEPS = new Set(['TEXT', 'HEADER', 'PYTHON', 'JAVASCRIPT', 'WASM', 'MARKDOWN', 'DESCRIBE', 'CONFIG']);

/**
 * Whether a top-level block runs as TARS DSL: ACTION and VARIABLE, the DSL's own kinds, and, in
 * a brace document, any other block written as one (FSHARP, PROMPT, …), which the run reports
 * as skipped rather than passing over in silence.
 */
export function isDslStep(block: Block, dialect: Dialect): boolean {
  if (block.type === 'properties') return block.kind === 'ACTION' || block.kind === 'VARIABLE';
  if (block.type !== 'raw') return false;
  if (DSL_KINDS.has(block.kind)) return true;
  return (dialect === 'brace' || dialect === 'unified') && !NOT_STEPS.has(block.kind) && /^[A-Z][A-Z0-9_]*$/.test(block.kind);
}

export interface DslStepsOptions {
  readonly notebook: Notebook;
  readonly variables: VariableStore;
  readonly values: VariableValues;
  readonly policy: PolicyControl;
  readonly audit: AuditLog;
  /** Whether Stop was pressed since the run began. */
  readonly stopping: () => boolean;
  /** Runs an operation of the Python worker, under the policy of the moment. */
  readonly python: <T>(work: (remote: Remote<PythonBridgeContract>) => Promise<T>) => Promise<T>;
  readonly log: (line: RunLogLine) => void;
}

/** Runs stretches of top-level DSL blocks; FUNCTIONs anywhere in the document are known from the start. */
export interface DslSteps {
  /** Reads every DSL block of the document as it is now; call before each run. */
  begin(): Promise<void>;
  /** Runs the blocks of these items, as one stretch; resolves true when one of them failed. */
  run(items: readonly number[]): Promise<boolean>;
  /** Whether DSL blocks are running now, reactive: Stop is offered while they do. */
  readonly running: Accessor<boolean>;
}

export function createDslSteps(options: DslStepsOptions): DslSteps {
  const { notebook, variables, values, policy, audit, python } = options;
  let program: { runner: DslRunner; nodes: Map<number, DslNode>; lines: readonly number[] } | null = null;
  /** When the stretch that runs now passes its time limit. */
  let deadline = Number.POSITIVE_INFINITY;
  const [running, setRunning] = createSignal(false);

  const folder: DslFiles = {
    write: (path, content) => python((remote) => remote.writeFile(path, content)),
    read: async (path) => {
      if ((await python((remote) => remote.pathKind(path))) !== 'file') throw new Error(`there is no file ${path} in the document folder`);
      return new TextDecoder().decode(await python((remote) => remote.readFile(path)));
    },
    exists: async (path) => (await python((remote) => remote.pathKind(path))) !== null,
    ensureDirectory: (path) => python((remote) => remote.makeDirectory(path)),
    list: async (path) => (await python((remote) => remote.listFiles(path))).map((entry) => entry.path).sort(),
  };

  /** The item a line of the document belongs to: the last one starting at or before it. */
  const itemAt = (lines: readonly number[], line: number): number => {
    let found = 0;
    lines.forEach((start, index) => {
      if (start <= line) found = index;
    });
    return found;
  };

  return {
    async begin() {
      const dsl = await import('../dsl');
      const sources = notebook.sources();
      const lines = sources.map((source) => source.line);
      const nodes = new Map<number, DslNode>();
      notebook.state.items.forEach((item, index) => {
        const source = sources[index];
        if (item.type === 'block' && isDslStep(item.block, notebook.state.dialect) && source) nodes.set(index, dsl.readDslBlock(source.text, source.line));
      });
      const runner = new dsl.DslRunner({
        read: async (name) => (variables.entries[name] ? await values.read(name) : undefined),
        write: (name, value) => {
          variables.put({ name, origin: 'document', cellId: null, type: typeof value, preview: displayOf(value), sizeBytes: sizeOf(value), value, barrier: null });
        },
        log: (line) => {
          options.log({ ...line, item: itemAt(lines, line.line) });
        },
        get files() {
          return policy.effective().fileSystem ? folder : null;
        },
        stopReason: () => (options.stopping() ? 'stopped' : Date.now() > deadline ? 'timeout' : null),
        get timeLimitMs() {
          return policy.effective().timeLimitMs;
        },
      });
      for (const node of nodes.values()) {
        try {
          runner.define([node]);
        } catch {
          // A FUNCTION with no name fails where it stands, when the run reaches it.
        }
      }
      program = { runner, nodes, lines };
    },
    async run(items) {
      if (program === null) throw new Error('the DSL steps were not begun');
      const { runner, nodes, lines } = program;
      deadline = Date.now() + policy.effective().timeLimitMs;
      const started = performance.now();
      setRunning(true);
      const failure = await runner.runTop(items.flatMap((item) => nodes.get(item) ?? [])).finally(() => setRunning(false));
      const outcome = failure === null ? 'success' : failure.kind === 'stopped' ? 'stopped' : 'error';
      const first = lines[items[0] ?? 0] ?? 1;
      audit.record({ kind: 'run', language: null, cellId: null, detail: `TARS DSL blocks from line ${String(first)}${failure === null ? '' : `: ${failure.message}`}`, durationMs: performance.now() - started, outcome });
      return failure !== null;
    },
    running,
  };
}
