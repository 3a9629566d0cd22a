// Python engine worker: builds the engine and serves it over Comlink once the page connects.
import { proveConfinement } from '../src/engines/confinement';
import { PythonEngine } from '../src/engines/python-engine';
import { packageSourcesFrom } from '../src/engines/python/package-sources';
import { createIndexedDbSnapshotStore } from '../src/engines/python/snapshot-store';
import { serveEngine } from '../src/engines/worker-connection';

// Pyodide's runtime files sit in `pyodide/` at the app's root, one level above the worker chunk.
// A variable, not a literal, so the bundler leaves the folder to be resolved at run time.
const PYODIDE_FOLDER = '../pyodide/';
/** The runtime files' sizes by name, recorded by vite.config.ts at build time. */
declare const __PYODIDE_FILE_BYTES__: Readonly<Record<string, number>>;
const sources = packageSourcesFrom({
  packageBaseUrl: import.meta.env.VITE_PYODIDE_PACKAGE_BASE_URL,
  pypiIndexUrl: import.meta.env.VITE_PYPI_INDEX_URL,
});
// Made first: it opens its database before the engine's policy takes IndexedDB away.
const snapshots = createIndexedDbSnapshotStore();
serveEngine(async (expected) => {
  // Proven before the engine exists, so before anything changes the worker's scope.
  const confinement = await proveConfinement(expected);
  return new PythonEngine({ indexURL: new URL(PYODIDE_FOLDER, import.meta.url).href, runtimeFileBytes: __PYODIDE_FILE_BYTES__, snapshots, confinement, ...sources });
});
