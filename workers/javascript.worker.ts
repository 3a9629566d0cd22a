// JavaScript engine worker: builds the engine and serves it over Comlink once the page connects.
import { proveConfinement } from '../src/engines/confinement';
import { JavaScriptEngine } from '../src/engines/javascript-engine';
import { indexedDbPackageCache } from '../src/engines/javascript/package-cache';
import { serveEngine } from '../src/engines/worker-connection';

// Vendored ES modules sit in `modules/` at the app's root, one level above the worker chunk.
const MODULES_FOLDER = '../modules/';
const esmBase = import.meta.env.VITE_ESM_BASE_URL;
serveEngine(async (expected) => {
  // Proven before the engine exists, so before anything changes the worker's scope.
  const confinement = await proveConfinement(expected);
  return new JavaScriptEngine({
    vendoredModulesUrl: new URL(MODULES_FOLDER, import.meta.url).href,
    ...(esmBase === undefined || esmBase === '' ? {} : { esmBaseUrl: esmBase === 'none' ? null : esmBase }),
    packageCache: indexedDbPackageCache(indexedDB),
    confinement,
  });
});
