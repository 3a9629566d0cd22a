import { statSync } from 'node:fs';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { version as pyodideVersion } from 'pyodide';
import { originOf, pageContentSecurityPolicy, workerPolicies, type EnginePackageOrigins } from './src/runtime/content-security-policy';
import { defaultPackageBaseUrl } from './src/engines/python/package-sources';
import { DEFAULT_ESM_BASE_URL } from './src/engines/javascript/module-loader';

/** Pyodide's runtime files, served from node_modules in dev and copied into dist/ by the build. */
const PYODIDE_FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

/**
 * Their sizes, for the Python engine's load progress: servers compress the script and the lock
 * file on the fly and then send no Content-Length, so the total comes from here.
 */
const PYODIDE_FILE_BYTES = Object.fromEntries(PYODIDE_FILES.map((file) => [file, statSync(`node_modules/pyodide/${file}`).size]));

/**
 * COOP and COEP make the page cross-origin isolated, which SharedArrayBuffer (and so Python
 * interrupts) needs. PLAYGROUND_ISOLATION=off serves without them, to test the fallback.
 */
const isolationHeaders: Record<string, string> =
  process.env.PLAYGROUND_ISOLATION === 'off'
    ? {}
    : {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      };

/**
 * The page's Content-Security-Policy, as a `<meta>` first in the head, so that it holds on any
 * host, and each confined engine worker's own, which src/runtime/worker-factories.ts puts in
 * force (src/runtime/content-security-policy.ts). The engines reach where the deployer said
 * they fetch packages from (VITE_PYODIDE_PACKAGE_BASE_URL and VITE_ESM_BASE_URL, the official
 * CDNs by default; `none` leaves only the app's origin): the page's policy lets both through,
 * and each Standard worker only its own engine's; Restrictive workers neither.
 */
const sourceOrigin = (setting: string | undefined, fallback: string) => originOf(setting === undefined || setting === '' ? fallback : setting);
const present = (origin: string | null): readonly string[] => (origin === null ? [] : [origin]);
const enginePackageOrigins: EnginePackageOrigins = {
  python: present(sourceOrigin(process.env.VITE_PYODIDE_PACKAGE_BASE_URL, defaultPackageBaseUrl(pyodideVersion))),
  javascript: present(sourceOrigin(process.env.VITE_ESM_BASE_URL, DEFAULT_ESM_BASE_URL)),
};
const CONTENT_SECURITY_POLICY = pageContentSecurityPolicy({ packageOrigins: [...enginePackageOrigins.python, ...enginePackageOrigins.javascript] });
const WORKER_POLICIES = workerPolicies(enginePackageOrigins);

/** The largest file the service worker precaches: Pyodide's WebAssembly is about 9.6 MB. */
const PRECACHE_FILE_LIMIT = 64 * 1024 * 1024;

export default defineConfig(({ command }) => ({
  // A relative base lets one dist/ work under any folder of any host; PLAYGROUND_BASE pins one.
  base: process.env.PLAYGROUND_BASE ?? (command === 'build' ? './' : '/'),
  // A missing file must be a 404, never index.html with status 200.
  appType: 'mpa',
  plugins: [
    {
      name: 'content-security-policy',
      transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
    solid(),
    viteStaticCopy({
      targets: PYODIDE_FILES.map((file) => ({ src: `node_modules/pyodide/${file}`, dest: 'pyodide' })),
    }),
    // The offline service worker (workers/service-worker/): precaches all of dist/ and adds the
    // isolation headers. The app registers it itself (src/share/offline.ts), in builds only.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'workers/service-worker',
      filename: 'service-worker.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*'],
        globIgnores: ['service-worker.js'],
        maximumFileSizeToCacheInBytes: PRECACHE_FILE_LIMIT,
      },
    }),
  ],
  worker: { format: 'es' },
  define: { __PYODIDE_FILE_BYTES__: JSON.stringify(PYODIDE_FILE_BYTES), __WORKER_POLICIES__: JSON.stringify(WORKER_POLICIES) },
  optimizeDeps: { exclude: ['pyodide', '@jitl/quickjs-wasmfile-release-sync'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
}));
