/**
 * ES modules for QuickJS. QuickJS's sync build wants module source at once, so before a cell
 * runs, every module it imports by name (and everything those import) is fetched ahead into a
 * map; the loader then only reads that map. Modules come from the vendored folder
 * (`public/modules/`), from packages installed into a persistent cache, or, when allowed,
 * from an ESM package base URL. The policy decides which of these a cell may use, before any
 * request is made; the normalizer checks again for imports the prefetch could not see.
 */
import { parse, type Program } from 'acorn';
import type { QuickJSRuntime } from 'quickjs-emscripten-core';
import type { InstallResult, PackageInfo } from '../bridge';
import { TIERS, type JavaScriptModules, type Policy, type Tier } from '../policy';
import { admits, importDeniedError, originOf, type PolicyError } from './module-policy';
import { memoryPackageCache, type CachedPackage, type PackageCache } from './package-cache';

export interface ModuleSourceOptions {
  /** URL of the vendored modules folder, holding `modules.json`; null when there is none. */
  readonly vendoredModulesUrl?: string | null;
  /** ESM package base URL for bare names when online, such as `https://esm.sh/`; null means offline only. */
  readonly esmBaseUrl?: string | null;
  /** Where installed packages are kept; IndexedDB in the browser, memory by default. */
  readonly packageCache?: PackageCache;
  /** The engine's own fetch, kept before user code runs. */
  readonly fetch?: typeof fetch;
}

export const DEFAULT_ESM_BASE_URL = 'https://esm.sh/';

/** Why a module could not be had. */
export interface ModuleFailure {
  /** `missing`: it is nowhere to be found; `policy`: the policy denies it, and nothing was fetched. */
  readonly kind: 'missing' | 'policy';
  readonly message: string;
}

/** What the current policy says about modules, and the tier to name in a denial. */
interface ModuleAccess {
  readonly rule: JavaScriptModules;
  readonly tier: Tier;
}

interface VendoredModule {
  readonly name: string;
  readonly version: string;
  /** The module's file, relative to the vendored folder. */
  readonly file: string;
}

/** Starts the name the normalizer gives a denied import; error stacks leave out `<playground` files. */
const DENIED_PREFIX = '<playground policy>:';

/** What `resolve` gives for a module the policy denies. */
const DENIED = Symbol('denied');

const BARE = /^(?![./]|[a-z][a-z0-9+.-]*:)/i;

export class ModuleLoader {
  /** Module source by absolute URL: what QuickJS's loader reads. */
  private readonly sources = new Map<string, string>();
  /** Bare specifiers already resolved, to their URLs. */
  private readonly resolved = new Map<string, string>();
  private readonly cache: PackageCache;
  private readonly fetch: typeof fetch;
  private vendored: Promise<readonly VendoredModule[]> | null = null;
  /** The source of each denied import's stand-in module, by the name the normalizer gave it. */
  private readonly denials = new Map<string, string>();
  /** The vendored names once the manifest is in, for the normalizer, which cannot wait. */
  private vendoredNames: ReadonlySet<string> = new Set();
  private readonly folder: string | null;
  private access: ModuleAccess = { rule: TIERS.standard.javascriptModules, tier: TIERS.standard.tier };

  /** `onDenied` hears of every import the policy refused, before the error reaches the cell. */
  constructor(
    private readonly options: ModuleSourceOptions,
    private readonly onDenied: (error: PolicyError) => void = () => undefined,
  ) {
    this.cache = options.packageCache ?? memoryPackageCache();
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.folder = options.vendoredModulesUrl ? new URL(options.vendoredModulesUrl).href : null;
  }

  /** Applies a policy's module rule to every later import. */
  setPolicy(policy: Policy): void {
    this.access = { rule: policy.javascriptModules, tier: policy.tier };
  }

  /** Installs the loader on a runtime; every context of the runtime shares it. */
  attach(runtime: QuickJSRuntime): void {
    runtime.setModuleLoader(
      (name) => this.sources.get(name) ?? this.denials.get(name) ?? { error: new Error(`module ${name} was not loaded`) },
      (base, requested) => this.normalize(base, requested),
    );
  }

  /**
   * Fetches what the specifiers import, recursively, as far as the policy allows. Returns null
   * when everything was found, or why the first module that could not be had was not.
   */
  prefetch(specifiers: readonly string[]): Promise<ModuleFailure | null> {
    return this.load(specifiers, null, this.access.rule);
  }

