/**
 * The security policy tiers (SPEC §5): what user code may import, touch and spend. Engines
 * enforce a policy for real; the runtime picks one from the document's CONFIG and the user's
 * consent. Everything here is plain data, so a policy crosses to a worker as it is.
 */

export type Tier = 'restrictive' | 'standard' | 'unrestricted';

export const TIER_ORDER: readonly Tier[] = ['restrictive', 'standard', 'unrestricted'];

/** Which JavaScript modules a cell may import. */
export type JavaScriptModules = 'none' | 'vendored' | 'all';

export interface Policy {
  readonly tier: Tier;
  /**
   * Top-level Python modules user code may import, or null for any. Modules these import
   * for themselves (the stdlib internals they need) are not checked.
   */
  readonly pythonModules: readonly string[] | null;
  /** `none`; `vendored`: the app's modules folder and the document's own cells; `all`: the ESM source too. */
  readonly javascriptModules: JavaScriptModules;
  /** Whether user code may use the document's virtual file system. */
  readonly fileSystem: boolean;
  /** Whether user code may reach the network. */
  readonly network: boolean;
  /** How long one cell may run. */
  readonly timeLimitMs: number;
  /** How large an engine's heap may grow. */
  readonly memoryLimitBytes: number;
}

const MB = 1024 * 1024;
const RESTRICTIVE_MODULES = ['math', 'datetime', 'json', 're', 'collections'] as const;

/** The seed's values for each tier (SPEC §5). */
export const TIERS: Readonly<Record<Tier, Policy>> = {
  restrictive: {
    tier: 'restrictive',
    pythonModules: RESTRICTIVE_MODULES,
    javascriptModules: 'none',
    fileSystem: false,
    network: false,
    timeLimitMs: 10_000,
    memoryLimitBytes: 64 * MB,
  },
  standard: {
    tier: 'standard',
    pythonModules: [...RESTRICTIVE_MODULES, 'itertools', 'functools', 'operator', 'numpy', 'pandas'],
    javascriptModules: 'vendored',
    fileSystem: true,
    network: false,
    timeLimitMs: 5 * 60_000,
    memoryLimitBytes: 256 * MB,
  },
  unrestricted: {
    tier: 'unrestricted',
    pythonModules: null,
    javascriptModules: 'all',
    fileSystem: true,
    network: true,
    timeLimitMs: 30 * 60_000,
    memoryLimitBytes: 1024 * MB,
  },
};

export function isTier(value: unknown): value is Tier {
  return value === 'restrictive' || value === 'standard' || value === 'unrestricted';
}

/** Whether `tier` allows more than `than`. */
export function isAbove(tier: Tier, than: Tier): boolean {
  return TIER_ORDER.indexOf(tier) > TIER_ORDER.indexOf(than);
}

/** Whether a Python import of `module` (a dotted name) is allowed: its top-level package decides. */
export function allowsPythonModule(policy: Policy, module: string): boolean {
  const top = module.split('.')[0] ?? module;
  return policy.pythonModules === null || policy.pythonModules.includes(top);
}

/** The message of a denied import, naming the module and the tier. */
export function importDenied(module: string, tier: Tier): string {
  return `import of '${module}' is not allowed under the ${tier} policy`;
}
