/**
 * Decides, for each walked property, whether it stays, and if not whether it comes back with
 * the network. Pure: the guard carries the plan out on a live scope, and the e2e test plans
 * over what a bare worker in the real browser reported, to see that every name is classified.
 */
import { classify, classifyKey, classifyProperty, returnsWithNetwork, type Classification } from './classification';

/** What a plan needs of a walked property (the walker's `FoundProperty` has it all). */
export interface WalkedName {
  readonly ownerLabel: string;
  readonly key: PropertyKey;
  readonly name: string;
  readonly interfaces: readonly string[];
  /** Whether the property is a constant, harmless wherever it is; false when not told. */
  readonly constant?: boolean;
}

/**
 * `remove`: a browser worker, where a name no list has is taken off (fail closed).
 * `keep`: a scope that is not a browser worker (Node under the unit tests), whose own names the
 * lists cannot know; there only what a list removes or keeps privately, by key, goes.
 */
export type UnknownNames = 'remove' | 'keep';

export interface Removal<T extends WalkedName> {
  readonly property: T;
  /** Null for a name no list has. */
  readonly classification: Classification | null;
  /** Whether `allow` puts it back. */
  readonly returns: boolean;
}

export interface RemovalPlan<T extends WalkedName> {
  readonly removals: readonly Removal<T>[];
  /** Names no list has; each is in `removals` where unknown names are removed. */
  readonly unclassified: readonly string[];
  /**
   * Interfaces the lists call harmless whose instances a removed name handed out
   * (`navigator.storage` is a `StorageManager`): removed all the same, and a mistake in the lists.
   */
  readonly conflicts: readonly string[];
}

function keyOf(property: WalkedName): string | null {
  return typeof property.key === 'string' ? property.key : null;
}

export function planRemoval<T extends WalkedName>(found: readonly T[], unknown: UnknownNames): RemovalPlan<T> {
  const removals = new Map<T, Removal<T>>();
  const unclassified: string[] = [];
  const conflicts: string[] = [];
  const remove = (property: T, classification: Classification | null, returns: boolean) => {
    const earlier = removals.get(property);
    // What never comes back wins over what comes back with the network.
    if (earlier === undefined || (earlier.returns && !returns)) removals.set(property, { property, classification, returns });
  };

  for (const property of found) {
    let classification = classifyProperty(property);
    if (classification === null) {
      unclassified.push(property.name);
      const key = keyOf(property);
      if (unknown === 'keep') classification = key === null ? null : classifyKey(key);
      if (classification === null) {
        if (unknown === 'remove') remove(property, null, false);
        continue;
      }
    }
    if (classification.kind !== 'harmless') remove(property, classification, returnsWithNetwork(classification));
  }

  // The interface of what a removed name gives goes too, so that its prototype's methods have
  // nothing left to be called on and nothing to make one with.
  const globals = new Map<string, T>();
  for (const property of found) if (property.ownerLabel === 'self' && typeof property.key === 'string') globals.set(property.key, property);
  for (const { property, returns } of [...removals.values()]) {
    const own = property.interfaces[0];
    const holder = own === undefined ? undefined : globals.get(own);
    if (holder === undefined || holder === property) continue;
    const classification = classify(holder.name);
    if (classification?.kind === 'harmless') conflicts.push(`${holder.name} (from ${property.name})`);
    if (unknown === 'keep' && classification === null) continue;
    remove(holder, classification, returns && (classification === null || returnsWithNetwork(classification)));
  }

  // A kept interface that inherits from a removed one would hand out the removed one's members
  // on its instances (a kept `FileSystemDirectoryHandle` would give `FileSystemHandle`'s): it goes.
  for (const property of found) {
    if (property.ownerLabel !== 'self' || removals.has(property)) continue;
    for (const ancestor of property.interfaces.slice(1)) {
      const removal = removals.get(globals.get(ancestor) ?? property);
      if (removal === undefined) continue;
      conflicts.push(`${property.name} (inherits from ${removal.property.name})`);
      remove(property, classifyProperty(property), removal.returns);
    }
  }
  return { removals: [...removals.values()], unclassified, conflicts };
}
