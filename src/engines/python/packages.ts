/**
 * Installing and listing Python packages: Pyodide lock-file packages (vendored or from the
 * base URL), wheels by URL, and PyPI names through micropip.
 */
import type { PyodideAPI } from 'pyodide';
import type { InstallResult, PackageInfo, PackageSource } from '../bridge';
import { isWheelReference, normalizeName, offlineMessage } from './package-sources';

export interface PackageSettings {
  /** Lock-file packages copied next to the runtime. */
  readonly vendored: ReadonlySet<string>;
  /** Where lock-file packages that were not vendored come from; null when offline only. */
  readonly baseUrl: string | null;
  /** micropip's index URL template for PyPI names; null when PyPI is not used. */
  readonly pypiIndexUrl: string | null;
  /** The engine's own fetch, kept before user code runs. */
  readonly fetch: typeof fetch;
}

/** Calls into the Python support code and returns plain values. */
export type SupportCall = (name: string, ...args: unknown[]) => unknown;

export class PythonPackages {
  /** Sources of packages this engine installed, by normalized name. */
  private readonly sources = new Map<string, PackageSource>();

  constructor(
    private readonly py: PyodideAPI,
    private readonly settings: PackageSettings,
    private readonly support: SupportCall,
  ) {}

  /** Installs a package by lock-file name, PyPI name or wheel URL. */
  async install(nameOrUrl: string): Promise<InstallResult> {
    if (isWheelReference(nameOrUrl)) return this.load(nameOrUrl, 'wheel', `could not install ${nameOrUrl}`);
    const name = normalizeName(nameOrUrl);
    if (this.lockEntry(name)) {
      if (name in this.py.loadedPackages) return { success: true, installed: [], message: `${name} is already installed` };
      return this.load(name, 'pyodide', offlineMessage(name));
    }
    if (this.support('is_importable', nameOrUrl) === true) {
      return { success: true, installed: [], message: `${nameOrUrl} is part of Python's standard library` };
    }
    return this.installFromPypi(name);
  }

  /** Every installed distribution, plus the standard library itself. */
  list(pythonVersion: string): PackageInfo[] {
    const distributions = this.support('distributions');
    const listed: PackageInfo[] = [{ name: 'python-stdlib', version: pythonVersion, source: 'stdlib' }];
    if (!Array.isArray(distributions)) return listed;
    for (const pair of distributions) {
      if (!Array.isArray(pair)) continue;
      const name: unknown = pair[0];
      const version: unknown = pair[1];
      if (typeof name !== 'string' || typeof version !== 'string') continue;
      listed.push({ name, version, source: this.sourceOf(name) });
    }
    return listed;
  }

  /** Whether a package is installed, importable, or reachable now; installs nothing. */
  async isAvailable(nameOrUrl: string): Promise<boolean> {
    if (isWheelReference(nameOrUrl)) return this.reachable(nameOrUrl);
    const name = normalizeName(nameOrUrl);
    if (name in this.py.loadedPackages || this.support('is_importable', nameOrUrl) === true) return true;
    const entry = this.lockEntry(name);
    if (entry) {
      if (this.settings.vendored.has(name)) return true;
      return this.settings.baseUrl !== null && this.reachable(new URL(entry.file_name, this.settings.baseUrl).href);
    }
    const index = this.settings.pypiIndexUrl;
    return index !== null && this.reachable(index.replace('{package_name}', encodeURIComponent(name)));
  }

  private async installFromPypi(name: string): Promise<InstallResult> {
    if (this.settings.pypiIndexUrl === null) {
      return { success: false, installed: [], message: `${name} is not a Pyodide package, and PyPI is switched off; install a wheel by URL` };
    }
    const micropip = await this.load('micropip', 'pyodide', offlineMessage(name));
    if (!micropip.success) return { ...micropip, message: `${offlineMessage(name)} (micropip, which installs from PyPI, could not be loaded)` };
    const scope: unknown = this.py.toPy({ name, index: this.settings.pypiIndexUrl });
    if (!(scope instanceof this.py.ffi.PyDict)) throw new Error('could not make a namespace for micropip');
    try {
      await (this.py.runPythonAsync('import micropip\nawait micropip.install(name, index_urls=[index])', { globals: scope }) as Promise<unknown>);
    } catch (error) {
      const reason = error instanceof Error ? (error.message.trim().split('\n').at(-1) ?? error.message) : String(error);
      return { success: false, installed: [], message: `could not install ${name} from PyPI: ${reason}` };
    } finally {
      scope.destroy();
    }
    this.sources.set(name, 'pypi');
    const version = this.list('').find((info) => normalizeName(info.name) === name)?.version ?? 'unknown';
    return { success: true, installed: [{ name, version, source: 'pypi' }], message: `installed ${name} ${version} from PyPI` };
  }

  /** Loads through Pyodide's loader, which never throws for a missing package: check the list. */
  private async load(reference: string, source: PackageSource, failure: string): Promise<InstallResult> {
    const problems: string[] = [];
    const loaded = await this.py.loadPackage(reference, {
      messageCallback: () => undefined,
      errorCallback: (message) => problems.push(message),
    });
    if (loaded.length === 0 || problems.length > 0) {
      const detail = problems.length > 0 ? ` (${problems.join('; ')})` : '';
      return { success: false, installed: [], message: `${failure}${detail}` };
    }
    const installed = loaded.map((data): PackageInfo => {
      const kind: PackageSource = data.packageType === 'cpython_module' ? 'stdlib' : source;
      this.sources.set(normalizeName(data.name), kind);
      return { name: data.name, version: data.version, source: kind };
    });
    return { success: true, installed, message: `installed ${installed.map((info) => `${info.name} ${info.version}`).join(', ')}` };
  }

  private sourceOf(name: string): PackageSource {
    const normalized = normalizeName(name);
    return this.sources.get(normalized) ?? (this.lockEntry(normalized) ? 'pyodide' : 'wheel');
  }

  private lockEntry(name: string) {
    return this.py.lockfile.packages[name];
  }

  private async reachable(url: string): Promise<boolean> {
    try {
      const response = await this.settings.fetch(url, { method: 'HEAD' });
      return response.ok;
    } catch {
      return false;
    }
  }
}