  private async load(specifiers: readonly string[], base: string | null, rule: JavaScriptModules): Promise<ModuleFailure | null> {
    for (const specifier of specifiers) {
      const url = await this.resolve(specifier, base, rule);
      if (url === DENIED) return this.deny(specifier);
      if (url === null) return { kind: 'missing', message: this.missingMessage(specifier) };
      if (this.sources.has(url)) continue;
      const source = await this.source(url);
      if (source === null) return { kind: 'missing', message: this.missingMessage(specifier) };
      this.sources.set(url, source);
      const failure = await this.load(importsOf(source), url, rule);
      if (failure !== null) return failure;
    }
    return null;
  }

  private deny(specifier: string): ModuleFailure {
    const error = importDeniedError(specifier, this.access.tier);
    this.onDenied(error);
    return { kind: 'policy', message: error.message };
  }

  /** Installs `name` or `name@version` from the ESM base URL into the persistent cache. */
  async install(spec: string): Promise<InstallResult> {
    const name = packageName(spec);
    const base = this.esmBase();
    if (base === null) return { success: false, installed: [], message: `${name} is not available offline; vendor its ES module build into public/modules/` };
    const entry = new URL(spec, base).href;
    const before = new Set(this.sources.keys());
    // Installing is not importing: the policy decides later whether a cell may use it.
    const failure = await this.load([entry], null, 'all');
    if (failure !== null) return { success: false, installed: [], message: `${name} could not be installed: ${failure.message}` };
    const modules = Object.fromEntries([...this.sources].filter(([url]) => !before.has(url) || url === entry));
    const version = versionOf(spec, Object.keys(modules));
    const cached: CachedPackage = { name, version, entry, modules };
    await this.cache.put(cached);
    this.resolved.set(name, entry);
    return { success: true, installed: [{ name, version, source: 'esm' }], message: `installed ${name} ${version}; it works offline from now on` };
  }

  /** Vendored modules and installed packages. */
  async list(): Promise<PackageInfo[]> {
    const vendored = (await this.vendoredModules()).map((module): PackageInfo => ({ name: module.name, version: module.version, source: 'vendored' }));
    const installed = (await this.cache.list()).map((cached): PackageInfo => ({ name: cached.name, version: cached.version, source: 'esm' }));
    return [...vendored, ...installed];
  }

  /** The name and version of a vendored module or installed package. */
  async packageInfo(name: string): Promise<PackageInfo | undefined> {
    return (await this.list()).find((info) => info.name === packageName(name));
  }

  /** Whether a module can be imported now, without importing it. */
  async isAvailable(specifier: string): Promise<boolean> {
    const url = await this.resolve(specifier, null, 'all');
    if (url === null || url === DENIED) return false;
    if (this.sources.has(url)) return true;
    try {
      return (await this.fetch(url, { method: 'HEAD' })).ok;
    } catch {
      return false;
    }
  }

  /** Every import QuickJS links passes here, `import(variable)` and modules cached earlier included. */
  private normalize(base: string, requested: string): string {
    const url = BARE.test(requested) ? (this.resolved.get(requested) ?? null) : new URL(requested, isUrl(base) ? base : (this.folder ?? 'file:///')).href;
    // A bare name never resolved comes from the vendored folder if the manifest lists it, else from the ESM source.
    const origin = url !== null ? originOf(url, this.folder) : this.vendoredNames.has(requested) ? 'vendored' : 'esm';
    if (!admits(this.access.rule, origin)) {
      const error = importDeniedError(requested, this.access.tier);
      this.onDenied(error);
      // An error from the normalizer reaches QuickJS as a null name, which it reads anyway, and
      // one from the loader leaks a little heap each time. So a denial is a module of its own,
      // under a name no real module has, that throws the error when it runs.
      const name = `${DENIED_PREFIX}${this.access.tier}:${requested}`;
      this.denials.set(name, `throw Object.assign(new Error(${JSON.stringify(error.message)}), { name: ${JSON.stringify(error.name)} });\n`);
      return name;
    }
    return url ?? requested;
  }

