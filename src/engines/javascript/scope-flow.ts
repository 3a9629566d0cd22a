/**
 * The bookkeeping of the reads analysis (see reads.ts): the chain of scopes a name resolves
 * through, and the set of global names the cell has certainly assigned at the current point of
 * its evaluation. Code that may not run is walked as a branch, from a copy of that set, so that
 * what it assigns is not taken as certain afterwards.
 */

interface Scope {
  readonly parent: Scope | null;
  readonly names: ReadonlySet<string>;
}

export class ScopeFlow {
  /** The global names read before the cell certainly assigned them. */
  readonly found = new Set<string>();
  protected assigned = new Set<string>();
  private scope: Scope;

  /** `own` are the cell's top-level declarations: anything past them is global. */
  constructor(own: Iterable<string>) {
    this.scope = { parent: null, names: new Set(own) };
  }

  private isGlobal(name: string): boolean {
    for (let scope: Scope | null = this.scope; scope; scope = scope.parent) if (scope.names.has(name)) return false;
    return true;
  }

  protected use(name: string): void {
    if (this.isGlobal(name) && !this.assigned.has(name)) this.found.add(name);
  }

  protected store(name: string): void {
    if (this.isGlobal(name)) this.assigned.add(name);
  }

  /** Walks code that may not run from a copy of the assigned names, and returns where it ends. */
  protected branch(walk: () => void): Set<string> {
    const saved = this.assigned;
    this.assigned = new Set(saved);
    walk();
    const reached = this.assigned;
    this.assigned = saved;
    return reached;
  }

  /** Walks code in a scope of its own that declares `names`. */
  protected within(names: Iterable<string>, walk: () => void): void {
    const saved = this.scope;
    this.scope = { parent: saved, names: new Set(names) };
    walk();
    this.scope = saved;
  }
}

/** The names certainly assigned after either of two alternatives. */
export function both(first: ReadonlySet<string>, second: ReadonlySet<string>): Set<string> {
  return new Set([...first].filter((name) => second.has(name)));
}
