/**
 * WASM cells inside an engine's worker. The main thread compiles a cell once and sends the
 * `WebAssembly.Module`; each engine instantiates it here and lets its language call the
 * exports. Arguments are converted by the export's signature, so that a Python int or a JS
 * number reaches an i64 parameter as a BigInt; memory is read and written as byte copies,
 * since neither interpreter can see the instance's memory directly. Each engine has its own
 * instance: the session carries the memory from one to the next (src/runtime/wasm-modules.ts).
 */
import { formatPages, PAGE_BYTES, type FunctionExport, type ValueType, type WasmModuleInfo } from './module-reader';

/** A compiled WASM cell, as the main thread sends it to an engine. */
export interface WasmModuleSpec {
  /** The cell's name: the global that Python and JavaScript cells call it by. */
  readonly name: string;
  readonly module: WebAssembly.Module;
  readonly info: WasmModuleInfo;
  /** The policy's memory limit in pages; the module's own maximum has already been lowered to it. */
  readonly maxPages: number;
  /** The memory to start from, as another engine left it; null for the module's own data. */
  readonly memory: Uint8Array | null;
}

/** What went wrong in a call; each engine raises it as its language's own error. */
export type WasmFailureKind = 'trap' | 'type' | 'range' | 'memory' | 'link';

/** A call into a module that failed: a trap, a wrong argument, or memory past the cap. */
export class WasmCallError extends Error {
  override readonly name = 'WasmCallError';
  constructor(
    message: string,
    readonly kind: WasmFailureKind,
  ) {
    super(message);
  }
}

/** What a call returns: nothing, one value, or several (multi-value). */
export type WasmResult = number | bigint | null | (number | bigint)[];

function toBigInt(value: unknown, where: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'boolean') return value ? 1n : 0n;
  throw new WasmCallError(`${where} is an i64 and needs an integer, not ${describe(value)}`, 'type');
}

function toNumber(value: unknown, where: string, type: ValueType): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new WasmCallError(`${where} is an ${type} and needs a number, not ${describe(value)}`, 'type');
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
  return `a value of type ${typeof value}`;
}

/** One instance of a module in this worker. */
export class WasmInstance {
  private readonly instance: WebAssembly.Instance;
  private readonly memory: WebAssembly.Memory | null;
  private readonly functions: ReadonlyMap<string, FunctionExport>;
  /** Set by anything that may have changed the memory since the session last took it. */
  touched = false;

  constructor(private readonly spec: WasmModuleSpec) {
    let importedMemory: WebAssembly.Memory | null = null;
    const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
    for (const entry of spec.info.imports) {
      const where = `${entry.module}.${entry.name}`;
      let value: WebAssembly.ImportValue;
      if (entry.kind === 'function') {
        value = () => {
          throw new WasmCallError(`${spec.name} called its import ${where}, which the playground does not provide`, 'link');
        };
      } else if (entry.kind === 'memory' && spec.info.memory?.imported) {
        const { initialPages, maximumPages, shared } = spec.info.memory;
        importedMemory = new WebAssembly.Memory({ initial: initialPages, maximum: Math.min(maximumPages ?? spec.maxPages, spec.maxPages), shared });
        value = importedMemory;
      } else {
        throw new WasmCallError(`${spec.name} imports the ${entry.kind} ${where}; the playground can only give a module its memory`, 'link');
      }
      (imports[entry.module] ??= {})[entry.name] = value;
    }
    try {
      this.instance = new WebAssembly.Instance(spec.module, imports);
    } catch (error) {
      // A data segment past the memory's end, or a start function that traps.
      throw new WasmCallError(`${spec.name} could not be instantiated: ${error instanceof Error ? error.message : String(error)}`, error instanceof WebAssembly.RuntimeError ? 'trap' : 'link');
    }
    const exported = Object.values(this.instance.exports).find((value): value is WebAssembly.Memory => value instanceof WebAssembly.Memory);
    this.memory = importedMemory ?? exported ?? null;
    this.functions = new Map(spec.info.exports.flatMap((entry) => (entry.kind === 'function' ? [[entry.name, entry] as const] : [])));
    if (spec.memory !== null) this.restore(spec.memory);
  }

  get name(): string {
    return this.spec.name;
  }

  /** The exported functions with their signatures, in export order. */
  exportedFunctions(): FunctionExport[] {
    return [...this.functions.values()];
  }

  hasMemory(): boolean {
    return this.memory !== null;
  }

