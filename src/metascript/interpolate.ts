/**
 * `${name}` interpolation for property values and MARKDOWN text (SPEC §2). Code is never
 * interpolated; a name the lookup does not know is left as written.
 */
const PLACEHOLDER = /\$\{\s*([A-Za-z_$][\w$]*)\s*\}/g;

export function interpolate(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(PLACEHOLDER, (placeholder, name: string) => lookup(name) ?? placeholder);
}
