/**
 * The security policy tiers (SPEC §5): what user code may import, touch and spend. Engines
 * enforce a policy for real; the runtime picks one from the document's CONFIG and the user's
 * consent. Everything here is plain data, so a policy crosses to a worker as it is.
 */

export type Tier = 'restrictive' | 'standard' | 'unrestricted';

export const TIER_ORDER: readonly Tier[] = ['restrictive', 'standard', 'unrestricted'];

/** Each tier's name as the policy menu shows it. */
export const TIER_NAMES: Readonly<Record<Tier, string>> = { restrictive: 'Restrictive', standard: 'Standard', unrestricted: 'Unrestricted' };

/** Which JavaScript modules a cell may import. */
export type JavaScriptModules = 'none' | 'vendored' | 'all';

export interface Policy {
  readonly tier: Tier;
  /**
   * Top-level Python modules user code may import, or null for any. Modules these import
   * for themselves (the stdlib internals they need) are not checked.
   */
  readonly pythonModules: readonly string[] | null;
  /**
   * Dotted Python module names user code may not import even where `pythonModules` allows any:
   * a name covers the modules below it (`http.client` covers `http.client.x`, not `http`).
   */
  readonly pythonDeniedModules: readonly string[];
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
/**
 * What Standard refuses: modules that exist to reach outside the page (sockets, TLS, HTTP,
 * mail and file transfer clients, servers, the browser), the roads to the worker's JavaScript
 * (`js`, `pyodide_js`, `pyodide.http`), and micropip, which only fetches. The capability layer
 * (the worker's Content-Security-Policy and the removed storage APIs) is what keeps the network
 * and storage out of reach; this list says so early and by name.
 */
const STANDARD_DENIED_MODULES = [
  'socket',
  '_socket',
  'ssl',
  '_ssl',
  'socketserver',
  'http.client',
  'http.server',
  'urllib.request',
  'xmlrpc.client',
  'xmlrpc.server',
  'ftplib',
  'smtplib',
  'poplib',
  'imaplib',
  'webbrowser',
  'js',
  'pyodide_js',
  'pyodide.http',
  'micropip',
] as const;

/** The seed's values for each tier (SPEC §5). */
export const TIERS: Readonly<Record<Tier, Policy>> = {
  restrictive: {
    tier: 'restrictive',
    pythonModules: RESTRICTIVE_MODULES,
    pythonDeniedModules: [],
    javascriptModules: 'none',
    fileSystem: false,
    network: false,
    timeLimitMs: 10_000,
    memoryLimitBytes: 64 * MB,
  },
  standard: {
    tier: 'standard',
    pythonModules: null,
    pythonDeniedModules: STANDARD_DENIED_MODULES,
    javascriptModules: 'vendored',
    fileSystem: true,
    network: false,
    timeLimitMs: 5 * 60_000,
    memoryLimitBytes: 256 * MB,
  },
  unrestricted: {
    tier: 'unrestricted',
    pythonModules: null,
    pythonDeniedModules: [],
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

/** Whether `module` (dotted) is one of `names` or below one of them. */
function isUnder(module: string, names: readonly string[]): boolean {
  return names.some((name) => module === name || module.startsWith(`${name}.`));
}

/**
 * Whether a Python import of `module` (a dotted name) is allowed: its top-level package decides
 * against the allow-list, the whole name against the deny-list.
 */
export function allowsPythonModule(policy: Policy, module: string): boolean {
  const top = module.split('.')[0] ?? module;
  if (policy.pythonModules !== null && !policy.pythonModules.includes(top)) return false;
  return !isUnder(module, policy.pythonDeniedModules);
}

/** The lowest tier above `tier` that allows a Python import of `module`, if any. */
function tierAllowing(module: string, tier: Tier): Tier | null {
  return TIER_ORDER.find((candidate) => isAbove(candidate, tier) && allowsPythonModule(TIERS[candidate], module)) ?? null;
}

/** How to get more, for a policy error: the tiers from `lowest` up, chosen in the policy menu. */
export function tierHint(lowest: Tier | null): string {
  if (lowest === null) return '';
  const names = TIER_ORDER.filter((tier) => !isAbove(lowest, tier)).map((tier) => TIER_NAMES[tier]);
  return ` Choose ${names.join(' or ')} from the policy menu to allow it.`;
}

/**
 * The message of a Python import the policy refuses: names the module and the tier, says why
 * when the module reaches outside, and which tier to choose to allow it.
 */
export function pythonImportDenied(module: string, policy: Policy): string {
  const outside = isUnder(module, policy.pythonDeniedModules) ? ': it reaches outside the page' : '';
  return `${importDenied(module, policy.tier)}${outside}.${tierHint(tierAllowing(module, policy.tier))}`;
}

/** The message of a denied import, naming the module and the tier. */
export function importDenied(module: string, tier: Tier): string {
  return `import of '${module}' is not allowed under the ${tier} policy`;
}
