/**
 * Values of the variable store, loaded on demand (SPEC §4, lazy exports): an export's value
 * stays in its engine until another language reads it, the user opens it in the Variables
 * panel, or `window.playground.variables()` asks for it. Once here, it is kept in the store.
 */
import type { Language } from '../engines/contract';
import { unpack, type PackedValue } from '../engines/packed-value';
import { ConversionError, ReadTimeoutError, isReadTimeout, type NeutralValue } from '../engines/value';
import type { VariableStore } from './variable-store';

/** Reads one global of an engine, packed for another; undefined when the engine has no such name. */
export type EngineRead = (language: Language, name: string) => Promise<PackedValue | undefined>;

export interface VariableValues {
  /**
   * The value of a store entry, read from its engine the first time. Rejects with a
   * ConversionError when it cannot cross (and the entry keeps the reason as its barrier), and
   * with a ReadTimeoutError when its engine stopped the read at the time limit.
   */
  read(name: string): Promise<NeutralValue>;
  /** The same value in the form its engine packed it, for another engine: it is not unpacked here. */
  readPacked(name: string): Promise<PackedValue>;
  /**
   * A lookup for `${name}` placeholders: loads the values of the names first, and gives each
   * as `show` writes it, or undefined for a name that has no value here.
   */
  lookup(names: Iterable<string>, show: (value: NeutralValue) => string): Promise<(name: string) => string | undefined>;
}

export function createVariableValues(variables: VariableStore, readEngine: EngineRead): VariableValues {
  /** Reads under way, by name and version, so that two asks of one value read it once. */
  const reading = new Map<string, Promise<PackedValue>>();

  const load = async (name: string): Promise<PackedValue> => {
    const entry = variables.entries[name];
    if (!entry) throw new Error(`there is no variable ${name}`);
    if (entry.barrier !== null) throw new ConversionError(entry.barrier);
    const held = variables.packedOf(name);
    if (held !== undefined) return held;
    const { origin, version } = entry;
    if (origin === 'document') return { form: 'value', value: null };
    let value: PackedValue | undefined;
    try {
      value = await readEngine(origin, name);
    } catch (error) {
      // The next read may fare no better, but it is tried again rather than barred.
      if (isReadTimeout(error)) throw new ReadTimeoutError(error.message);
      const reason = (error instanceof Error ? error.message : String(error)).replace(/^ConversionError: /, '');
      variables.bar(name, version, reason);
      throw new ConversionError(reason);
    }
    if (value === undefined) throw new Error(`${name} is no longer held by its engine`);
    variables.fill(name, version, value);
    return value;
  };

  const readPacked = (name: string): Promise<PackedValue> => {
    const key = `${name}@${String(variables.version(name))}`;
    let pending = reading.get(key);
    if (!pending) {
      pending = load(name).finally(() => reading.delete(key));
      reading.set(key, pending);
    }
    return pending;
  };

  const read = async (name: string): Promise<NeutralValue> => {
    const packed = await readPacked(name);
    // Unpacked once and kept with the entry, unless a newer write has taken its place.
    return (variables.packedOf(name) === packed ? variables.valueOf(name) : undefined) ?? unpack(packed);
  };

  return {
    read,
    readPacked,
    async lookup(names, show) {
      const values = new Map<string, string>();
      for (const name of new Set(names)) {
        const entry = variables.entries[name];
        if (!entry) continue;
        try {
          values.set(name, show(await read(name)));
        } catch {
          // A value that cannot cross shows as its engine's own preview.
          values.set(name, entry.preview);
        }
      }
      return (name) => values.get(name);
    },
  };
}
