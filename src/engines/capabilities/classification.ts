/**
 * What each name on a worker's global scope is (SPEC §5): harmless, engine-private, or removed
 * for the road it opens. A name is `owner.key` as the walker labels it
 * (`WorkerGlobalScope.prototype.fetch`, `WorkerNavigator.prototype.storage`).
 */
import { ECMASCRIPT_OWNERS, HARMLESS, type Section } from './table-harmless';
import { MEMBERS } from './table-members';
import { MEDIA_MEMBERS } from './table-members-media';
import { ENGINE_PRIVATE, REMOVED, type Road } from './table-removed';

export type { Road } from './table-removed';

export type Classification =
  | { readonly kind: 'harmless' }
  /** Off the scope, kept in a closure, lent to the engine, and given back with the network. */
  | { readonly kind: 'engine-private' }
  | { readonly kind: 'removed'; readonly road: Road };

const HARMLESS_CLASS: Classification = { kind: 'harmless' };
const ENGINE_PRIVATE_CLASS: Classification = { kind: 'engine-private' };

function entries(section: Section, classification: Classification): [string, Classification][] {
  return Object.entries(section).flatMap(([owner, names]) => names.map((name): [string, Classification] => [`${owner}.${name}`, classification]));
}

/** Every classified name, with the lists each came from (more than one is a mistake in the tables). */
function allEntries(): [string, Classification][] {
  const roads: Road[] = ['network', 'storage', 'contexts', 'devices'];
  return [
    ...entries(HARMLESS, HARMLESS_CLASS),
    ...entries(MEMBERS, HARMLESS_CLASS),
    ...entries(MEDIA_MEMBERS, HARMLESS_CLASS),
    ...entries(ENGINE_PRIVATE, ENGINE_PRIVATE_CLASS),
    ...roads.flatMap((road) => entries(REMOVED[road], { kind: 'removed', road })),
  ];
}

const TABLE: ReadonlyMap<string, Classification> = new Map(allEntries());

/** Names that more than one list claims; the unit tests keep this empty. */
export function claimedTwice(): string[] {
  const seen = new Set<string>();
  return allEntries().flatMap(([name]) => (seen.has(name) ? [name] : (seen.add(name), [])));
}

/**
 * Whether a name is harmless by rule rather than by a list: a prototype's own `constructor` is
 * its interface, which the scope's own list classifies, a string tag is a string, and what
 * ECMAScript's own objects hold is computation. Self-contained, so that a test can send its
 * source to a worker and walk there exactly as the guard walks.
 */
export function harmlessByRule(name: string, ecmascriptOwners: ReadonlySet<string>): boolean {
  if (/\.prototype\.constructor$/.test(name) || name.endsWith('.[Symbol.toStringTag]')) return true;
  const dot = name.indexOf('.');
  return dot > 0 && ecmascriptOwners.has(name.slice(0, dot));
}

/** The classification of a walked name, or null for one no list or rule has. */
export function classify(name: string): Classification | null {
  return TABLE.get(name) ?? (harmlessByRule(name, ECMASCRIPT_OWNERS) ? HARMLESS_CLASS : null);
}

/**
 * A walked property's classification: its name's, or harmless for a constant (a primitive that
 * can be neither changed nor removed, as Web IDL's `WebGLRenderingContext.DEPTH_TEST` is).
 */
export function classifyProperty(property: { readonly name: string; readonly constant?: boolean }): Classification | null {
  return classify(property.name) ?? (property.constant === true ? HARMLESS_CLASS : null);
}

/**
 * By the property's key alone, whatever holds it: what a scope that is not a browser worker
 * (Node, in the unit tests) lays out differently but still has to lose (`fetch` is Node's own).
 * Null when no list removes or keeps privately a property of that key.
 */
export function classifyKey(key: string): Classification | null {
  let found: Classification | null = null;
  for (const [name, classification] of TABLE) {
    if (classification.kind === 'harmless' || name.slice(name.lastIndexOf('.') + 1) !== key) continue;
    // Storage and the rest win over the network: they are never given back.
    if (found === null || returnsWithNetwork(found)) found = classification;
  }
  return found;
}

/** Whether `allow` gives the name back: the network, and what the engine keeps privately. */
export function returnsWithNetwork(classification: Classification): boolean {
  return classification.kind === 'engine-private' || (classification.kind === 'removed' && classification.road === 'network');
}

/** Every name a list calls harmless, for a walk sent to a worker (which also applies `harmlessByRule`). */
export function harmlessNames(): string[] {
  return [...TABLE].flatMap(([name, classification]) => (classification.kind === 'harmless' ? [name] : []));
}

/** The keys of every name that goes with the network, wherever it lives (for tests and reports). */
export function networkKeys(): string[] {
  const keys = new Set<string>();
  for (const [name, classification] of TABLE) if (returnsWithNetwork(classification)) keys.add(name.slice(name.lastIndexOf('.') + 1));
  return [...keys];
}
