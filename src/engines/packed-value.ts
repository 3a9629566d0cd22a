/**
 * A value on its way from one engine to another, in the form its origin wrote it (SPEC §4).
 *
 * A big list or dict crosses two thread boundaries (origin worker → page → destination worker),
 * and each is a structured clone. Cloning a million-element array or a 200,000-key object costs
 * far more than cloning the one JSON text or typed array the origin's bulk road produced, so the
 * value travels in that form and only the destination builds its own value from it. The page
 * unpacks it into the neutral model only when something there needs the value itself (the
 * Variables panel, `window.playground.variables()`, a `${name}` placeholder).
 *
 * Every form is exact: `unpack` gives the neutral value the origin's general road would have.
 */
import { transfer } from 'comlink';
import { isTypedArray, type NeutralValue } from './value';

export type PackedValue =
  | {
      /** JSON text that gives the neutral value exactly when parsed by JavaScript. */
      readonly form: 'json';
      readonly text: string;
      /**
       * Whether it may hold an integral number past ±(2^53 - 1), written as digits. JavaScript
       * reads that as the double it is; Python's json would make it an int, so a Python
       * destination takes the neutral road instead.
       */
      readonly wideIntegers: boolean;
    }
  | {
      /** A list of numbers as one buffer. */
      readonly form: 'numbers';
      /** `i`: every number is an int32; `d`: none is a safe integer; `n`: mixed (bulk-shapes.ts). */
      readonly kind: 'i' | 'd' | 'n';
      readonly data: Int32Array | Float64Array;
    }
  | { readonly form: 'value'; readonly value: NeutralValue };

/** A neutral value as it is, for the destination's general road. */
export const packedValue = (value: NeutralValue): PackedValue => ({ form: 'value', value });

/** An integer literal of 16 digits or more, outside a fraction and an exponent: it may be past 2^53. */
const LONG_INTEGER = /(?<![\w.+-])-?\d{16,}(?![\w.])/;

/** A JSON text as a packed value, with a cheap scan for integers that may be past 2^53. */
export function packedJson(text: string): PackedValue {
  return { form: 'json', text, wideIntegers: LONG_INTEGER.test(text) };
}

/** The neutral value a packed one stands for. */
export function unpack(packed: PackedValue): NeutralValue {
  switch (packed.form) {
    case 'json':
      return JSON.parse(packed.text) as NeutralValue;
    case 'numbers':
      return Array.from(packed.data);
    case 'value':
      return packed.value;
  }
}

/** Whether a packed value is a list, a dict or another value a cell could change in place. */
export function isMutablePacked(packed: PackedValue): boolean {
  switch (packed.form) {
    case 'json':
      return packed.text.startsWith('[') || packed.text.startsWith('{');
    case 'numbers':
      return true;
    case 'value':
      return packed.value !== null && typeof packed.value === 'object';
  }
}

/**
 * A packed value on its way out of a worker, its buffer moved instead of copied. Only for a
 * value the engine made afresh for the caller.
 */
export function movablePacked<T extends PackedValue | undefined>(packed: T): T {
  if (packed === undefined) return packed;
  const view = packed.form === 'numbers' ? packed.data : packed.form === 'value' && isTypedArray(packed.value) ? packed.value : null;
  // A view of part of a buffer, or of shared memory, is copied as usual.
  if (view === null || !(view.buffer instanceof ArrayBuffer) || view.byteOffset !== 0 || view.byteLength !== view.buffer.byteLength) return packed;
  return transfer(packed, [view.buffer]);
}
