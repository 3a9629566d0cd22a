/**
 * Builds tiny pure-Python wheels for tests: a zip with the package, METADATA, WHEEL and RECORD.
 */
import { strToU8, zipSync } from 'fflate';

export interface WheelSpec {
  readonly name: string;
  readonly version: string;
  /** Files of the package, by path inside the wheel, such as `greet/__init__.py`. */
  readonly files: Readonly<Record<string, string>>;
}

export function wheelFileName(spec: WheelSpec): string {
  return `${spec.name}-${spec.version}-py3-none-any.whl`;
}

export function buildWheel(spec: WheelSpec): Uint8Array {
  const distInfo = `${spec.name}-${spec.version}.dist-info`;
  const files: Record<string, string> = {
    ...spec.files,
    [`${distInfo}/METADATA`]: `Metadata-Version: 2.1\nName: ${spec.name}\nVersion: ${spec.version}\nSummary: A test package\n`,
    [`${distInfo}/WHEEL`]: 'Wheel-Version: 1.0\nGenerator: playground-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  };
  files[`${distInfo}/RECORD`] = [...Object.keys(files), `${distInfo}/RECORD`].map((path) => `${path},,`).join('\n') + '\n';
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])));
}
