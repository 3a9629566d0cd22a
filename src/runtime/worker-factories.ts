/**
 * How engine workers are made (SPEC §5), each under the Content-Security-Policy of its tier
 * (src/runtime/content-security-policy.ts), on every kind of host.
 *
 * A *confined* worker (Restrictive or Standard) is a `blob:` module worker whose whole source
 * imports the real worker module. A `blob:` worker takes the policy of whoever created it, so
 * it is created through the `Worker` constructor of a hidden *policy frame*: an `<iframe>` with
 * no `src`, whose document is same-origin with the page and inherits the page's policy (and its
 * cross-origin isolation and service worker), and into whose head a `<meta>` with the worker's
 * own policy is put before the worker is made. Policies in a list intersect, so the frame can
 * only narrow the page's policy, and the worker runs under both: the page's, and its tier's.
 * A `<meta>` needs neither response headers nor a service worker, so this holds on a host that
 * sends headers, on a plain host under the service worker, and before any service worker
 * controls the page or with none at all; it even holds where the page's own `<meta>` is lost.
 *
 * The worker dies with its frame, so the frame lives exactly as long as the worker: it goes
 * when the engine host terminates the worker (a restart, a crash, a tier change), and only
 * then. The page talks to the worker over a port of its own realm (connected-worker.ts).
 *
 * An *open* worker (Unrestricted) is a plain URL worker. A URL worker takes its policy from its
 * own response, which carries none: its tier has the network, and its code may evaluate strings.
 */
import type { ConfinementExpectation } from '../engines/confinement';
import type { Language } from '../engines/contract';
import type { Policy } from '../engines/policy';
import type { ConfinedTier, WorkerPolicies } from './content-security-policy';
import { ConnectedWorker } from './connected-worker';
import type { EngineWorker } from './engine-host';
import { createPolicyFrame } from './policy-frame';
import javascriptWorkerUrl from '../../workers/javascript.worker.ts?worker&url';
import pythonWorkerUrl from '../../workers/python.worker.ts?worker&url';

/** Every confined worker's policy, written by vite.config.ts. */
declare const __WORKER_POLICIES__: WorkerPolicies;

/** The policy a worker runs under: its confined tier's, or none (`open`). */
export type Confinement = ConfinedTier | 'open';

/** Makes a fresh worker for a language, under the policy of a confinement. */
export type WorkerSpawner = (confinement: Confinement) => EngineWorker;

/** The confinement a policy needs: only a tier with the network runs open. */
export function confinementFor(policy: Policy): Confinement {
  if (policy.network) return 'open';
  return policy.tier === 'restrictive' ? 'restrictive' : 'standard';
}

const WORKER_URLS: Record<Language, string> = { python: pythonWorkerUrl, javascript: javascriptWorkerUrl };

/** A module worker that imports `url` from a `blob:` source made by `Maker`, whose policy it takes. */
function blobWorker(Maker: typeof Worker, url: string, name: string): { worker: Worker; revoke: () => void } {
  const source = `import ${JSON.stringify(new URL(url, document.baseURI).href)};\n`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return {
    worker: new Maker(blobUrl, { type: 'module', name }),
    revoke: () => {
      URL.revokeObjectURL(blobUrl);
    },
  };
}

function confinedWorker(language: Language, tier: ConfinedTier): EngineWorker {
  const { policy, refusedOrigins } = __WORKER_POLICIES__[language][tier];
  const frame = createPolicyFrame(policy, `${language} ${tier}`);
  try {
    const { worker, revoke } = blobWorker(frame.Worker, WORKER_URLS[language], language);
    const expected: ConfinementExpectation = { tier, refusedOrigins };
    const connected = new ConnectedWorker(worker, expected, () => {
      revoke();
      frame.remove();
    });
    // The worker has fetched its source by the time it first answers.
    connected.addEventListener('message', revoke, { once: true });
    return connected;
  } catch (error) {
    frame.remove();
    throw error;
  }
}

function spawner(language: Language): WorkerSpawner {
  return (confinement) =>
    confinement === 'open' ? new ConnectedWorker(new Worker(new URL(WORKER_URLS[language], document.baseURI), { type: 'module', name: language }), null) : confinedWorker(language, confinement);
}

/** One spawner per language; an engine's code is only fetched when its first worker starts. */
export const workerFactories: Record<Language, WorkerSpawner> = {
  python: spawner('python'),
  javascript: spawner('javascript'),
};
