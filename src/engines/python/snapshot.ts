/**
 * Python's fast start: most of a cold start is the interpreter starting up, which no HTTP cache
 * skips. So on the first start, once Pyodide and the playground's own Python support code are
 * ready and before any user code has run, the engine takes a memory snapshot of the
 * interpreter and keeps it; later starts, hard restarts included, restore from it. A snapshot
 * is keyed by the Pyodide version, a hash of the support code and the preloaded packages; one
 * that is missing, made by another version, damaged or that fails to restore means a normal
 * start, which makes a new one, and the reason goes into the start-up report.
 */
import type { PyodideAPI } from 'pyodide';
import type { PyDict } from 'pyodide/ffi';

/** Where snapshots are kept: IndexedDB in the browser (snapshot-store.ts), memory in tests. */
export interface SnapshotStore {
  /** The kept snapshot, if any. */
  read(): Promise<StoredSnapshot | null>;
  /** Keeps a snapshot, replacing the one before. */
  write(snapshot: StoredSnapshot): Promise<void>;
  /** Forgets the kept snapshot. */
  clear(): Promise<void>;
}

export interface StoredSnapshot {
  /** What the snapshot was made from (`snapshotKey`); another key means it is stale. */
  readonly key: string;
  readonly bytes: Uint8Array;
  /** SHA-256 of `bytes`, hex: a snapshot that does not match it is damaged. */
  readonly sha256: string;
  /** How long the normal start that made it took, so that a restore can say what it saved. */
  readonly normalStartMs: number;
}

/** How the engine started, for the Performance panel. */
export interface StartupReport {
  /** `restored`: from a snapshot; `made`: a normal start that then kept a snapshot; `normal`: a normal start without one. */
  readonly kind: 'restored' | 'made' | 'normal';
  /** The interpreter's start-up, support code included, in ms. */
  readonly startMs: number;
  /** The snapshot's size, when one was restored or made. */
  readonly snapshotBytes: number | null;
  /** Time a restore saved against the normal start that made the snapshot. */
  readonly savedMs: number | null;
  /** Why no snapshot was used, or why none was kept. */
  readonly note: string | null;
}

/** How long after a normal start its snapshot is written. */
export const SNAPSHOT_WRITE_DELAY_MS = 1500;

/** The key of the snapshot for this Pyodide, this support code and these preloaded packages. */
export async function snapshotKey(pyodideVersion: string, supportSources: readonly string[], packages: readonly string[] = []): Promise<string> {
  const code = await sha256(new TextEncoder().encode(supportSources.join('\u0000')));
  return `pyodide ${pyodideVersion}; support ${code.slice(0, 16)}; packages ${packages.length === 0 ? 'none' : [...packages].sort().join(',')}`;
}

export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** What a start needs from the engine. */
export interface BootSteps {
  /** Loads Pyodide: from the snapshot's bytes, or afresh (ready to be snapshotted when asked). */
  load(from: { snapshot: Uint8Array } | { makeSnapshot: boolean }): Promise<PyodideAPI>;
  /** Runs the support code in a fresh interpreter and returns its namespace. */
  install(py: PyodideAPI): PyDict;
  /** Finds the support code's namespace in a restored interpreter; throws when it is not there. */
  reopen(py: PyodideAPI): PyDict;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts Python, from the store's snapshot when it is sound, else normally (keeping a new
 * snapshot). Never fails because of a snapshot: every snapshot problem becomes a normal start.
 */
export async function bootPython(steps: BootSteps, store: SnapshotStore | null, key: string): Promise<{ py: PyodideAPI; support: PyDict; report: StartupReport }> {
  let note: string | null = store === null ? 'snapshots are not kept here' : null;
  const kept = store === null ? null : await store.read().catch((error: unknown) => {
    note = `the snapshot could not be read (${reason(error)})`;
    return null;
  });
  if (store !== null && kept !== null) {
    const usable = kept.key !== key ? `the snapshot was made by another version (${kept.key})` : (await sha256(kept.bytes)) !== kept.sha256 ? 'the snapshot is damaged (its checksum does not match)' : null;
    if (usable === null) {
      const started = performance.now();
      try {
        const py = await steps.load({ snapshot: kept.bytes });
        const support = steps.reopen(py);
        const startMs = performance.now() - started;
        return { py, support, report: { kind: 'restored', startMs, snapshotBytes: kept.bytes.byteLength, savedMs: kept.normalStartMs - startMs, note: null } };
      } catch (error) {
        note = `the snapshot could not be restored (${reason(error)})`;
      }
    } else {
      note = usable;
    }
    await store.clear().catch(() => undefined);
  } else if (store !== null && note === null) {
    note = 'no snapshot yet: this is the first start';
  }

  const started = performance.now();
  const py = await steps.load({ makeSnapshot: store !== null });
  const support = steps.install(py);
  const startMs = performance.now() - started;
  if (store === null) return { py, support, report: { kind: 'normal', startMs, snapshotBytes: null, savedMs: null, note } };
  let bytes: Uint8Array;
  try {
    bytes = py.makeMemorySnapshot();
  } catch (error) {
    return { py, support, report: { kind: 'normal', startMs, snapshotBytes: null, savedMs: null, note: `${note ?? ''}; no snapshot could be made (${reason(error)})` } };
  }
  // An interpreter started to make a snapshot sees the JS globals through Pyodide's recording
  // proxies, on which getters such as `self` fail; so this start, too, goes on from the
  // snapshot, which also proves it sound before it is kept.
  let restored: { py: PyodideAPI; support: PyDict };
  try {
    const fresh = await steps.load({ snapshot: bytes });
    restored = { py: fresh, support: steps.reopen(fresh) };
  } catch (error) {
    return { py, support, report: { kind: 'normal', startMs, snapshotBytes: null, savedMs: null, note: `${note ?? ''}; the snapshot just made did not restore (${reason(error)}), so none was kept` } };
  }
  const totalMs = performance.now() - started;
  // Written a moment later, in the background: the engine is ready now, the write only speeds
  // up the next start, and writing 30 MB at once would hold up the first run.
  setTimeout(() => {
    void sha256(bytes)
      .then((hash) => store.write({ key, bytes, sha256: hash, normalStartMs: totalMs }))
      .catch(() => undefined);
  }, SNAPSHOT_WRITE_DELAY_MS);
  return { ...restored, report: { kind: 'made', startMs: totalMs, snapshotBytes: bytes.byteLength, savedMs: null, note } };
}
