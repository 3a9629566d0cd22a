/**
 * How engine workers are made (SPEC §5). A worker whose tier has no network is *confined*: it
 * is a `blob:` module worker whose whole source imports the real worker module, and a blob
 * worker inherits the page's Content-Security-Policy (the `<meta>` that vite.config.ts puts in
 * index.html). So the policy holds on every host: one that sends headers, a plain one under
 * the service worker, and a plain one before any service worker controls the page, since it
 * needs neither response headers nor a service worker. An *open* worker (Unrestricted) is a
 * plain URL worker: a URL worker takes its policy from its own response, which carries none.
 */
import type { Language } from '../engines/contract';
import type { Policy } from '../engines/policy';
import javascriptWorkerUrl from '../../workers/javascript.worker.ts?worker&url';
import pythonWorkerUrl from '../../workers/python.worker.ts?worker&url';

/** Whether a worker runs under the page's policy (`confined`) or under none (`open`). */
export type Confinement = 'confined' | 'open';

/** Makes a fresh worker for a language, confined or open. */
export type WorkerSpawner = (confinement: Confinement) => Worker;

/** The confinement a policy needs: only a tier with the network runs open. */
export function confinementFor(policy: Policy): Confinement {
  return policy.network ? 'open' : 'confined';
}

const WORKER_URLS: Record<Language, string> = { python: pythonWorkerUrl, javascript: javascriptWorkerUrl };

/** A module worker that imports `url` from a `blob:` source, and so runs under the page's policy. */
function confinedWorker(url: string, name: string): Worker {
  const source = `import ${JSON.stringify(new URL(url, document.baseURI).href)};\n`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(blobUrl, { type: 'module', name });
  // The worker has fetched its source by the time it first answers.
  worker.addEventListener(
    'message',
    () => {
      URL.revokeObjectURL(blobUrl);
    },
    { once: true },
  );
  return worker;
}

function spawner(language: Language): WorkerSpawner {
  const url = WORKER_URLS[language];
  return (confinement) =>
    confinement === 'confined' ? confinedWorker(url, language) : new Worker(new URL(url, document.baseURI), { type: 'module', name: language });
}

/** One spawner per language; an engine's code is only fetched when its first worker starts. */
export const workerFactories: Record<Language, WorkerSpawner> = {
  python: spawner('python'),
  javascript: spawner('javascript'),
};
