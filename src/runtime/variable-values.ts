/**
 * Values of the variable store, loaded on demand (SPEC §4, lazy exports): an export's value
 * stays in its engine until another language reads it, the user opens it in the Variables
 * panel, or `window.playground.variables()` asks for it. Once here, it is kept in the store.
 */
import type { Language } from '../engines/contract';
import { ConversionError, ReadTimeoutError, isReadTimeout, type NeutralValue } from '../engines/value';
import type { VariableStore } from './variable-store';

/** Reads one global of an engine as a neutral value; undefined when the engine has no such name. */
export type EngineRead = (language: Language, name: string) => Promise<NeutralValue | undefined>;

export interface VariableValues {
  /**
   * The value of a store entry, read from its engine the first time. Rejects with a
   * ConversionError when it cannot cross (and the entry keeps the reason as its barrier), and
   * with a ReadTimeoutError when its engine stopped the read at the time limit.
   */
  read(name: string): Promise<NeutralValue>;
  /**
   * A lookup for `${name}` placeholders: loads the values of the names first, and gives each
   * as `show` writes it, or undefined for a name that has no value here.
   */
  lookup(names: Iterable<string>, show: (value: NeutralValue) => string): Promise<(name: string) => string | undefined>;
}

export function createVariableValues(variables: VariableStore, readEngine: EngineRead): VariableValues {
  /** Reads under way, by name and version, so that two asks of one value read it once. */
  const reading = new Map<string, Promise<NeutralValue>>();

  const load = async (name: string): Promise<NeutralValue> => {
    const entry = variables.entries[name];
    if (!entry) throw new Error(`there is no variable ${name}`);
    if (entry.barrier !== null) throw new ConversionError(entry.barrier);
    const held = variables.valueOf(name);
    if (held !== undefined) return held;
    const { origin, version } = entry;
    if (origin === 'document') return null;
    let value: NeutralValue | undefined;
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

  const read = (name: string): Promise<NeutralValue> => {
    const key = `${name}@${String(variables.version(name))}`;
    let pending = reading.get(key);
    if (!pending) {
      pending = load(name).finally(() => reading.delete(key));
      reading.set(key, pending);
    }
    return pending;
  };

  return {
    read,
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
