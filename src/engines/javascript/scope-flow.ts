/**
 * The bookkeeping of the reads analysis (see reads.ts): the chain of scopes a name resolves
 * through, and the set of global names the cell has certainly assigned at the current point of
 * its evaluation. Code that may not run is walked as a branch, which notes the names it assigns
 * and takes them back at its end, so that they are not taken as certain afterwards; the caller
 * decides what of them holds (see `both`). No branch copies the set, so a long cell costs time
 * in proportion to its length.
 */

interface Scope {
  readonly parent: Scope | null;
  readonly names: ReadonlySet<string>;
}

export class ScopeFlow {
  /** The global names read before the cell certainly assigned them. */
  readonly found = new Set<string>();
  private readonly assigned = new Set<string>();
  /** One set per open branch: the names it has assigned. */
  private readonly journals: Set<string>[] = [];
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
    if (this.isGlobal(name)) this.assign([name]);
  }

  /** Takes global names as certainly assigned from here on. */
  protected assign(names: Iterable<string>): void {
    for (const name of names) {
      if (this.assigned.has(name)) continue;
      this.assigned.add(name);
      // Only the innermost branch: an outer one learns of it when the caller assigns what holds.
      this.journals.at(-1)?.add(name);
    }
  }

  /** Walks code that may not run; returns the names it assigned, which no longer count as assigned. */
  protected branch(walk: () => void): Set<string> {
    const journal = new Set<string>();
    this.journals.push(journal);
    walk();
    this.journals.pop();
    for (const name of journal) this.assigned.delete(name);
    return journal;
  }

  /** Walks code in a scope of its own that declares `names`. */
  protected within(names: Iterable<string>, walk: () => void): void {
    const saved = this.scope;
    this.scope = { parent: saved, names: new Set(names) };
    walk();
    this.scope = saved;
  }
}

/** The names certainly assigned after either of two branches: those both assigned. */
export function both(first: ReadonlySet<string>, second: ReadonlySet<string>): Set<string> {
  return new Set([...first].filter((name) => second.has(name)));
}
