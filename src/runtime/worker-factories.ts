import type { Language } from '../engines/contract';

/**
 * One factory per language. Vite finds each worker through the literal `new URL(…)` and
 * bundles it as its own chunk, so an engine's code is only fetched when its worker starts.
 */
export const workerFactories: Record<Language, () => Worker> = {
  python: () => new Worker(new URL('../../workers/python.worker.ts', import.meta.url), { type: 'module', name: 'python' }),
  javascript: () =>
    new Worker(new URL('../../workers/javascript.worker.ts', import.meta.url), { type: 'module', name: 'javascript' }),
};
