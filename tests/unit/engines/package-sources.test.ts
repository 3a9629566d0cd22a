import { describe, expect, it } from 'vitest';
import type { Lockfile } from 'pyodide';
import {
  defaultPackageBaseUrl,
  isLockfile,
  isWheelReference,
  normalizeName,
  readVendoredManifest,
  routeLockfile,
} from '../../../src/engines/python/package-sources';

const entry = (name: string) => ({ name, version: '1.0', file_name: `${name}-1.0-py3-none-any.whl`, install_dir: 'site', sha256: 'x', package_type: 'package' as const, imports: [name], depends: [], unvendored_tests: false });
const lock = { info: { arch: 'wasm32', platform: 'emscripten', version: '1', python: '3.14', abi_version: '1' }, packages: { numpy: entry('numpy'), micropip: entry('micropip') } } as unknown as Lockfile;

describe('package sources', () => {
  it('routes packages that were not vendored to the base URL and leaves vendored ones relative', () => {
    const routed = routeLockfile(lock, new Set(['micropip']), 'https://mirror.example/full/');
    expect(routed.packages.numpy?.file_name).toBe('https://mirror.example/full/numpy-1.0-py3-none-any.whl');
    expect(routed.packages.micropip?.file_name).toBe('micropip-1.0-py3-none-any.whl');
    expect(routed.packages.numpy?.sha256).toBe('x');
  });

  it('leaves the lock alone when there is no online source', () => {
    expect(routeLockfile(lock, new Set(), null)).toBe(lock);
  });

  it('reads the vendored manifest, ignoring what is not a name', () => {
    expect(readVendoredManifest('{"packages": ["numpy", 3, "pandas"]}')).toEqual(new Set(['numpy', 'pandas']));
    expect(readVendoredManifest('{"other": true}')).toEqual(new Set());
  });

  it('tells wheel references from names, and normalizes names as pip does', () => {
    expect(isWheelReference('https://host/pkg-1.0-py3-none-any.whl')).toBe(true);
    expect(isWheelReference('/local/pkg-1.0-py3-none-any.whl?x=1')).toBe(true);
    expect(isWheelReference('numpy')).toBe(false);
    expect(normalizeName(' Typing_Extensions ')).toBe('typing-extensions');
  });

  it('defaults to the official CDN folder of the running Pyodide version', () => {
    expect(defaultPackageBaseUrl('314.0.7')).toBe('https://cdn.jsdelivr.net/pyodide/v314.0.7/full/');
  });

  it('recognises a lock file', () => {
    expect(isLockfile(lock)).toBe(true);
    expect(isLockfile({ packages: [] })).toBe(false);
    expect(isLockfile('nope')).toBe(false);
  });
});
