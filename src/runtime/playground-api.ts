/**
 * `window.playground`, the automation and embedding contract of SPEC §8. Tests rely on it,
 * so its shape only ever grows.
 */
import { unwrap } from 'solid-js/store';
import type { Language, UnifiedError } from '../engines/contract';
import { outputText } from '../engines/output-bounds';
import type { NeutralValue } from '../engines/value';
import { shareUrl } from '../share/share-link';
import type { AuditEntry } from './audit-log';
import { createJavaScriptClient, createPythonClient, type JavaScriptClient, type PythonClient } from './bridge-client';
import type { CellState, CellStatus, Notebook } from './notebook';
import type { Session } from './session';

export interface CellReport {
  readonly id: string;
  readonly name: string | null;
  readonly kind: string;
  readonly status: CellStatus;
  /**
   * stdout and stderr text as shown, in order; what `display()` showed is left out. A flood shows
   * its beginning, a line such as `… 998,000 lines (6.7 MB) left out …`, and its end.
   */
  readonly output: string;
  readonly result: NeutralValue;
  readonly errors: readonly UnifiedError[];
  /** A variable the cell read has changed since it ran. */
  readonly stale: boolean;
}

/** One entry of `variables()`. */
export interface VariableReport {
  /** The language that wrote it, or `document` for a VARIABLE block. */
  readonly language: string;
  readonly type: string;
  /** The value in the neutral model; null when it cannot leave its language. */
  readonly value: NeutralValue;
}

export interface RunReport {
  /** True when every runnable cell, and every TARS DSL block, ran without an error. */
  readonly success: boolean;
  readonly cells: readonly CellReport[];
  /** The run log's lines in order: what ACTION log blocks printed, notes on blocks skipped, and errors. */
  readonly log: readonly string[];
}

export interface PlaygroundApi {
  /**
   * Resolves once the UI is usable, in a page that will stay: on a host without isolation
   * headers, asking keeps the page from its one reload to become isolated (src/share/offline.ts).
   * Engines may still be unloaded.
   */
  ready(): Promise<void>;
  /** Opens a document; a syntax error is shown in the UI and the current cells stay. */
  load(text: string, options?: { trusted?: boolean }): void;
  /** The current document serialized. */
  text(): string;
  /** Runs every cell in order. */
  runAll(): Promise<RunReport>;
  /** Runs one cell, found by id or name. */
  runCell(idOrName: string): Promise<CellReport>;
  /** Every cell's current state. */
  cells(): CellReport[];
  /** The variable store: every variable cells exported, by name. */
  variables(): Promise<Record<string, VariableReport>>;
  /** Stops whatever is running, in every engine. */
  stop(): Promise<void>;
  /**
   * Replaces one engine's worker, as the UI's Restart does: its state is lost, its exports leave
   * the store, and cells that read them become stale. The other languages keep what they hold.
   */
  restart(language: Language): Promise<void>;
  /** A link that reproduces the current document: this page's address with `#v1/<payload>`. */
  shareLink(): string;
  /** The audit log: every run, stop and crash, with timestamps. */
  audit(): AuditEntry[];
  /** The Python bridge's operations (SPEC §3), run in the Python worker. */
  readonly python: PythonClient;
  /** The JavaScript bridge's operations, run in the JavaScript worker. */
  readonly javascript: JavaScriptClient;
}

const ENGINES: readonly string[] = ['python', 'javascript'];

/** A plain snapshot of a cell, detached from the reactive store. */
export function reportOf(stored: CellState, stale: boolean): CellReport {
  const cell = unwrap(stored);
  return {
    stale,
    id: cell.id,
    name: cell.name,
    kind: cell.kind,
    status: cell.status,
    // Text only, as SPEC §8 says; displayed bundles are shown in the page but not reported here.
    output: outputText({ chunks: cell.output, omitted: cell.omitted }),
    result: cell.result,
    errors: [...cell.errors],
  };
}

/** `ready` is the page's own: it resolves once the page is usable and sure not to reload. */
export function createPlaygroundApi(notebook: Notebook, session: Session, ready: () => Promise<void>): PlaygroundApi {
  const report = (cell: CellState) => reportOf(cell, session.isStale(cell));
  return {
    ready,
    load: (text, options) => {
      notebook.load(text, options);
    },
    text: () => notebook.text(),
    runAll: async () => {
      const cells = (await session.runAll()).map(report);
      const log = session.log();
      return { success: cells.every((cell) => cell.status !== 'error') && !log.some((line) => line.level === 'error'), cells, log: log.map((line) => line.text) };
    },
    runCell: async (idOrName) => {
      const cell = notebook.find(idOrName);
      if (!cell) throw new Error(`there is no cell named ${idOrName}`);
      return report(await session.runCell(cell.id));
    },
    cells: () => notebook.cells().map(report),
    variables: async () => {
      // Values stay in their engines until asked for; this asks for every one.
      const names = Object.keys(session.variables.entries);
      const reports: [string, VariableReport][] = [];
      for (const name of names) {
        const entry = session.variables.entries[name];
        if (!entry) continue;
        const value = await session.readValue(name).catch(() => null);
        reports.push([name, { language: entry.origin, type: entry.type, value }]);
      }
      return Object.fromEntries(reports);
    },
    restart: (language) => {
      // Called from a console or an embedder, so the name is checked, whatever its type says.
      if (!ENGINES.includes(language)) return Promise.reject(new Error(`there is no ${language} engine; restart python or javascript`));
      return session.restartEngine(language);
    },
    stop: () => session.stop(),
    shareLink: () => shareUrl(notebook.text(), location.href),
    audit: () => session.audit.entries(),
    python: createPythonClient(session.hosts.python),
    javascript: createJavaScriptClient(session.hosts.javascript),
  };
}
