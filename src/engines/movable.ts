/**
 * A value on its way out of a worker, marked so that Comlink moves a typed array's buffer
 * instead of copying it: megabytes then cross to the page without a second copy. Only values
 * the engine made afresh for the caller are marked; the engine keeps no reference to them.
 */
import { transfer } from 'comlink';
import { isTypedArray, type NeutralValue } from './value';

export function movable<T extends NeutralValue | undefined>(value: T): T {
  if (value === undefined || !isTypedArray(value)) return value;
  const { buffer } = value;
  // A view of part of a buffer, or of shared memory, is copied as usual.
  if (!(buffer instanceof ArrayBuffer) || value.byteOffset !== 0 || value.byteLength !== buffer.byteLength) return value;
  return transfer(value, [buffer]);
}
