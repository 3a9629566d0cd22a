// JavaScript engine worker: builds the engine and exposes it over Comlink. Nothing else lives here.
import { expose } from 'comlink';
import { proveConfinement } from '../src/engines/confinement';
import { JavaScriptEngine } from '../src/engines/javascript-engine';
import { indexedDbPackageCache } from '../src/engines/javascript/package-cache';

// Vendored ES modules sit in `modules/` at the app's root, one level above the worker chunk.
const MODULES_FOLDER = '../modules/';
const esmBase = import.meta.env.VITE_ESM_BASE_URL;
// Taken before anything else runs in this worker.
const confinement = proveConfinement();
expose(
  new JavaScriptEngine({
    vendoredModulesUrl: new URL(MODULES_FOLDER, import.meta.url).href,
    ...(esmBase === undefined || esmBase === '' ? {} : { esmBaseUrl: esmBase === 'none' ? null : esmBase }),
    packageCache: indexedDbPackageCache(indexedDB),
    confinement,
  }),
);
