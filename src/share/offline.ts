/**
 * Offline use and cross-origin isolation on plain static hosts. The service worker
 * (workers/service-worker/) precaches the build and adds COOP/COEP/CORP; this module registers
 * it, reloads once when the first visit was not isolated and the worker can make it so, and
 * holds a new version back until the user agrees to reload.
 *
 * That one reload must not pull a page out from under anyone using it, so a page is *kept*
 * (never reloaded for isolation) once a script has asked `window.playground.ready()` or an
 * engine has started in it; it then works without isolation for this visit, and the next load
 * is isolated under the worker.
 */
import { createSignal } from 'solid-js';

/** Set in sessionStorage across the one reload that makes the page cross-origin isolated. */
const ISOLATION_RELOAD_KEY = 'tars-playground:isolation-reload';

const [updateReady, setUpdateReady] = createSignal<(() => void) | null>(null);

/** When a new version has been deployed and is waiting: the function that switches to it. */
export { updateReady };

/** What the registration needs from the page; the defaults are the real browser's. */
export interface OfflineHost {
  readonly serviceWorker: ServiceWorkerContainer | undefined;
  readonly crossOriginIsolated: boolean;
  readonly session: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  reload(): void;
}

/** This page's part in the isolation reload. */
export interface PageKeeper {
  /**
   * Keeps this page: it will not reload to become isolated. False when a reload has already
   * begun, so that the page is going away and nothing should start in it.
   */
  keep(): boolean;
  /** Whether the page has been kept. */
  readonly kept: boolean;
  /** Records that the page is reloading; `keep` then fails. */
  reloading(): void;
}

export function createPageKeeper(): PageKeeper {
  let kept = false;
  let leaving = false;
  return {
    keep() {
      if (leaving) return false;
      kept = true;
      return true;
    },
    get kept() {
      return kept;
    },
    reloading() {
      leaving = true;
    },
  };
}

/** Raised instead of starting an engine in a page that is reloading to become isolated. */
export class PageReloadingError extends Error {
  override name = 'PageReloadingError';
  constructor() {
    super('This page is reloading to become cross-origin isolated; the engine starts in the reloaded page.');
  }
}

/**
 * An engine's start that first keeps the page, so that it is not reloaded under the engine, and
 * that starts nothing in a page whose reload has begun: it throws a PageReloadingError instead.
 */
export function startingInKeptPage<A, T>(keeper: Pick<PageKeeper, 'keep'>, start: (argument: A) => T): (argument: A) => T {
  return (argument) => {
    if (!keeper.keep()) throw new PageReloadingError();
    return start(argument);
  };
}

/** The page's keeper: `ready()` and engine starts keep the page, the worker's takeover asks it. */
export const pageKeeper = createPageKeeper();

/** Whether a page that just came under the worker's control should reload to become isolated. */
export function shouldReloadForIsolation(host: Pick<OfflineHost, 'crossOriginIsolated' | 'session'>, keeper: Pick<PageKeeper, 'kept'> = { kept: false }): boolean {
  if (host.crossOriginIsolated) return false;
  // A script or an engine is using this page; the next load will be isolated.
  if (keeper.kept) return false;
  // Once only: a browser that ignores the worker's headers must not reload forever.
  if (host.session.getItem(ISOLATION_RELOAD_KEY) !== null) return false;
  host.session.setItem(ISOLATION_RELOAD_KEY, '1');
  return true;
}

/**
 * Registers the service worker at `<base>service-worker.js`. Builds only: the dev server serves
 * modules that change on every edit, which a cache-first worker would pin.
 */
export async function registerOffline(host: OfflineHost = browserHost(), base: string = import.meta.env.BASE_URL, keeper: PageKeeper = pageKeeper): Promise<void> {
  if (!import.meta.env.PROD || host.serviceWorker === undefined) return;
  if (host.crossOriginIsolated) host.session.removeItem(ISOLATION_RELOAD_KEY);
  // Loaded after the page, to keep it out of the app's first bundle.
  const { Workbox } = await import('workbox-window');
  const workbox = new Workbox(`${base}service-worker.js`, { scope: base });
  let switching = false;
  workbox.addEventListener('controlling', () => {
    // Either the user asked for the new version, or the first worker has just taken over a
    // page the host served without isolation headers.
    if (switching || shouldReloadForIsolation(host, keeper)) {
      keeper.reloading();
      host.reload();
    }
  });
  workbox.addEventListener('waiting', () => {
    setUpdateReady(() => () => {
      switching = true;
      workbox.messageSkipWaiting();
    });
  });
  try {
    await workbox.register();
  } catch (error) {
    console.warn('The offline service worker could not be registered:', error);
  }
}

function browserHost(): OfflineHost {
  return {
    serviceWorker: 'serviceWorker' in navigator ? navigator.serviceWorker : undefined,
    crossOriginIsolated: globalThis.crossOriginIsolated,
    session: sessionStorage,
    reload: () => {
      location.reload();
    },
  };
}
