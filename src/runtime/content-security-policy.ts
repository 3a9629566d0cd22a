/**
 * The page's Content-Security-Policy (SPEC §5), which vite.config.ts writes into index.html as
 * a `<meta>`. It guards the page, and every confined engine worker inherits it (those are
 * `blob:` workers, see worker-factories.ts), so it is also the policy of Restrictive and
 * Standard code: no string evaluation, scripts and wasm only from the app's origin, no fonts,
 * no connections but to the app's origin and to where the engines fetch their own packages.
 * A `<meta>` policy cannot be loosened by anything that runs later, and needs no server.
 */

export interface PagePolicyOptions {
  /**
   * Origins besides the app's that the engines fetch their own packages from, such as a
   * Pyodide package mirror; `connect-src` lets them through.
   */
  readonly packageOrigins?: readonly string[];
}

/** The policy text, one directive after another. */
export function pageContentSecurityPolicy(options: PagePolicyOptions = {}): string {
  const connect = ["'self'", ...new Set(options.packageOrigins ?? [])];
  const directives: readonly (readonly string[])[] = [
    ['default-src', "'self'"],
    // Engines compile wasm; nothing may evaluate a string as script.
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    // Solid and CodeMirror set styles from script.
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'none'"],
    ['connect-src', ...connect],
    // The confined engine workers are blob: workers.
    ['worker-src', "'self'", 'blob:'],
    // HTML output runs in frames of the app's own output page.
    ['frame-src', "'self'"],
    ['media-src', "'self'", 'data:', 'blob:'],
    ['object-src', "'none'"],
    ['manifest-src', "'self'"],
    ['base-uri', "'self'"],
    ['form-action', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/** The origin of a package base URL, or null for none, a relative URL or one that does not parse. */
export function originOf(url: string | null | undefined): string | null {
  if (url === null || url === undefined || url === '' || url === 'none') return null;
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? origin : null;
  } catch {
    return null;
  }
}
