/**
 * What the document itself puts into the variable store, and how text shows store values:
 * VARIABLE blocks seed it, and Markdown cells, ACTION logs and settings fill `${name}`
 * placeholders from it, loading the values they name from their engines first.
 */
import type { NeutralValue } from '../engines/value';
import { interpolate } from '../metascript/interpolate';
import type { PropertyValue } from '../metascript/types';
import { documentSettings, type DocumentSettings } from './document-settings';
import type { Notebook } from './notebook';
import { sizeOf, type VariableStore } from './variable-store';
import type { VariableValues } from './variable-values';

export function createDocumentValues(notebook: Notebook, variables: VariableStore, values: VariableValues) {
  /** The document's settings, `${name}` placeholders filled from the store, values loaded as needed. */
  const settings = async (): Promise<DocumentSettings> => {
    const names = new Set<string>();
    documentSettings(notebook, (name) => {
      names.add(name);
      return undefined;
    });
    return documentSettings(notebook, await values.lookup(names, displayOf));
  };

  /** VARIABLE blocks seed the store, unless a cell has written the name since. */
  const seedVariables = async () => {
    for (const [name, value] of (await settings()).variables) {
      const current = variables.entries[name];
      if (current && current.origin !== 'document') continue;
      if (current && sameValue(variables.valueOf(name) ?? null, value)) continue;
      variables.put({ name, origin: 'document', cellId: null, type: typeof value, preview: displayOf(value), sizeBytes: sizeOf(value), value, barrier: null });
    }
  };

  /** Text with `${name}` placeholders filled from the store, values loaded as needed. */
  const fillPlaceholders = async (text: string): Promise<string> => {
    const names = new Set<string>();
    interpolate(text, (name) => {
      names.add(name);
      return undefined;
    });
    return interpolate(text, await values.lookup(names, displayOf));
  };

  return { settings, seedVariables, fillPlaceholders };
}

/** How a value reads in Markdown and previews: text as itself, everything else compactly. */
export function displayOf(value: NeutralValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return `${value}`;
  if (typeof value !== 'object') return String(value);
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value, (_, item: unknown) => (typeof item === 'bigint' ? `${item}` : item));
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A property value as a neutral one, for a log message that is not text. */
export function toLogValue(value: PropertyValue): NeutralValue {
  if (value === null || typeof value !== 'object') return value;
  return JSON.stringify(value);
}

function sameValue(a: NeutralValue, b: NeutralValue): boolean {
  return displayOf(a) === displayOf(b) && typeof a === typeof b;
}