  /**
   * A bare name resolves to an installed package, then a vendored module, then the ESM base;
   * under `vendored`, to a vendored module only. DENIED is decided before any request but
   * the vendored manifest's.
   */
  private async resolve(specifier: string, base: string | null, rule: JavaScriptModules): Promise<string | null | typeof DENIED> {
    if (rule === 'none') return DENIED;
    if (!BARE.test(specifier)) {
      const url = new URL(specifier, base ?? this.folder ?? 'file:///').href;
      return admits(rule, originOf(url, this.folder)) ? url : DENIED;
    }
    if (rule === 'vendored') return (await this.vendoredUrl(specifier)) ?? DENIED;
    const known = this.resolved.get(specifier);
    if (known !== undefined) return known;
    let url: string | null = null;
    const cached = await this.cache.get(packageName(specifier));
    if (cached) {
      for (const [moduleUrl, source] of Object.entries(cached.modules)) this.sources.set(moduleUrl, source);
      url = cached.entry;
    } else {
      url = await this.vendoredUrl(specifier);
      if (url === null) {
        const esmBase = this.esmBase();
        url = esmBase === null ? null : new URL(specifier, esmBase).href;
      }
    }
    if (url !== null) this.resolved.set(specifier, url);
    return url;
  }

  /** The URL of a vendored module by name, or null when the folder does not hold it. */
  private async vendoredUrl(specifier: string): Promise<string | null> {
    const vendored = (await this.vendoredModules()).find((module) => module.name === specifier);
    if (!vendored || this.folder === null) return null;
    const url = new URL(vendored.file, this.folder).href;
    if (!this.resolved.has(specifier)) this.resolved.set(specifier, url);
    return url;
  }

  private async source(url: string): Promise<string | null> {
    try {
      const response = await this.fetch(url);
      return response.ok ? await response.text() : null;
    } catch {
      return null;
    }
  }

  private vendoredModules(): Promise<readonly VendoredModule[]> {
    const folder = this.options.vendoredModulesUrl;
    if (!folder) return Promise.resolve([]);
    this.vendored ??= this.fetch(new URL('modules.json', folder))
      .then((response) => (response.ok ? response.json() : []))
      .then((manifest: unknown) => (Array.isArray(manifest) ? manifest.filter(isVendoredModule) : []))
      .catch(() => [])
      .then((modules) => {
        this.vendoredNames = new Set(modules.map((module) => module.name));
        return modules;
      });
    return this.vendored;
  }

  private esmBase(): string | null {
    return this.options.esmBaseUrl === undefined ? DEFAULT_ESM_BASE_URL : this.options.esmBaseUrl;
  }

  private missingMessage(specifier: string): string {
    const name = packageName(specifier);
    return this.esmBase() === null
      ? `module ${specifier} is not vendored and this playground is offline only; vendor ${name} into public/modules/`
      : `module ${specifier} could not be loaded: it is not vendored in public/modules/, not installed, and the ESM package source could not be reached`;
  }
}

/** Static imports, re-exports and `import("literal")` of a module's source. */
export function importsOf(source: string): string[] {
  let program: Program;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
  } catch {
    return []; // QuickJS reports the syntax error when it loads the module
  }
  const found = new Set<string>();
  for (const node of program.body) {
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) {
      found.add(String(node.source.value));
    }
  }
  for (const match of source.matchAll(/\bimport\(\s*(['"])([^'"]+)\1\s*\)/g)) if (match[2]) found.add(match[2]);
  return [...found];
}

/** `@scope/name@1.0/sub` → `@scope/name`. */
export function packageName(spec: string): string {
  const parts = spec.split('/');
  const [first = '', second = ''] = parts;
  const name = first.startsWith('@') ? `${first}/${second}` : first;
  const at = name.indexOf('@', 1);
  return at === -1 ? name : name.slice(0, at);
}

function versionOf(spec: string, urls: readonly string[]): string {
  const fromSpec = /^(?:@[^/]+\/)?[^@/]+@([^/]+)/.exec(spec)?.[1];
  if (fromSpec) return fromSpec;
  for (const url of urls) {
    const match = /@(\d+\.\d+\.\d+[^/]*)/.exec(url);
    if (match?.[1]) return match[1];
  }
  return 'latest';
}

function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value);
}

function isVendoredModule(value: unknown): value is VendoredModule {
  return typeof value === 'object' && value !== null && 'name' in value && 'version' in value && 'file' in value && typeof value.name === 'string' && typeof value.version === 'string' && typeof value.file === 'string';
}
