/**
 * Step one of a cell's run: what its engine must be told. The request names every variable the
 * engine holds an older value of (and every WASM module it lacks); the engine runs the cell at
 * once unless the cell reads one of them. Then, and only then, the values are gathered here,
 * from the store or from the engine that made them, and sent with the request again.
 */
import type { CellRequest } from '../../engines/cell-request';
import type { Language, UnifiedError } from '../../engines/contract';
import type { PackedValue } from '../../engines/packed-value';
import { isReadTimeout } from '../../engines/value';
import type { VariableStore } from '../variable-store';
import type { VariableValues } from '../variable-values';
import type { WasmModules } from '../wasm-modules';

const LANGUAGE_NAMES: Record<Language, string> = { python: 'Python', javascript: 'JavaScript' };

/** The store version each engine holds of each name, natively or given. */
export type HeldVersions = Record<Language, Map<string, number>>;

/** Names of which `language`'s engine holds an older value than the store, or none. */
export function pendingNames(variables: VariableStore, held: HeldVersions, wasm: WasmModules, language: Language): string[] {
  const names = Object.values(variables.entries).flatMap((entry) => (entry.origin !== language && (held[language].get(entry.name) ?? 0) < entry.version ? [entry.name] : []));
  return [...names, ...wasm.pending(language)];
}

export function firstRequest(code: string, cellId: string, timeoutMs: number, pending: readonly string[]): CellRequest {
  return { code, cellId, timeoutMs, pending, values: {} };
}

/** The values a cell needs, with the versions they are and the bytes they come to. */
export interface Supply {
  readonly values: Record<string, PackedValue>;
  readonly versions: readonly (readonly [string, number])[];
  readonly bytes: number;
}

/**
 * Gathers the newer values of `names` for `language`'s engine. A value that cannot cross gives
 * the cell a `conversion` error: "x is a Python function and cannot cross to JavaScript"; one
 * whose getters never return gives it a `timeout` error, naming the limit its read was stopped at.
 */
export async function supply(variables: VariableStore, values: VariableValues, language: Language, names: readonly string[], cellId: string): Promise<Supply | UnifiedError> {
  const gathered: Record<string, PackedValue> = {};
  const versions: [string, number][] = [];
  let bytes = 0;
  for (const name of names) {
    const entry = variables.entries[name];
    // A WASM module, which the session loads on its own road.
    if (!entry) continue;
    const from = LANGUAGE_NAMES[entry.origin === 'document' ? language : entry.origin];
    if (entry.barrier !== null) return crossingError(language, cellId, `${name} is a ${from} ${entry.type} and cannot cross to ${LANGUAGE_NAMES[language]}: ${entry.barrier}`);
    const { version } = entry;
    try {
      gathered[name] = await values.readPacked(name);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (isReadTimeout(error)) return { language, kind: 'timeout', name: 'TimeoutError', message: reason, cellId, line: null, column: null, frames: [] };
      return crossingError(language, cellId, `${name} is a ${from} ${entry.type} and cannot cross to ${LANGUAGE_NAMES[language]}: ${reason}`);
    }
    versions.push([name, version]);
    bytes += entry.sizeBytes;
  }
  return { values: gathered, versions, bytes };
}

function crossingError(language: Language, cellId: string, message: string): UnifiedError {
  return { language, kind: 'conversion', name: 'ConversionError', message, cellId, line: null, column: null, frames: [] };
}
