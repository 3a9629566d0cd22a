/**
 * Compiling a WASM cell: WAT text through wabt (loaded only when a WASM cell first runs), or a
 * binary module from base64. The memory's maximum is lowered to the policy's cap before the
 * module is compiled, so the cap holds inside the module as well as outside it.
 */
import type loadWabtModule from 'wabt';
import { capMemory, MemoryCapError, readModuleInfo, WasmFormatError, type WasmModuleInfo } from './module-reader';

export interface CompiledWasm {
  readonly ok: true;
  readonly module: WebAssembly.Module;
  readonly info: WasmModuleInfo;
  /** The size of the binary, in bytes. */
  readonly byteLength: number;
}

export interface WasmCompileFailure {
  readonly ok: false;
  /** `syntax` for WAT or base64 that does not read, or a binary that does not validate; `memory` past the cap. */
  readonly kind: 'syntax' | 'memory';
  readonly message: string;
  /** 1-based, in the cell's own text, when the compiler says where. */
  readonly line: number | null;
  readonly column: number | null;
}

export type WasmCompileOutcome = CompiledWasm | WasmCompileFailure;

type Wabt = Awaited<ReturnType<typeof loadWabtModule>>;
let wabt: Promise<Wabt> | null = null;

/** wabt is 700 KB of JavaScript and wasm, so it loads with the first WAT cell. */
function loadWabt(): Promise<Wabt> {
  wabt ??= import('wabt').then((module) => module.default());
  return wabt;
}

const WAT_FILE = 'cell.wat';
/** wabt's messages: `cell.wat:3:5: error: unexpected token …`, after a first line naming the step. */
const WABT_ERROR = /cell\.wat:(\d+):(\d+): error: ([^\n]*)/;

function failure(kind: WasmCompileFailure['kind'], message: string, line: number | null = null, column: number | null = null): WasmCompileFailure {
  return { ok: false, kind, message, line, column };
}

/** WAT text to a binary, or the first error with its line and column. */
export async function watToBinary(text: string): Promise<Uint8Array | WasmCompileFailure> {
  const compiler = await loadWabt();
  let module: ReturnType<Wabt['parseWat']> | null = null;
  try {
    module = compiler.parseWat(WAT_FILE, text);
    module.resolveNames();
    module.validate();
    return module.toBinary({}).buffer;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const located = WABT_ERROR.exec(message);
    if (!located) return failure('syntax', message.trim());
    return failure('syntax', located[3] ?? message, Number(located[1]), Number(located[2]));
  } finally {
    module?.destroy();
  }
}

/** Decodes a binary module written in base64, line breaks and spaces allowed. */
export function base64ToBytes(text: string): Uint8Array | WasmCompileFailure {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return failure('syntax', 'the binary module is not valid base64');
  let binary: string;
  try {
    binary = atob(compact);
  } catch {
    // Padding that does not end a group of four, such as `QQ=`, passes the test above.
    return failure('syntax', 'the binary module is not valid base64');
  }
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/** Base64 of a binary module, in lines of 76 characters, as a `(binary)` block holds it. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return (btoa(binary).match(/.{1,76}/g) ?? []).join('\n');
}

/** Compiles a WASM cell's code, WAT or base64, with its memory capped at `maxPages`. */
export async function compileWasmCell(code: string, binary: boolean, maxPages: number): Promise<WasmCompileOutcome> {
  const bytes = binary ? base64ToBytes(code) : await watToBinary(code);
  if (!(bytes instanceof Uint8Array)) return bytes;
  let capped: Uint8Array;
  let info: WasmModuleInfo;
  try {
    capped = capMemory(bytes, maxPages);
    info = readModuleInfo(capped);
  } catch (error) {
    if (error instanceof MemoryCapError) return failure('memory', error.message);
    if (error instanceof WasmFormatError) return failure('syntax', error.message);
    throw error;
  }
  try {
    const module = await WebAssembly.compile(capped as Uint8Array<ArrayBuffer>);
    return { ok: true, module, info, byteLength: capped.length };
  } catch (error) {
    return failure('syntax', error instanceof Error ? error.message : String(error));
  }
}
