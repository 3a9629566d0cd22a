/**
 * The variable store (SPEC §4): every value a cell exported, in the neutral model, with where it
 * came from. Reactive, so the Variables panel and stale marks follow it. Each write gets a new
 * version; engines remember the versions they hold, so only newer values are injected.
 */
import { createStore, reconcile } from 'solid-js/store';
import type { Language } from '../engines/contract';
import { isNeutralArray, isNeutralMap, isNeutralSet, type NeutralValue } from '../engines/value';

/** Where a variable came from: an engine, or the document's own VARIABLE blocks. */
export type Origin = Language | 'document';

export interface VariableEntry {
  readonly name: string;
  readonly origin: Origin;
  /** The cell that wrote it last, or null for a VARIABLE block. */
  readonly cellId: string | null;
  /** The origin language's own type name. */
  readonly type: string;
  readonly preview: string;
  /** Roughly how many bytes the value takes in the neutral model. */
  readonly sizeBytes: number;
  /** The value, or null when it cannot leave its language (see `barrier`); undefined until it has crossed. */
  readonly value: NeutralValue | undefined; // merge: lead owns
  /** Why the value cannot cross to another language, or null when it can. */
  readonly barrier: string | null;
  /** Increases with every write to any variable: the last writer wins. */
  readonly version: number;
}

export interface VariableStore {
  /** Entries by name, reactive. */
  readonly entries: Readonly<Record<string, VariableEntry>>;
  /** Writes an entry and returns its version. */
  put(entry: Omit<VariableEntry, 'version'>): number;
  /** The current version of a name, or 0 when it has never been written. */
  version(name: string): number;
  /** Forgets everything (a new document). */
  clear(): void;
}

export function createVariableStore(): VariableStore {
  const [entries, setEntries] = createStore<Record<string, VariableEntry>>({});
  let clock = 0;
  return {
    entries,
    put(entry) {
      const version = ++clock;
      setEntries(entry.name, { ...entry, version });
      return version;
    },
    version: (name) => entries[name]?.version ?? 0,
    clear() {
      setEntries(reconcile({}));
    },
  };
}

/** Roughly how many bytes a neutral value takes: exact for typed arrays and text. */
export function sizeOf(value: NeutralValue, depth = 0): number {
  if (depth > 64) return 0;
  if (value === null) return 0;
  switch (typeof value) {
    case 'boolean':
      return 1;
    case 'number':
      return 8;
    case 'bigint':
      return Math.ceil(value.toString(16).length / 2);
    case 'string':
      return value.length * 2;
  }
  if (value instanceof Date) return 8;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (isNeutralMap(value)) return [...value].reduce((total: number, [key, item]) => total + sizeOf(key, depth + 1) + sizeOf(item, depth + 1), 0);
  if (isNeutralSet(value)) return [...value].reduce((total: number, item) => total + sizeOf(item, depth + 1), 0);
  if (isNeutralArray(value)) return value.reduce((total: number, item) => total + sizeOf(item, depth + 1), 0);
  return Object.entries(value).reduce((total, [key, item]) => total + key.length * 2 + sizeOf(item, depth + 1), 0);
}
