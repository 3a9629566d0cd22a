/** The Examples menu's list: `examples/index.json`, served with the app from public/examples/. */

export interface ExampleEntry {
  /** The file name without `.tars`. */
  readonly name: string;
  /** The example's DESCRIBE name. */
  readonly title: string;
}

/** Reads the index, keeping only well-formed entries. */
export function parseExamplesIndex(json: unknown): ExampleEntry[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((entry: unknown): ExampleEntry[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const name: unknown = Reflect.get(entry, 'name');
    const title: unknown = Reflect.get(entry, 'title');
    return typeof name === 'string' && /^[\w-]+$/.test(name) && typeof title === 'string' ? [{ name, title }] : [];
  });
}

/** The URL of an example's file, under the app's base path. */
export function exampleUrl(name: string, base: string = import.meta.env.BASE_URL): string {
  return `${base}examples/${encodeURIComponent(name)}.tars`;
}
