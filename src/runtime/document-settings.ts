/**
 * What the document's property blocks say: CONFIG's packages and the VARIABLE blocks' values.
 * String values are interpolated with `${name}`. CONFIG's tier and limits are read by the
 * policy control (policy-control.ts).
 */
import { unwrap } from 'solid-js/store';
import type { NeutralValue } from '../engines/value';
import { interpolate } from '../metascript/interpolate';
import type { PropertyBlock, PropertyValue } from '../metascript/types';
import type { Notebook } from './notebook';

export interface DocumentSettings {
  /** CONFIG `packages`, installed before the first Python cell. */
  readonly packages: readonly string[];
  /** VARIABLE blocks in order: name and value. */
  readonly variables: readonly (readonly [string, NeutralValue])[];
}

/**
 * The value of `key` in a property block, if it has one. A value kept verbatim (`Date.now()`,
 * `"run_" + id`) is text as written, not a value: nothing is read from it.
 */
export function propertyValue(block: PropertyBlock, key: string): PropertyValue | undefined {
  const entry = block.properties.find((candidate) => candidate.key === key);
  return entry === undefined || entry.verbatim === true ? undefined : entry.value;
}

/**
 * The value of `key` in the document's first property block of `kind`, if any. Every change to
 * the items replaces the array, so a reader subscribes to the array alone and walks it unwrapped:
 * through the store, each of a long document's blocks would be a subscription of its own.
 */
export function documentProperty(notebook: Notebook, kind: PropertyBlock['kind'], key: string): PropertyValue | undefined {
  for (const item of unwrap(notebook.state.items)) {
    if (item.type === 'block' && item.block.type === 'properties' && item.block.kind === kind) return propertyValue(item.block, key);
  }
  return undefined;
}

export function documentSettings(notebook: Notebook, lookup: (name: string) => string | undefined): DocumentSettings {
  const packages = documentProperty(notebook, 'CONFIG', 'packages');
  const variables = notebook.state.items.flatMap((item): [string, NeutralValue][] => {
    if (item.type !== 'block' || item.block.type !== 'properties' || item.block.kind !== 'VARIABLE' || item.block.name === null) return [];
    const entry = item.block.properties.find((candidate) => candidate.key === 'value');
    // A value written as an expression is not evaluated here, so it seeds nothing.
    if (entry?.verbatim === true) return [];
    return [[item.block.name, toNeutral(entry?.value ?? null, lookup)]];
  });
  return {
    packages: Array.isArray(packages) ? packages.filter((name): name is string => typeof name === 'string') : [],
    variables,
  };
}

function toNeutral(value: PropertyValue, lookup: (name: string) => string | undefined): NeutralValue {
  if (typeof value === 'string') return interpolate(value, lookup);
  if (value === null || typeof value !== 'object') return value;
  if (isPropertyArray(value)) return value.map((item) => toNeutral(item, lookup));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toNeutral(item, lookup)]));
}

function isPropertyArray(value: PropertyValue): value is readonly PropertyValue[] {
  return Array.isArray(value);
}
