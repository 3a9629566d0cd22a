/**
 * How a value is laid out in the output: records for a table, containers for a tree, and
 * the short text of everything else. Pure functions over neutral values.
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
  return isContainer(value) && childrenOf(value).some((child) => isContainer(child.value));
}

/** One child of a container in the tree: its label (index or key) and its value. */
export interface TreeChild {
  readonly label: string;
  readonly value: NeutralValue;
}

/** A container's children, labelled; empty for anything else. */
export function childrenOf(value: NeutralValue): TreeChild[] {
  if (isNeutralArray(value)) return value.map((item, index) => ({ label: String(index), value: item }));
  if (isNeutralMap(value)) return [...value].map(([key, item]) => ({ label: leafText(key), value: item }));
  if (isNeutralSet(value)) return [...value].map((item, index) => ({ label: String(index), value: item }));
  if (isRecord(value)) return Object.entries(value).map(([key, item]) => ({ label: key, value: item }));
  return [];
}

/** A container's one-line summary, such as `Array(3)` or `Object {2 keys}`. */
export function summaryOf(value: NeutralValue): string {
  if (isNeutralArray(value)) return `Array(${value.length})`;
  if (isNeutralMap(value)) return `Map(${value.size})`;
  if (isNeutralSet(value)) return `Set(${value.size})`;
  const keys = childrenOf(value).length;
  return `Object {${keys} ${keys === 1 ? 'key' : 'keys'}}`;
}

/** The text of a value that is not opened up: text quoted, numbers as written, dates in ISO. */
export function leafText(value: NeutralValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
      return String(value);
    default:
      break;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Uint8Array) return `bytes(${value.length})`;
  if (isTypedArray(value)) {
    const shown = Array.from(value.subarray(0, 8), (item: number | bigint) => String(item));
    return `${value.constructor.name}(${value.length}) [${shown.join(', ')}${value.length > 8 ? ', …' : ''}]`;
  }
  return summaryOf(value);
}

/** A table cell's text: text as itself, containers as compact JSON, the rest as leaf text. */
export function cellText(value: NeutralValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (isNeutralArray(value) || isRecord(value)) {
    try {
      return JSON.stringify(value, (_, item: unknown) => (typeof item === 'bigint' ? `${item}` : item));
    } catch {
      return summaryOf(value);
    }
  }
  return leafText(value);
}
