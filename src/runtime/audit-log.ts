/**
 * The audit log (SPEC §5): a timestamped record of every run, violation, interrupt, restart,
 * crash, tier change, elevation and trust decision; viewable in its panel and exported as JSON.
 */
import { createSignal } from 'solid-js';
import type { Language } from '../engines/contract';

/**
 * run: a cell ran (its duration and outcome); violation: a policy denied something; interrupt,
 * restart, crash: an engine was stopped, replaced or died; tier: the policy runs use changed;
 * elevation: a document asked for more than Standard and the user answered; trust: the user
 * trusted a document from a link or a file, or a run was refused because it was not trusted.
 */
export type AuditKind = 'run' | 'violation' | 'interrupt' | 'restart' | 'crash' | 'tier' | 'elevation' | 'trust';

export interface AuditEntry {
  /** ISO 8601 time of the event. */
  readonly time: string;
  readonly kind: AuditKind;
  readonly language: Language | null;
  readonly cellId: string | null;
  /** What happened, in words. */
  readonly detail: string;
  /** For runs: the wall time of the run. */
  readonly durationMs?: number;
  /** For runs: `success`, `error`, `stopped` or `blocked`. */
  readonly outcome?: 'success' | 'error' | 'stopped' | 'blocked';
}

export interface AuditLog {
  record(entry: Omit<AuditEntry, 'time'>): void;
  /** Every entry so far, oldest first; reactive, so the Audit panel follows it. */
  entries(): AuditEntry[];
}

export function createAuditLog(now: () => Date = () => new Date()): AuditLog {
  const [entries, setEntries] = createSignal<readonly AuditEntry[]>([]);
  return {
    record: (entry) => {
      setEntries((previous) => [...previous, { time: now().toISOString(), ...entry }]);
    },
    entries: () => [...entries()],
  };
}
