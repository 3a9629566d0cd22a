/**
 * The variable store (SPEC §4): every name a cell exported, described, with where it came from.
 * Its value stays in its engine until something needs it here (lazy exports), and is kept once
 * it has come. The descriptions are reactive, so the Variables panel and stale marks follow them;
 * the values are not: a Solid store wraps every object it hands out in a proxy, and walking a
 * million-element list through proxies (or unwrapping it) costs more than its crossing. Each
 * write gets a new version; engines remember the versions they hold, so only newer values are
 * injected.
 */
import { createStore, reconcile } from 'solid-js/store';
import type { Language } from '../engines/contract';
import { packedValue, unpack, type PackedValue } from '../engines/packed-value';
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
  /** Roughly how many bytes the value takes, as its engine estimates it. */
  readonly sizeBytes: number;
  /** Why the value cannot cross to another language, or null when it can. */
  readonly barrier: string | null;
  /** Increases with every write to any variable: the last writer wins. */
  readonly version: number;
}

/** What is written: the description, and the value when the page already has it (a VARIABLE block). */
export interface VariableWrite extends Omit<VariableEntry, 'version'> {
  /** The value in the neutral model when it is known here; undefined while it stays in its engine. */
  readonly value: NeutralValue | undefined;
}

export interface VariableStore {
  /** Entries by name, reactive. */
  readonly entries: Readonly<Record<string, VariableEntry>>;
  /** Writes an entry and returns its version. */
  put(entry: VariableWrite): number;
  /**
   * The current version of a name, or 0 when it has never been written. A name that was
   * forgotten keeps a version of its own, newer than any its readers saw, so they are stale.
   */
  version(name: string): number;
  /**
   * The value of a name's current version once it has crossed to the page (not reactive, not
   * wrapped), unpacked the first time it is asked for; undefined while it stays in its engine.
   */
  valueOf(name: string): NeutralValue | undefined;
  /** The same, in the form its engine packed it for another engine. */
  packedOf(name: string): PackedValue | undefined;
  /** Keeps the value of a version that came from its engine; a newer write wins. */
  fill(name: string, version: number, packed: PackedValue): void;
  /** Marks a name as unable to cross, with the reason found when it was read. */
  bar(name: string, version: number, barrier: string): void;
  /** Drops every entry that came from one origin (its engine was restarted); returns their names. */
  forgetOrigin(origin: Origin): string[];
  /** Forgets everything (a new document). */
  clear(): void;
}

export function createVariableStore(): VariableStore {
  const [entries, setEntries] = createStore<Record<string, VariableEntry>>({});
  let clock = 0;
  /** The version at which each forgotten name was dropped. */
  const dropped = new Map<string, number>();
  /**
   * The values that have crossed to the page, by name, with the version each belongs to: packed
   * as their engine sent them, and unpacked once the page itself needs the value.
   */
  const values = new Map<string, { readonly version: number; readonly packed: PackedValue; value?: NeutralValue }>();
  const current = (name: string, version: number) => entries[name]?.version === version;
  const held = (name: string) => {
    const kept = values.get(name);
    return kept !== undefined && current(name, kept.version) ? kept : undefined;
  };
  return {
    entries,
    put({ value, ...entry }) {
      const version = ++clock;
      dropped.delete(entry.name);
      if (value === undefined) values.delete(entry.name);
      else values.set(entry.name, { version, packed: packedValue(value), value });
      setEntries(entry.name, { ...entry, version });
      return version;
    },
    version: (name) => entries[name]?.version ?? dropped.get(name) ?? 0,
    valueOf(name) {
      const kept = held(name);
      if (kept === undefined) return undefined;
      kept.value ??= unpack(kept.packed);
      return kept.value;
    },
    packedOf: (name) => held(name)?.packed,
    fill(name, version, packed) {
      if (current(name, version)) values.set(name, { version, packed });
    },
    bar(name, version, barrier) {
      if (!current(name, version)) return;
      values.delete(name);
      setEntries(name, { barrier });
    },
    forgetOrigin(origin) {
      const names = Object.values(entries)
        .filter((entry) => entry.origin === origin)
        .map((entry) => entry.name);
      if (names.length === 0) return names;
      const version = ++clock;
      for (const name of names) {
        dropped.set(name, version);
        values.delete(name);
      }
      setEntries(reconcile(Object.fromEntries(Object.entries(entries).filter(([, entry]) => entry.origin !== origin))));
      return names;
    },
    clear() {
      dropped.clear();
      values.clear();
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
