/**
 * Where installed JavaScript packages are kept, so they keep working offline: IndexedDB in the
 * browser, memory elsewhere. One small interface, two adapters.
 */

/** An installed package: its entry module and the source of every module it needs. */
export interface CachedPackage {
  readonly name: string;
  readonly version: string;
  /** URL of the entry module. */
  readonly entry: string;
  /** Module source by URL. */
  readonly modules: Readonly<Record<string, string>>;
}

export interface PackageCache {
  get(name: string): Promise<CachedPackage | undefined>;
  put(cached: CachedPackage): Promise<void>;
  list(): Promise<CachedPackage[]>;
}

export function memoryPackageCache(): PackageCache {
  const packages = new Map<string, CachedPackage>();
  return {
    get: (name) => Promise.resolve(packages.get(name)),
    put: (cached) => {
      packages.set(cached.name, cached);
      return Promise.resolve();
    },
    list: () => Promise.resolve([...packages.values()]),
  };
}

const STORE = 'packages';

/** A cache in an IndexedDB database, opened on first use. */
export function indexedDbPackageCache(factory: IDBFactory, databaseName = 'playground-js-packages'): PackageCache {
  let database: Promise<IDBDatabase> | null = null;
  const open = () => {
    database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'name' });
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('could not open the package cache'));
      };
    });
    return database;
  };
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const store = (await open()).transaction(STORE, mode).objectStore(STORE);
    return new Promise<T>((resolve, reject) => {
      const request = work(store);
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('the package cache failed'));
      };
    });
  };
  return {
    get: async (name) => {
      const found: unknown = await run('readonly', (store) => store.get(name));
      return isCachedPackage(found) ? found : undefined;
    },
    put: async (cached) => {
      await run('readwrite', (store) => store.put(cached));
    },
    list: async () => {
      const all: unknown[] = await run('readonly', (store) => store.getAll());
      return all.filter(isCachedPackage);
    },
  };
}

function isCachedPackage(value: unknown): value is CachedPackage {
  return typeof value === 'object' && value !== null && 'name' in value && 'entry' in value && 'modules' in value && 'version' in value;
}
