/**
 * Reads the MIME bundles that user code hands to `display()`. Each engine's support code
 * builds the bundle inside its language; this is the host side's check of what came out.
 */
import type { MimeBundle } from './contract';

/** Keeps the entries of a plain object whose key is a MIME type and whose value is text. */
export function readBundle(value: unknown): MimeBundle {
  const bundle: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return bundle;
  for (const [type, data] of Object.entries(value)) {
    if (type.includes('/') && typeof data === 'string') bundle[type] = data;
  }
  return bundle;
}
