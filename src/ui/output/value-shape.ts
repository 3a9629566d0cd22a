/**
 * How a value is laid out in the output: records for a table, containers for a tree, and
 * leaves for everything else. Pure functions over neutral values; value-terms.ts names them.
 */
import { isNeutralArray, isNeutralMap, isNeutralSet, isTypedArray, toNeutral, type NeutralObject, type NeutralValue } from '../../engines/value';

/** Items of a container shown before a "more" control. */
export const PAGE_SIZE = 100;

/** Parses JSON text into a neutral value; undefined when it is not JSON. */
export function parseJson(text: string): NeutralValue | undefined {
  try {
    return toNeutral(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** A plain object: a dict with string keys, or a JavaScript object. */
export function isRecord(value: NeutralValue): value is NeutralObject {
  return typeof value === 'object' && value !== null && !isNeutralArray(value) && !isNeutralMap(value) && !isNeutralSet(value) && !(value instanceof Date) && !isTypedArray(value);
}

/** A non-empty array whose every item is a record: shown as a table. */
export function isRecordArray(value: NeutralValue): value is readonly NeutralObject[] {
  return isNeutralArray(value) && value.length > 0 && value.every(isRecord);
}

/** The table's columns: every key of every record, in the order first seen. */
export function recordColumns(records: readonly NeutralObject[]): string[] {
  const columns = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) columns.add(key);
  return [...columns];
}

/** Whether a value opens up in a tree: an array, a record, a Map or a Set. */
export function isContainer(value: NeutralValue): boolean {
  return isNeutralArray(value) || isRecord(value) || isNeutralMap(value) || isNeutralSet(value);
}

/** A container that holds another container: worth a tree rather than one line of text. */
export function isNestedContainer(value: NeutralValue): boolean {
  return isContainer(value) && childValues(value).some(isContainer);
}

/** One child of a container in the tree: its label (index or key) and its value. */
export interface TreeChild {
  readonly label: string;
  readonly value: NeutralValue;
}

/**
 * A container's children, labelled; empty for anything else. A Map's keys are values of their
 * own, so `keyLabel` writes them in the terms the tree is shown in (value-terms.ts).
 */
export function childrenOf(value: NeutralValue, keyLabel: (key: NeutralValue) => string): TreeChild[] {
  if (isNeutralArray(value)) return value.map((item, index) => ({ label: String(index), value: item }));
  if (isNeutralMap(value)) return [...value].map(([key, item]) => ({ label: keyLabel(key), value: item }));
  if (isNeutralSet(value)) return [...value].map((item, index) => ({ label: String(index), value: item }));
  if (isRecord(value)) return Object.entries(value).map(([key, item]) => ({ label: key, value: item }));
  return [];
}

function childValues(value: NeutralValue): NeutralValue[] {
  if (isNeutralArray(value)) return [...value];
  if (isNeutralMap(value) || isNeutralSet(value)) return [...value.values()];
  if (isRecord(value)) return Object.values(value);
  return [];
}
