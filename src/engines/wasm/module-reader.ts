/**
 * Reads what the playground needs from a WebAssembly binary: each exported function's
 * signature (the JavaScript API does not give it, yet an i64 parameter needs a BigInt), the
 * module's memory and its imports. It also rewrites the memory's maximum so that the policy's
 * cap holds inside the module too: `memory.grow` past it then fails as the spec says (-1), and
 * a grow from outside throws. Pure; it reads only the sections it needs and copies the rest.
 */

/** A WebAssembly value type as the binary spells it. */
export type ValueType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

/** One exported function and its signature. */
export interface FunctionExport {
  readonly kind: 'function';
  readonly name: string;
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
}

/** An export that is not a function: a memory, table or global. */
export interface OtherExport {
  readonly kind: 'memory' | 'table' | 'global';
  readonly name: string;
}

export type WasmExport = FunctionExport | OtherExport;

/** An import the module needs from its host. */
export interface WasmImport {
  readonly module: string;
  readonly name: string;
  readonly kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
}

/** The module's memory, in 64 KiB pages. */
export interface MemoryLimits {
  /** True when the module imports its memory instead of defining it. */
  readonly imported: boolean;
  readonly initialPages: number;
  /** The declared maximum, or null when the module sets none. */
  readonly maximumPages: number | null;
  readonly shared: boolean;
}

export interface WasmModuleInfo {
  readonly exports: readonly WasmExport[];
  readonly imports: readonly WasmImport[];
  /** The first memory, defined or imported; null when the module has none. */
  readonly memory: MemoryLimits | null;
}

/** A binary the reader cannot make sense of. */
export class WasmFormatError extends Error {
  override readonly name = 'WasmFormatError';
}

/** A module whose memory starts larger than the policy allows. */
export class MemoryCapError extends Error {
  override readonly name = 'MemoryCapError';
}

export const PAGE_BYTES = 65_536;

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const SECTION = { type: 1, import: 2, function: 3, memory: 5, export: 7 } as const;
const VALUE_TYPES: Readonly<Record<number, ValueType>> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };
const EXTERNAL_KINDS = ['function', 'table', 'memory', 'global', 'tag'] as const;
const LIMITS_HAS_MAXIMUM = 0x01;
const LIMITS_SHARED = 0x02;
const LIMITS_MEMORY64 = 0x04;

/** A cursor over the binary; every read checks that the bytes are there. */
class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
    readonly end = bytes.length,
  ) {}

  byte(): number {
    if (this.at >= this.end) throw new WasmFormatError(`the module ends early, at byte ${String(this.at)}`);
    return this.bytes[this.at++] ?? 0;
  }

  /** An unsigned LEB128 number; u64 values (memory64 limits) are read as far as a double holds them. */
  unsigned(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
  }

  name(): string {
    const length = this.unsigned();
    if (this.at + length > this.end) throw new WasmFormatError('a name runs past the end of its section');
    const text = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }

  valueType(): ValueType {
    const code = this.byte();
    const type = VALUE_TYPES[code];
    if (type === undefined) throw new WasmFormatError(`unknown value type 0x${code.toString(16)}`);
    return type;
  }

  limits(): { flags: number; initial: number; maximum: number | null } {
    const flags = this.byte();
    const initial = this.unsigned();
    const maximum = (flags & LIMITS_HAS_MAXIMUM) !== 0 ? this.unsigned() : null;
    return { flags, initial, maximum };
  }
}

interface Section {
  readonly id: number;
  /** Offset of the section's id byte. */
  readonly start: number;
  /** Offset of the section's contents. */
  readonly contents: number;
  readonly end: number;
}

function sectionsOf(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || MAGIC.some((byte, index) => bytes[index] !== byte)) throw new WasmFormatError('this is not a WebAssembly module (it does not start with \\0asm)');
  const reader = new Reader(bytes, 8);
  const sections: Section[] = [];
  while (reader.at < bytes.length) {
    const start = reader.at;
    const id = reader.byte();
    const size = reader.unsigned();
    const contents = reader.at;
    if (contents + size > bytes.length) throw new WasmFormatError(`section ${String(id)} runs past the end of the module`);
    sections.push({ id, start, contents, end: contents + size });
    reader.at = contents + size;
  }
  return sections;
}

function limitsToMemory(limits: { flags: number; initial: number; maximum: number | null }, imported: boolean): MemoryLimits {
  return { imported, initialPages: limits.initial, maximumPages: limits.maximum, shared: (limits.flags & LIMITS_SHARED) !== 0 };
}

