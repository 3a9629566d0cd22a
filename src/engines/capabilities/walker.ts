/**
 * Finds every property user code could reach from a worker's global scope, by reflection: the
 * scope and each object on its prototype chain, then what the kept properties hold, each with
 * its own prototype chain: platform objects (`navigator`, `crypto`, `performance`…), namespaces
 * (`Intl`, `WebAssembly`) and constructors, whose static names and `prototype` are walked too
 * (`URL.createObjectURL`, `Blob.prototype.text`, and `Blob` again above `File`). Nothing here
 * knows which names exist; a browser that adds one adds it to what this returns.
 *
 * `walkScope` is self-contained (it calls nothing outside its own body), so a test can send its
 * source to a bare worker in the real browser and enumerate with the very code the guard uses.
 */

/** One own property of an object reachable from the scope. */
export interface FoundProperty {
  /** The object that holds the property. */
  readonly owner: object;
  /** `self`, `WorkerGlobalScope.prototype`, `navigator`, `URL`…: where the property lives. */
  readonly ownerLabel: string;
  readonly key: PropertyKey;
  /** `ownerLabel.key`, with a symbol key as `[Symbol.toStringTag]`: what the classification names. */
  readonly name: string;
  readonly descriptor: PropertyDescriptor;
  /**
   * The platform interfaces along the value's chain, most specific first: a constructor and the
   * interfaces it inherits from, or an object's class and its ancestors (`fonts` gives
   * `FontFaceSet`, `EventTarget`). Stops before the ECMAScript `Object` and `Function`. Empty
   * for an accessor on a prototype, which has no instance to be read on.
   */
  readonly interfaces: readonly string[];
  /** A primitive that can be neither changed nor removed: a Web IDL or ECMAScript constant. */
  readonly constant: boolean;
}

/**
 * Walks `scope`. `descend(name)` says whether the object a property holds is walked too; the
 * guard says yes only for properties it keeps, so that nothing the engine keeps privately (the
 * IndexedDB factory a store opened before the walk) has its prototype touched.
 *
 * A function's `length` and `name`, which every function has, are not listed; its `prototype`
 * is not listed either but always walked, since whoever holds the constructor holds it.
 */
export function walkScope(scope: object, descend: (name: string) => boolean): FoundProperty[] {
  const found: FoundProperty[] = [];
  const visited = new Set<object>();
  const objectPrototype: unknown = Object.prototype;
  const functionPrototype: unknown = Function.prototype;
  const functionOwnKeys = new Set<PropertyKey>(['length', 'name', 'prototype']);

  const keyLabel = (key: PropertyKey): string => (typeof key === 'symbol' ? `[${key.description ?? ''}]` : String(key));
  const ownValue = (object: object, key: PropertyKey): unknown => Reflect.getOwnPropertyDescriptor(object, key)?.value;

  /** The name of a constructor: a function whose `prototype.constructor` is itself. */
  const constructorName = (object: object): string | null => {
    if (typeof object !== 'function') return null;
    const prototype = ownValue(object, 'prototype');
    const name = ownValue(object, 'name');
    return typeof prototype === 'object' && prototype !== null && ownValue(prototype, 'constructor') === object && typeof name === 'string' ? name : null;
  };

  /** `X.prototype` when the object is the prototype of its own constructor. */
  const prototypeLabel = (object: object): string | null => {
    const constructor = ownValue(object, 'constructor');
    if (typeof constructor !== 'function' || ownValue(constructor, 'prototype') !== object) return null;
    const name = ownValue(constructor, 'name');
    return typeof name === 'string' ? `${name}.prototype` : null;
  };

  /** The value a property gives when read on `receiver`; a getter that throws, or no receiver, gives nothing. */
  const valueOf = (descriptor: PropertyDescriptor, receiver: object | null): unknown => {
    if ('value' in descriptor) return descriptor.value;
    const getter: unknown = Reflect.get(descriptor, 'get');
    if (receiver === null || typeof getter !== 'function') return undefined;
    try {
      return Reflect.apply(getter, receiver, []);
    } catch {
      return undefined;
    }
  };

  const interfacesOf = (value: unknown): string[] => {
    const names: string[] = [];
    let prototype: unknown = null;
    if (typeof value === 'function') prototype = ownValue(value, 'prototype');
    else if (typeof value === 'object' && value !== null) prototype = Reflect.getPrototypeOf(value);
    for (let step = 0; typeof prototype === 'object' && prototype !== null && step < 32; step += 1) {
      if (prototype === objectPrototype || prototype === functionPrototype) break;
      const label = prototypeLabel(prototype);
      if (label !== null) names.push(label.slice(0, -'.prototype'.length));
      prototype = Reflect.getPrototypeOf(prototype);
    }
    return names;
  };

  /** Whether a value is walked as a root of its own: an object or a constructor, not ECMAScript's plain data. */
  const walkable = (value: unknown): value is object => {
    if (typeof value === 'function') return constructorName(value) !== null;
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  };

  type Pending = [root: object, label: string];
  // Objects handed out are walked before constructors and prototypes, so that a prototype is
  // first reached on an instance, whose accessors say what they give (`navigator.storage`).
  const instances: Pending[] = [];
  const interfaces: Pending[] = [];

  const walkChain = (root: object, rootLabel: string) => {
    // Accessors are read on the scope and on objects it hands out, never on a prototype or a
    // constructor's own prototype object, which are no instance (Web IDL getters throw there).
    const receiver = prototypeLabel(root) === null ? root : null;
    const fromScope = root === scope;
    let depth = 0;
    for (let owner: object | null = root; owner !== null; owner = Reflect.getPrototypeOf(owner), depth += 1) {
      if (visited.has(owner)) continue;
      visited.add(owner);
      const ownerLabel = depth === 0 ? rootLabel : (prototypeLabel(owner) ?? constructorName(owner) ?? `${rootLabel}.[[Prototype]]${String(depth)}`);
      const isFunction = typeof owner === 'function';
      if (isFunction) {
        const prototype = ownValue(owner, 'prototype');
        if (typeof prototype === 'object' && prototype !== null && !visited.has(prototype)) interfaces.push([prototype, `${ownerLabel}.prototype`]);
      }
      for (const key of Reflect.ownKeys(owner)) {
        if (isFunction && functionOwnKeys.has(key)) continue;
        const descriptor = Reflect.getOwnPropertyDescriptor(owner, key);
        if (descriptor === undefined) continue;
        const name = `${ownerLabel}.${keyLabel(key)}`;
        const value = valueOf(descriptor, receiver);
        const constant = 'value' in descriptor && descriptor.writable === false && descriptor.configurable === false && (typeof value !== 'object' || value === null) && typeof value !== 'function';
        found.push({ owner, ownerLabel, key, name, descriptor, interfaces: interfacesOf(value), constant });
        // What a kept property holds is another way in: walk it as a root of its own, labelled
        // by its key on the scope's chain (`navigator`, `URL`) and by its full name elsewhere.
        if (!walkable(value) || visited.has(value) || typeof key !== 'string' || !descend(name)) continue;
        (typeof value === 'function' ? interfaces : instances).push([value, fromScope ? key : name]);
      }
    }
  };

  walkChain(scope, 'self');
  let instance = 0;
  let other = 0;
  for (;;) {
    const next = instance < instances.length ? instances[instance++] : interfaces[other++];
    if (next === undefined) return found;
    if (!visited.has(next[0])) walkChain(next[0], next[1]);
  }
}
