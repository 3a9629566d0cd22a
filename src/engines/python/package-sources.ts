/**
 * Where Python packages come from. Pyodide's lock file names every package it knows; the
 * deployer may vendor some of them next to the runtime (`npm run vendor:pyodide`), and the rest
 * come from a configurable base URL when the network allows.
 */
import type { Lockfile } from 'pyodide';

/** The official CDN folder for a Pyodide version: the default online source. */
export function defaultPackageBaseUrl(pyodideVersion: string): string {
  return `https://cdn.jsdelivr.net/pyodide/v${pyodideVersion}/full/`;
}

/** The default PyPI JSON API that micropip asks, as a micropip index URL template. */
export const DEFAULT_PYPI_INDEX = 'https://pypi.org/pypi/{package_name}/json';

/** The file the vendoring script writes beside the wheels it copied. */
export const VENDORED_MANIFEST = 'vendored.json';

export interface PackageSourceOptions {
  /**
   * Base URL for lock-file packages that were not vendored; null means offline only.
   * Undefined means the official CDN for the running Pyodide version.
   */
  readonly packageBaseUrl?: string | null;
  /** micropip's index URL for PyPI names; null means no PyPI. */
  readonly pypiIndexUrl?: string | null;
}

/** Checks the shape of a lock file closely enough to route its packages. */
export function isLockfile(value: unknown): value is Lockfile {
  if (typeof value !== 'object' || value === null || !('packages' in value) || !('info' in value)) return false;
  const { packages } = value;
  return typeof packages === 'object' && packages !== null;
}

/**
 * Reads the deployer's settings: unset keeps the default, `none` switches a source off, and
 * anything else is the URL to use.
 */
export function packageSourcesFrom(settings: { packageBaseUrl?: string | undefined; pypiIndexUrl?: string | undefined }): PackageSourceOptions {
  const read = (value: string | undefined) => (value === undefined || value === '' ? undefined : value === 'none' ? null : value);
  return { packageBaseUrl: read(settings.packageBaseUrl), pypiIndexUrl: read(settings.pypiIndexUrl) };
}

/** The vendored manifest: `{ "packages": ["numpy", …] }`. */
export function readVendoredManifest(text: string): ReadonlySet<string> {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || !('packages' in parsed) || !Array.isArray(parsed.packages)) {
    return new Set();
  }
  return new Set(parsed.packages.filter((name): name is string => typeof name === 'string'));
}

/**
 * Points every lock-file package that was not vendored at the online base URL, so Pyodide's own
 * loader (with its dependency resolution and checksums) takes vendored packages from the
 * self-hosted folder and the rest from the base URL. Without a base URL, the lock is unchanged
 * and a package that was not vendored fails to fetch, which the engine reports as offline.
 */
export function routeLockfile(lock: Lockfile, vendored: ReadonlySet<string>, baseUrl: string | null): Lockfile {
  if (baseUrl === null) return lock;
  const packages: Lockfile['packages'] = {};
  for (const [name, entry] of Object.entries(lock.packages)) {
    packages[name] = vendored.has(name) || /^[a-z]+:/i.test(entry.file_name) ? entry : { ...entry, file_name: `${baseUrl}${entry.file_name}` };
  }
  return { ...lock, packages };
}

/** Package names are compared the way pip compares them (PEP 503). */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** Wheel URLs and paths end in `.whl`; anything with a scheme is a URL too. */
export function isWheelReference(nameOrUrl: string): boolean {
  return /\.whl(?:[?#].*)?$/i.test(nameOrUrl) || /^[a-z][a-z0-9+.-]*:\/\//i.test(nameOrUrl);
}

/** The message for a package that cannot be had without the network. */
export function offlineMessage(name: string): string {
  return (
    `${name} is not available offline; vendor it with ` +
    `\`npm run vendor:pyodide -- <folder of a full Pyodide release> ${name}\`, ` +
    'or install a wheel by URL'
  );
}

/** Where installing one package may send requests. */
export interface PackageLocations {
  /** The folder of the runtime files and vendored packages, when there is one. */
  readonly indexURL?: string | undefined;
  /** The base URL of lock-file packages that were not vendored; null when offline only. */
  readonly baseUrl: string | null;
  /** micropip's index URL template; null when PyPI is not used. */
  readonly pypiIndexUrl: string | null;
}

/** PyPI's JSON API points at wheels on this host. */
const PYPI_FILES = 'https://files.pythonhosted.org/';

/**
 * Which URLs installing `reference` may fetch while user code has no network: the package
 * folders, the wheel itself, and the PyPI index's origin (plus PyPI's file host for PyPI).
 * A private index is expected to serve its wheels from its own origin.
 */
export function packageUrlPermit(locations: PackageLocations, reference: string): (url: string) => boolean {
  const prefixes: string[] = [];
  const add = (url: string | null | undefined, keep: (parsed: URL) => string) => {
    if (url === null || url === undefined) return;
    try {
      prefixes.push(keep(new URL(url, baseOfScope())));
    } catch {
      // Not a URL: nothing to fetch from there.
    }
  };
  add(locations.indexURL, (parsed) => parsed.href);
  add(locations.baseUrl, (parsed) => parsed.href);
  if (isWheelReference(reference)) {
    add(reference, (parsed) => {
      parsed.hash = '';
      return parsed.href;
    });
  }
  add(locations.pypiIndexUrl?.replace('{package_name}', ''), (parsed) => `${parsed.origin}/`);
  if (prefixes.some((prefix) => prefix === 'https://pypi.org/')) prefixes.push(PYPI_FILES);
  return (url) => prefixes.some((prefix) => url.startsWith(prefix));
}

/** The scope's own URL, which relative references resolve against as fetch resolves them. */
function baseOfScope(): string | undefined {
  const location: unknown = Reflect.get(globalThis, 'location');
  const href: unknown = location instanceof Object ? Reflect.get(location, 'href') : undefined;
  return typeof href === 'string' ? href : undefined;
}