  /** Calls an export; a trap, a wrong argument or a missing export is a `WasmCallError`. */
  call(exportName: string, args: readonly unknown[]): WasmResult {
    const signature = this.functions.get(exportName);
    const fn = this.instance.exports[exportName];
    if (!signature || typeof fn !== 'function') throw new WasmCallError(`${this.spec.name} has no exported function ${exportName}`, 'type');
    const where = `${this.spec.name}.${exportName}`;
    if (args.length !== signature.params.length) {
      throw new WasmCallError(`${where} takes ${String(signature.params.length)} argument${signature.params.length === 1 ? '' : 's'} (${signature.params.join(', ')}), not ${String(args.length)}`, 'type');
    }
    const converted = signature.params.map((type, index) => {
      const argument = `argument ${String(index + 1)} of ${where}`;
      if (type === 'i64') return toBigInt(args[index], argument);
      if (type === 'i32' || type === 'f32' || type === 'f64') return toNumber(args[index], argument, type);
      throw new WasmCallError(`${argument} is a ${type}, which cannot be passed from a cell`, 'type');
    });
    this.touched = true;
    let value: unknown;
    try {
      value = (fn as (...params: unknown[]) => unknown)(...converted);
    } catch (error) {
      if (error instanceof WasmCallError) throw error;
      // A trap, or recursion deeper than the worker's stack.
      if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) throw new WasmCallError(`${where} trapped: ${error.message}`, 'trap');
      throw error;
    }
    return readResult(value);
  }

  /** The memory's size in bytes. */
  byteLength(): number {
    return this.requireMemory().buffer.byteLength;
  }

  /** A copy of `length` bytes from `offset`. */
  read(offset: number, length: number): Uint8Array {
    const buffer = this.requireMemory().buffer;
    this.checkRange(offset, length, buffer.byteLength);
    return new Uint8Array(buffer, offset, length).slice();
  }

  /** Writes bytes at `offset`. */
  write(offset: number, bytes: Uint8Array): void {
    const buffer = this.requireMemory().buffer;
    this.checkRange(offset, bytes.length, buffer.byteLength);
    this.touched = true;
    new Uint8Array(buffer).set(bytes, offset);
  }

  /** Grows the memory by `pages` and returns its old size in pages; past the cap it says so. */
  grow(pages: number): number {
    const memory = this.requireMemory();
    const current = memory.buffer.byteLength / PAGE_BYTES;
    const limit = Math.min(this.spec.info.memory?.maximumPages ?? this.spec.maxPages, this.spec.maxPages);
    if (!Number.isInteger(pages) || pages < 0) throw new WasmCallError(`${this.spec.name}.memory.grow needs a whole number of pages, not ${String(pages)}`, 'type');
    if (current + pages > limit) {
      throw new WasmCallError(
        `${this.spec.name}.memory cannot grow to ${String(current + pages)} pages (${formatPages(current + pages)}): the limit is ${String(limit)} pages (${formatPages(limit)})${limit === this.spec.maxPages ? ", the policy's memory limit" : ''}`,
        'memory',
      );
    }
    this.touched = true;
    return memory.grow(pages);
  }

  /** A copy of the whole memory, or null when the module has none. */
  snapshot(): Uint8Array | null {
    return this.memory ? new Uint8Array(this.memory.buffer).slice() : null;
  }

  /** Makes the memory hold exactly `bytes` at its start, growing it to fit. */
  restore(bytes: Uint8Array): void {
    if (!this.memory) return;
    const missing = Math.ceil((bytes.length - this.memory.buffer.byteLength) / PAGE_BYTES);
    if (missing > 0) this.memory.grow(missing);
    new Uint8Array(this.memory.buffer).set(bytes);
  }

  private requireMemory(): WebAssembly.Memory {
    if (!this.memory) throw new WasmCallError(`${this.spec.name} has no memory`, 'type');
    return this.memory;
  }

  private checkRange(offset: number, length: number, size: number): void {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > size) {
      throw new WasmCallError(`${this.spec.name}.memory has ${String(size)} bytes; bytes ${String(offset)} to ${String(offset + length)} are outside it`, 'range');
    }
  }
}

function readResult(value: unknown): WasmResult {
  if (value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (Array.isArray(value)) return value.filter((item): item is number | bigint => typeof item === 'number' || typeof item === 'bigint');
  return null;
}

/** The WASM cells an engine has instantiated, by name. */
export class WasmInstances {
  private readonly instances = new Map<string, WasmInstance>();

  /** Instantiates (or instantiates again) a module; a failure leaves the old instance in place. */
  load(spec: WasmModuleSpec): WasmInstance {
    const instance = new WasmInstance(spec);
    this.instances.set(spec.name, instance);
    return instance;
  }

  get(name: string): WasmInstance | undefined {
    return this.instances.get(name);
  }

  /** The memory of every module touched since the last call, by name. */
  takeChanges(): Record<string, Uint8Array> {
    const changes: Record<string, Uint8Array> = {};
    for (const instance of this.instances.values()) {
      if (!instance.touched) continue;
      instance.touched = false;
      const bytes = instance.snapshot();
      if (bytes) changes[instance.name] = bytes;
    }
    return changes;
  }

  clear(): void {
    this.instances.clear();
  }
}
