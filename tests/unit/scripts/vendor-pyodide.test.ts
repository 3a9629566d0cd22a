import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vendor } from '../../../scripts/vendor-pyodide.js';

const installed = JSON.parse(readFileSync('node_modules/pyodide/pyodide-lock.json', 'utf8')) as { info: unknown };

/** A fake Pyodide release: alpha depends on beta; gamma stands alone. */
function fakeRelease(info: unknown = installed.info): string {
  const folder = mkdtempSync(join(tmpdir(), 'release-'));
  const packages: Record<string, unknown> = {};
  for (const [name, depends] of [['alpha', ['beta']], ['beta', []], ['gamma', []]] as const) {
    const fileName = `${name}-1.0-py3-none-any.whl`;
    const content = `wheel of ${name}`;
    writeFileSync(join(folder, fileName), content);
    packages[name] = { name, file_name: fileName, depends, sha256: createHash('sha256').update(content).digest('hex') };
  }
  writeFileSync(join(folder, 'pyodide-lock.json'), JSON.stringify({ info, packages }));
  return folder;
}

describe('npm run vendor:pyodide', () => {
  it('copies the packages and their dependencies, and lists them in the manifest', () => {
    const release = fakeRelease();
    const out = mkdtempSync(join(tmpdir(), 'vendored-'));
    expect(vendor([release, 'Alpha', '--out', out])).toEqual(['alpha', 'beta']);
    expect(readFileSync(join(out, 'alpha-1.0-py3-none-any.whl'), 'utf8')).toBe('wheel of alpha');
    expect(existsSync(join(out, 'beta-1.0-py3-none-any.whl'))).toBe(true);
    expect(existsSync(join(out, 'gamma-1.0-py3-none-any.whl'))).toBe(false);
    vendor([release, 'gamma', '--out', out]);
    expect(JSON.parse(readFileSync(join(out, 'vendored.json'), 'utf8'))).toEqual({ packages: ['alpha', 'beta', 'gamma'] });
  });

  it('refuses a package the release does not have, a corrupt wheel, and a release of another version', () => {
    const release = fakeRelease();
    const out = mkdtempSync(join(tmpdir(), 'vendored-'));
    expect(() => vendor([release, 'numpy', '--out', out])).toThrow(/numpy is not in the release/);
    writeFileSync(join(release, 'beta-1.0-py3-none-any.whl'), 'tampered');
    expect(() => vendor([release, 'alpha', '--out', out])).toThrow(/does not match the checksum/);
    expect(() => vendor([fakeRelease({ python: '2.7' }), 'gamma', '--out', out])).toThrow(/does not match the installed pyodide/);
    expect(() => vendor([release])).toThrow(/usage/);
  });
});
