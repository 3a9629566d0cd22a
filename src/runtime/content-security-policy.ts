/**
 * The Content-Security-Policies of the app (SPEC §5), written by vite.config.ts at build time.
 *
 * - The page's policy, a `<meta>` in index.html, guards the page itself.
 * - Each confined engine worker (Restrictive and Standard) runs under a policy fitted to its
 *   tier and its engine: no string evaluation, scripts and wasm only from the app's origin, no
 *   fonts, and connections only to the app's origin, plus, under Standard, the package source
 *   that engine fetches from itself (the Pyodide package base for Python, the ESM source for
 *   JavaScript). worker-factories.ts puts it in force, on any host.
 *
 * A worker's policy list holds the page's policy and its own, and a request must pass both,
 * so the page's `connect-src` lets through every engine's package source and each worker's own
 * policy narrows it to what that worker needs.
 */
import type { ConfinedTier } from '../engines/confinement';
import type { Language } from '../engines/contract';

export type { ConfinedTier } from '../engines/confinement';

export interface PagePolicyOptions {
  /**
   * Origins besides the app's that the engines fetch their own packages from, such as a
   * Pyodide package mirror; `connect-src` lets them through.
   */
  readonly packageOrigins?: readonly string[];
}

/** The origins, besides the app's, that each engine fetches its own packages from. */
export type EnginePackageOrigins = Readonly<Record<Language, readonly string[]>>;

/** One confined worker's policy, and the package origins its self-test must see it refuse. */
export interface WorkerPolicy {
  /** The policy text, put in force by the worker's policy frame. */
  readonly policy: string;
  /** Origins the page's policy lets through but this worker's refuses. */
  readonly refusedOrigins: readonly string[];
}

/** Every confined worker's policy, by engine and tier. */
export type WorkerPolicies = Readonly<Record<Language, Readonly<Record<ConfinedTier, WorkerPolicy>>>>;

const joined = (directives: readonly (readonly string[])[]) => directives.map((directive) => directive.join(' ')).join('; ');
const unique = (origins: readonly string[]) => [...new Set(origins)];

/** The page's policy text, one directive after another. */
export function pageContentSecurityPolicy(options: PagePolicyOptions = {}): string {
  return joined([
    ['default-src', "'self'"],
    // Engines compile wasm; nothing may evaluate a string as script.
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    // Solid and CodeMirror set styles from script.
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'none'"],
    // The workers' own policies narrow this to what each one needs.
    ['connect-src', "'self'", ...unique(options.packageOrigins ?? [])],
    // The confined engine workers are blob: workers.
    ['worker-src', "'self'", 'blob:'],
    // HTML output runs in frames of the app's own output page.
    ['frame-src', "'self'"],
    ['media-src', "'self'", 'data:', 'blob:'],
    ['object-src', "'none'"],
    ['manifest-src', "'self'"],
    ['base-uri', "'self'"],
    ['form-action', "'none'"],
  ]);
}

/**
 * A confined engine worker's policy text: connections only to the app's origin and to
 * `connectOrigins`. `worker-src` must let the worker itself start (a `blob:` worker whose module
 * graph is the app's own), and a worker's policy is inherited by what it starts, so CSP cannot
 * forbid nested workers here: the capability layer takes `Worker` and `SharedWorker` away.
 */
export function workerContentSecurityPolicy(connectOrigins: readonly string[] = []): string {
  return joined([
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['connect-src', "'self'", ...unique(connectOrigins)],
    ['font-src', "'none'"],
    ['img-src', "'none'"],
    ['media-src', "'none'"],
    ['worker-src', "'self'", 'blob:'],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ]);
}

/**
 * Every confined worker's policy: Restrictive reaches only the app's origin; Standard also its
 * own engine's package source, never the other engine's.
 */
export function workerPolicies(origins: EnginePackageOrigins): WorkerPolicies {
  const all = unique([...origins.python, ...origins.javascript]);
  const forEngine = (own: readonly string[]): Record<ConfinedTier, WorkerPolicy> => ({
    restrictive: { policy: workerContentSecurityPolicy(), refusedOrigins: all },
    standard: { policy: workerContentSecurityPolicy(own), refusedOrigins: all.filter((origin) => !own.includes(origin)) },
  });
  return { python: forEngine(origins.python), javascript: forEngine(origins.javascript) };
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
