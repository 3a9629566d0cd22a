/**
 * Finds every property user code could reach from a worker's global scope, by reflection: the
 * scope and each object on its prototype chain, then the platform objects that the harmless
 * properties hold (`navigator`, `crypto`, `performance`…) and their prototype chains. Nothing
 * here knows which names exist; a browser that adds one adds it to what this returns.
 *
 * `walkScope` is self-contained (it calls nothing outside its own body), so a test can send its
 * source to a bare worker in the real browser and enumerate with the very code the guard uses.
 */

/** One own property of an object reachable from the scope. */
export interface FoundProperty {
  /** The object that holds the property. */
  readonly owner: object;
  /** `self`, `WorkerGlobalScope.prototype`, `navigator`…: where the property lives. */
  readonly ownerLabel: string;
  readonly key: PropertyKey;
  /** `ownerLabel.key`, with a symbol key as `[Symbol.toStringTag]`: what the classification names. */
  readonly name: string;
  readonly descriptor: PropertyDescriptor;
  /**
   * The platform interfaces along the value's chain, most specific first: a constructor and the
   * interfaces it inherits from, or an object's class and its ancestors (`fonts` gives
   * `FontFaceSet`, `EventTarget`). Stops before the ECMAScript `Object` and `Function`.
   */
  readonly interfaces: readonly string[];
}

/**
 * Walks `scope`. `descend(name)` says whether the object a property holds is walked too; the
 * guard says yes only for properties it keeps, so that nothing the engine keeps privately (the
 * IndexedDB factory a store opened before the walk) has its prototype touched.
 */
export function walkScope(scope: object, descend: (name: string) => boolean): FoundProperty[] {
  const found: FoundProperty[] = [];
  const visited = new Set<object>();
  const objectPrototype: unknown = Object.prototype;
  const functionPrototype: unknown = Function.prototype;

  const keyLabel = (key: PropertyKey): string => (typeof key === 'symbol' ? `[${key.description ?? ''}]` : String(key));

  /** `X.prototype` when the object is the prototype of its own constructor. */
  const prototypeLabel = (object: object): string | null => {
    const constructor: unknown = Reflect.getOwnPropertyDescriptor(object, 'constructor')?.value;
    if (typeof constructor !== 'function') return null;
    const prototype: unknown = Reflect.getOwnPropertyDescriptor(constructor, 'prototype')?.value;
    const name: unknown = Reflect.getOwnPropertyDescriptor(constructor, 'name')?.value;
    return prototype === object && typeof name === 'string' ? `${name}.prototype` : null;
  };

  /** The value a property gives when read on `receiver`; a getter that throws gives nothing. */
  const valueOf = (descriptor: PropertyDescriptor, receiver: object): unknown => {
    if ('value' in descriptor) return descriptor.value;
    const getter: unknown = Reflect.get(descriptor, 'get');
    try {
      return typeof getter === 'function' ? Reflect.apply(getter, receiver, []) : undefined;
    } catch {
      return undefined;
    }
  };

  const interfacesOf = (value: unknown): string[] => {
    const names: string[] = [];
    let prototype: unknown = null;
    if (typeof value === 'function') prototype = Reflect.getOwnPropertyDescriptor(value, 'prototype')?.value;
    else if (typeof value === 'object' && value !== null) prototype = Reflect.getPrototypeOf(value);
    for (let step = 0; typeof prototype === 'object' && prototype !== null && step < 32; step += 1) {
      if (prototype === objectPrototype || prototype === functionPrototype) break;
      const label = prototypeLabel(prototype);
      if (label !== null) names.push(label.slice(0, -'.prototype'.length));
      prototype = Reflect.getPrototypeOf(prototype);
    }
    return names;
  };

  const walkChain = (root: object, rootLabel: string, receiver: object, pending: [object, string][]) => {
    let depth = 0;
    for (let owner: object | null = root; owner !== null; owner = Reflect.getPrototypeOf(owner), depth += 1) {
      if (visited.has(owner)) continue;
      visited.add(owner);
      const ownerLabel = depth === 0 ? rootLabel : (prototypeLabel(owner) ?? `${rootLabel}.[[Prototype]]${String(depth)}`);
      for (const key of Reflect.ownKeys(owner)) {
        const descriptor = Reflect.getOwnPropertyDescriptor(owner, key);
        if (descriptor === undefined) continue;
        const name = `${ownerLabel}.${keyLabel(key)}`;
        const value = valueOf(descriptor, receiver);
        found.push({ owner, ownerLabel, key, name, descriptor, interfaces: interfacesOf(value) });
        // A platform object held by a kept property is another way in: walk it as a root of its own.
        // Arrays (`navigator.languages`) are ECMAScript's own; they hold no capability of their own.
        if (typeof value !== 'object' || value === null || Array.isArray(value) || visited.has(value)) continue;
        const prototype = Reflect.getPrototypeOf(value);
        if (prototype !== null && prototype !== objectPrototype && typeof key === 'string' && descend(name)) pending.push([value, key]);
      }
    }
  };

  const pending: [object, string][] = [];
  walkChain(scope, 'self', scope, pending);
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const [root, label] = next;
    if (!visited.has(root)) walkChain(root, label, root, pending);
  }
  return found;
}
