/** WAT text to a WebAssembly binary through wabt, for tests that need real modules. */
import loadWabt from 'wabt';

type Wabt = Awaited<ReturnType<typeof loadWabt>>;
export type WatFeatures = Parameters<Wabt['parseWat']>[2];

let wabt: Promise<Wabt> | null = null;

/**
 * The binary of a module written in WAT; throws when it does not parse or validate. wabt's
 * typings do not let `validate` take the features, so a module that needs some is validated
 * by the engine instead.
 */
export async function watToBytes(text: string, features?: WatFeatures): Promise<Uint8Array> {
  wabt ??= loadWabt();
  const module = (await wabt).parseWat('t.wat', text, features);
  try {
    module.resolveNames();
    if (features === undefined) module.validate();
    const bytes = module.toBinary({}).buffer;
    if (!WebAssembly.validate(new Uint8Array(bytes))) throw new Error(`the engine does not accept the module of ${text}`);
    return bytes;
  } finally {
    module.destroy();
  }
}

/** An instance of the module, with no imports. */
export function instantiate(bytes: Uint8Array): WebAssembly.Instance {
  return new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)));
}

/** An exported function of an instance, to call with numbers. */
export function exportedFunction(instance: WebAssembly.Instance, name: string): (...args: number[]) => unknown {
  const value = instance.exports[name];
  if (typeof value !== 'function') throw new Error(`${name} is not an exported function`);
  return value as (...args: number[]) => unknown;
}

/** An exported memory of an instance. */
export function exportedMemory(instance: WebAssembly.Instance, name = 'memory'): WebAssembly.Memory {
  const value = instance.exports[name];
  if (!(value instanceof WebAssembly.Memory)) throw new Error(`${name} is not an exported memory`);
  return value;
}
