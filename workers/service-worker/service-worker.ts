/**
 * The offline service worker. It precaches everything the build wrote (the app shell, Pyodide's
 * core and stdlib, QuickJS, the editor, the examples and any vendored packages), answers from
 * that cache first, and adds COOP/COEP/CORP to what it serves. A new version waits until the
 * page asks it to take over (the user pressed Reload), so a running document is never swapped
 * out from under the user.
 */
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { withIsolationHeaders } from './isolation-headers';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const isolation = {
  handlerWillRespond: ({ response }: { response: Response }) => Promise.resolve(withIsolationHeaders(response)),
};

addPlugins([isolation]);
precacheAndRoute(self.__WB_MANIFEST, {
  // `?example=…`, `?src=…` and share links all open the one page.
  directoryIndex: 'index.html',
  ignoreURLParametersMatching: [/.*/],
  cleanURLs: false,
});
cleanupOutdatedCaches();

// Same-origin files the build did not write (a `?src=` document, a package vendored after the
// build) come from the network, isolated like the rest. Other origins are left to the browser.
registerRoute(({ url }) => url.origin === self.location.origin, new NetworkOnly({ plugins: [isolation] }));

// The first version takes over at once, so the first visit is cross-origin isolated after one
// reload; later versions wait for the page's word.
self.addEventListener('install', () => {
  if (!self.registration.active) void self.skipWaiting();
});
self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && Reflect.get(data, 'type') === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();
