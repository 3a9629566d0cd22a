/**
 * The audit log (SPEC §5): a timestamped record of every run, stop and crash. Policy
 * violations and elevations join it when the policy tiers are enforced.
 */
import { createSignal } from 'solid-js';
import type { Language } from '../engines/contract';

export type AuditKind = 'run' | 'interrupt' | 'restart' | 'crash';

export interface AuditEntry {
  /** ISO 8601 time of the event. */
  readonly time: string;
  readonly kind: AuditKind;
  readonly language: Language | null;
  readonly cellId: string | null;
  /** What happened, in words. */
  readonly detail: string;
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
