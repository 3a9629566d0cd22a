/**
 * QuickJS values in and out of the VM: by a bulk road where that is exact (bulk.ts), otherwise
 * value by value (handles.ts). Out, a value is packed (packed-value.ts) for the other engine, or
 * neutral for the page; in, either form.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { packedValue, unpack, type PackedValue } from '../packed-value';
import { ConversionError, type NeutralValue } from '../value';
import { readBulk, writeBulk, writePacked } from './bulk';
import { handleToNeutral, neutralToHandle } from './handles';

/**
 * A QuickJS value in the form its road gives. A value nested so deep that the host's own stack
 * runs out first (a worker's is smaller than Node's) cannot cross, as one past MAX_DEPTH cannot.
 */
export function packedOf(context: QuickJSContext, helpers: QuickJSHandle, handle: QuickJSHandle): PackedValue {
  try {
    return readBulk(context, helpers, handle) ?? packedValue(handleToNeutral(context, helpers, handle));
  } catch (error) {
    if (error instanceof RangeError) throw new ConversionError(`value is nested too deep to cross (${error.message})`);
    throw error;
  }
}

/** A QuickJS value as a neutral one. */
export function valueOf(context: QuickJSContext, helpers: QuickJSHandle, handle: QuickJSHandle): NeutralValue {
  return unpack(packedOf(context, helpers, handle));
}

/** A new QuickJS value from a packed one; the caller owns the handle. */
export function handleFromPacked(context: QuickJSContext, helpers: QuickJSHandle, packed: PackedValue): QuickJSHandle {
  const bulk = writePacked(context, helpers, packed);
  if (bulk !== null) return bulk;
  const value = unpack(packed);
  return (packed.form === 'value' ? null : writeBulk(context, helpers, value)) ?? neutralToHandle(context, helpers, value);
}
