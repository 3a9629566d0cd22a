/**
 * The last step of a cell's run: its exports go into the variable store as its engine described
 * them, each without its value, which stays in the engine until something asks for it (lazy
 * exports). The last writer wins; the engine holds what it exported, so nothing is sent back.
 */
import type { ExportInfo } from '../../engines/cell-request';
import type { Language } from '../../engines/contract';
import type { VariableStore } from '../variable-store';
import type { HeldVersions } from './prepare';

export function collectExports(variables: VariableStore, held: HeldVersions, language: Language, cellId: string, names: readonly string[], described: readonly ExportInfo[]): void {
  const byName = new Map(described.map((info) => [info.name, info]));
  for (const name of names) {
    const info = byName.get(name);
    // A name the cell assigned and then deleted, or one its engine could not describe.
    if (!info) continue;
    const version = variables.put({
      name,
      origin: language,
      cellId,
      type: info.type,
      preview: info.preview,
      sizeBytes: info.sizeBytes,
      value: undefined,
      barrier: info.barrier,
    });
    held[language].set(name, version);
  }
}
