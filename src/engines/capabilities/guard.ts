/**
 * Takes every capability that is not harmless off a worker's global scope before user code
 * runs (SPEC §5). Pyodide's `import js` hands the scope to Python, so the only sure way to deny
 * something is to take it off the scope and off every object user code can reach from it; the
 * walker finds those objects and their names by reflection, and a name that no list calls
 * harmless goes. What the engine needs later (the scope's own fetch) is kept in this closure,
 * which nothing on the scope leads to; it is lent to the engine's own package loads, and a
 * policy that allows the network puts the network back as it was. Storage, other contexts and
 * devices never come back.
 */
import { createFetchLender, boundFetch, type UrlPermit } from './lend';
import { planRemoval, type UnknownNames } from './plan';
import { classify } from './classification';
import { walkScope } from './walker';

export type { UrlPermit } from './lend';

/** The scope kept a capability that could not be taken off; no user code may run there. */
export class CapabilityError extends Error {
  override readonly name = 'CapabilityError';
}

export interface CapabilityGuard {
  /** Whether the network is off the scope now (everything else is, once `deny` has run). */
  readonly denied: boolean;
  /**
   * Takes off everything that is not harmless; the first call walks the scope and keeps what
   * comes back with the network. Throws a `CapabilityError` when a name cannot be taken off.
   */
  deny(): void;
  /** Takes off what `deny` takes off, then gives the network back, on the objects it came from, as it was. */
  allow(): void;
  /**
   * Runs an engine-initiated task that needs the scope's own `fetch`. While the network is
   * denied, a `fetch` that only asks for URLs that a task under way permits is put on the
   * global object until the last such task ends; nothing else comes back. Without `permits`,
   * any URL is allowed. The caller makes sure that no user code runs meanwhile.
   */
  lend<T>(task: () => Promise<T>, permits?: UrlPermit): Promise<T>;
  /** The names the first `deny` took off, in the walker's order; empty before it. */
  readonly removed: readonly string[];
}

export interface CapabilityGuardOptions {
  /** What becomes of names that no list has: `remove` unless the scope is not a browser worker. */
  readonly unknown?: UnknownNames;
}

interface Kept {
  readonly owner: object;
  readonly key: PropertyKey;
  readonly descriptor: PropertyDescriptor;
}

/** Whether `scope` is a browser worker's global scope, whose layout the lists describe. */
export function isWorkerScope(scope: object): boolean {
  const workerScope: unknown = Reflect.get(scope, 'WorkerGlobalScope');
  return typeof workerScope === 'function' && scope instanceof workerScope;
}

/** A guard over `scope`, normally `globalThis`; it changes nothing until `deny` or `allow` is called. */
export function createCapabilityGuard(scope: object, options: CapabilityGuardOptions = {}): CapabilityGuard {
  const unknown = options.unknown ?? 'remove';
  // What comes back with the network, from before any user code ran.
  const kept: Kept[] = [];
  const removed: string[] = [];
  let walked = false;
  let denied = false;
  // Sticky: a scope that kept something once is never safe, whatever is asked of it later.
  let failure: CapabilityError | null = null;

  const takeOff = (owner: object, key: PropertyKey, name: string, failures: string[]) => {
    if (Reflect.getOwnPropertyDescriptor(owner, key) === undefined) return;
    if (!Reflect.deleteProperty(owner, key)) failures.push(name);
  };

  const fail = (failures: readonly string[]) => {
    if (failures.length > 0) {
      failure ??= new CapabilityError(`${failures.join(', ')} could not be taken off the worker's global scope, so user code cannot run safely here`);
    }
    if (failure !== null) throw failure;
  };

  const walk = () => {
    walked = true;
    const found = walkScope(scope, (name) => classify(name)?.kind === 'harmless');
    const failures: string[] = [];
    for (const { property, returns } of planRemoval(found, unknown).removals) {
      if (returns) kept.push({ owner: property.owner, key: property.key, descriptor: property.descriptor });
      removed.push(property.name);
      takeOff(property.owner, property.key, property.name, failures);
    }
    fail(failures);
  };

  const takeNetwork = () => {
    const failures: string[] = [];
    // Whatever is there now: allow never gives back something user code put there.
    for (const { owner, key } of kept) takeOff(owner, key, String(key), failures);
    fail(failures);
  };

  const lender = createFetchLender(scope, () => {
    const fetchEntry = kept.find((entry) => entry.key === 'fetch');
    return fetchEntry === undefined ? null : boundFetch(scope, fetchEntry.descriptor);
  });

  return {
    get denied() {
      return denied;
    },
    get removed() {
      return removed;
    },
    deny() {
      denied = true;
      if (walked) takeNetwork();
      else walk();
    },
    allow() {
      if (walked) fail([]);
      else walk();
      denied = false;
      lender.forget();
      for (const { owner, key, descriptor } of kept) Reflect.defineProperty(owner, key, descriptor);
    },
    lend<T>(task: () => Promise<T>, permits?: UrlPermit): Promise<T> {
      if (!denied) return task();
      return lender.lend(task, permits);
    },
  };
}
