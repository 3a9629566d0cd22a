/**
 * Which modules a policy lets a cell import (SPEC §5): `none` admits nothing, `vendored` only
 * the app's modules folder, `all` the package cache and the ESM source too. Pure, so the
 * loader can ask before it makes any request.
 */
import { importDenied, type JavaScriptModules, type Tier } from '../policy';

/** Where a module's source would come from. */
export type ModuleOrigin = 'vendored' | 'installed' | 'esm';

/** Whether a tier's module rule admits a module from `origin`. */
export function admits(rule: JavaScriptModules, origin: ModuleOrigin): boolean {
  switch (rule) {
    case 'none':
      return false;
    case 'vendored':
      return origin === 'vendored';
    case 'all':
      return true;
  }
}

/** The origin of a module URL: inside the vendored folder, or anywhere else. */
export function originOf(url: string, vendoredFolder: string | null): ModuleOrigin {
  return vendoredFolder !== null && url.startsWith(vendoredFolder) ? 'vendored' : 'esm';
}

/**
 * Something the policy denied. Thrown into QuickJS it keeps its name and message, so the
 * engine reports it as a `policy` error.
 */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}

/** The error of a denied import, naming the module as written and the tier. */
export function importDeniedError(module: string, tier: Tier): PolicyError {
  return new PolicyError(importDenied(module, tier));
}