/** Reads the exports with their signatures, the imports and the memory of a module. */
export function readModuleInfo(bytes: Uint8Array): WasmModuleInfo {
  const types: { params: ValueType[]; results: ValueType[] }[] = [];
  /** Type index of each function, imported ones first, as the function index space runs. */
  const functionTypes: number[] = [];
  const imports: WasmImport[] = [];
  const exports: WasmExport[] = [];
  let memory: MemoryLimits | null = null;

  for (const section of sectionsOf(bytes)) {
    const reader = new Reader(bytes, section.contents, section.end);
    switch (section.id) {
      case SECTION.type: {
        for (let count = reader.unsigned(); count > 0; count--) {
          const form = reader.byte();
          if (form !== 0x60) throw new WasmFormatError(`type 0x${form.toString(16)} is not a function type`);
          const params = Array.from({ length: reader.unsigned() }, () => reader.valueType());
          const results = Array.from({ length: reader.unsigned() }, () => reader.valueType());
          types.push({ params, results });
        }
        break;
      }
      case SECTION.import: {
        for (let count = reader.unsigned(); count > 0; count--) {
          const module = reader.name();
          const name = reader.name();
          const kind = EXTERNAL_KINDS[reader.byte()];
          if (kind === undefined) throw new WasmFormatError(`import ${module}.${name} has an unknown kind`);
          imports.push({ module, name, kind });
          if (kind === 'function') functionTypes.push(reader.unsigned());
          else if (kind === 'table') {
            reader.byte();
            reader.limits();
          } else if (kind === 'memory') {
            const limits = reader.limits();
            memory ??= limitsToMemory(limits, true);
          } else if (kind === 'global') {
            reader.byte();
            reader.byte();
          } else {
            reader.byte();
            reader.unsigned();
          }
        }
        break;
      }
      case SECTION.function: {
        for (let count = reader.unsigned(); count > 0; count--) functionTypes.push(reader.unsigned());
        break;
      }
      case SECTION.memory: {
        if (reader.unsigned() > 0) memory ??= limitsToMemory(reader.limits(), false);
        break;
      }
      case SECTION.export: {
        for (let count = reader.unsigned(); count > 0; count--) {
          const name = reader.name();
          const kind = EXTERNAL_KINDS[reader.byte()];
          const index = reader.unsigned();
          if (kind === 'function') {
            const type = types[functionTypes[index] ?? -1];
            if (!type) throw new WasmFormatError(`export ${name} names function ${String(index)}, which has no type`);
            exports.push({ kind, name, params: type.params, results: type.results });
          } else if (kind === 'memory' || kind === 'table' || kind === 'global') {
            exports.push({ kind, name });
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return { exports, imports, memory };
}

/** An unsigned LEB128 encoding of a number. */
function leb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return out;
}

/**
 * The module with its defined memory's maximum lowered to `maxPages` (or set, when it had
 * none). A module whose memory already fits, or that imports its memory (the host then makes
 * one within the cap), comes back unchanged. Throws when even the initial size is over the cap.
 */
export function capMemory(bytes: Uint8Array, maxPages: number): Uint8Array {
  const sections = sectionsOf(bytes);
  const info = readModuleInfo(bytes);
  if (info.memory && info.memory.initialPages > maxPages) {
    throw new MemoryCapError(`the module's memory starts at ${String(info.memory.initialPages)} pages (${formatPages(info.memory.initialPages)}), over the policy's limit of ${String(maxPages)} pages (${formatPages(maxPages)})`);
  }
  const section = sections.find((candidate) => candidate.id === SECTION.memory);
  if (!section || !info.memory || info.memory.imported) return bytes;
  if (info.memory.maximumPages !== null && info.memory.maximumPages <= maxPages) return bytes;

  const reader = new Reader(bytes, section.contents, section.end);
  const count = reader.unsigned();
  const first = reader.limits();
  if ((first.flags & LIMITS_MEMORY64) !== 0) throw new WasmFormatError('64-bit memories are not supported');
  const rest = bytes.subarray(reader.at, section.end);
  const contents = [...leb(count), first.flags | LIMITS_HAS_MAXIMUM, ...leb(first.initial), ...leb(maxPages), ...rest];
  const rewritten = new Uint8Array(section.start + 1 + leb(contents.length).length + contents.length + (bytes.length - section.end));
  let at = 0;
  const put = (part: ArrayLike<number>) => {
    rewritten.set(part, at);
    at += part.length;
  };
  put(bytes.subarray(0, section.start));
  put([SECTION.memory, ...leb(contents.length)]);
  put(contents);
  put(bytes.subarray(section.end));
  return rewritten;
}

/** Pages as a size a person reads: "16 pages" is "1 MiB". */
export function formatPages(pages: number): string {
  const bytes = pages * PAGE_BYTES;
  return bytes >= 1024 * 1024 ? `${String(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MiB` : `${String(bytes / 1024)} KiB`;
}
