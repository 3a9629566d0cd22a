// Copies Pyodide packages (and everything they depend on) from a full Pyodide release into the
// app's self-hosted folder, so they install offline:
//   npm run vendor:pyodide -- <folder of a full Pyodide release> numpy pandas …
// Options: --out <folder> (default public/pyodide). The release must match the installed pyodide.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const MANIFEST = 'vendored.json';

/** @param {string} name */
function normalize(name) {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * @param {string} path
 * @returns {{ info: Record<string, unknown>, packages: Record<string, { name: string, file_name: string, sha256: string, depends: string[] }> }}
 */
function readLock(path) {
  if (!existsSync(path)) throw new Error(`${path} does not exist; pass the folder of a full Pyodide release`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Every package the requested ones need, in the lock file's own names.
 * @param {ReturnType<typeof readLock>['packages']} packages
 * @param {string[]} requested
 */
export function dependencyClosure(packages, requested) {
  /** @type {Set<string>} */
  const seen = new Set();
  const pending = requested.map(normalize);
  while (pending.length > 0) {
    const name = /** @type {string} */ (pending.pop());
    if (seen.has(name)) continue;
    const entry = packages[name];
    if (!entry) throw new Error(`${name} is not in the release's pyodide-lock.json`);
    seen.add(name);
    pending.push(...entry.depends.map(normalize));
  }
  return [...seen].sort();
}

/**
 * @param {string[]} argv
 * @returns {{ release: string, out: string, names: string[] }}
 */
function parseArguments(argv) {
  /** @type {string[]} */
  const names = [];
  let out = 'public/pyodide';
  let release = '';
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument === '--out') out = argv[++index] ?? out;
    else if (release === '') release = argument;
    else names.push(argument);
  }
  if (release === '' || names.length === 0) {
    throw new Error('usage: npm run vendor:pyodide -- <folder of a full Pyodide release> <package> [package …] [--out folder]');
  }
  return { release: resolve(release), out: resolve(out), names };
}

/** @param {string[]} argv */
export function vendor(argv) {
  const { release, out, names } = parseArguments(argv);
  const lock = readLock(join(release, 'pyodide-lock.json'));
  const installed = readLock(resolve('node_modules/pyodide/pyodide-lock.json'));
  if (JSON.stringify(lock.info) !== JSON.stringify(installed.info)) {
    throw new Error(`the release (${JSON.stringify(lock.info)}) does not match the installed pyodide (${JSON.stringify(installed.info)})`);
  }
  mkdirSync(out, { recursive: true });
  const closure = dependencyClosure(lock.packages, names);
  for (const name of closure) {
    const entry = lock.packages[name];
    if (!entry) continue;
    const source = join(release, entry.file_name);
    const digest = createHash('sha256').update(readFileSync(source)).digest('hex');
    if (digest !== entry.sha256) throw new Error(`${entry.file_name} does not match the checksum in pyodide-lock.json`);
    copyFileSync(source, join(out, entry.file_name));
  }
  const manifestPath = join(out, MANIFEST);
  const previous = existsSync(manifestPath) ? /** @type {{ packages?: string[] }} */ (JSON.parse(readFileSync(manifestPath, 'utf8'))).packages ?? [] : [];
  const packages = [...new Set([...previous, ...closure])].sort();
  writeFileSync(manifestPath, `${JSON.stringify({ packages }, null, 2)}\n`);
  return closure;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  try {
    const copied = vendor(process.argv.slice(2));
    console.log(`vendored ${copied.length} packages: ${copied.join(', ')}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
