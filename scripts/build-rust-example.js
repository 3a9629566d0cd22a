#!/usr/bin/env node
// Rebuilds public/examples/rust-adler32.tars from examples/rust-adler32/src/lib.rs: compiles the
// Rust source to wasm32-unknown-unknown and writes the module into the document as a
// `WASM adler (binary)` cell. Needs a rustc with that target: RUSTC, or Debian's
// (`apt-get install rustc libstd-rust-dev-wasm32`), or rustup's after
// `rustup target add wasm32-unknown-unknown`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const source = 'examples/rust-adler32/src/lib.rs';
const template = 'examples/rust-adler32/document.tars';
const target = 'public/examples/rust-adler32.tars';
const rustc = process.env.RUSTC ?? (existsSync('/usr/bin/rustc') ? '/usr/bin/rustc' : 'rustc');

const folder = mkdtempSync(join(tmpdir(), 'rust-example-'));
try {
  const output = join(folder, 'adler.wasm');
  execFileSync(rustc, ['--target', 'wasm32-unknown-unknown', '--edition', '2021', '-O', '--crate-type', 'cdylib', '-C', 'panic=abort', '-C', 'strip=symbols', '-o', output, source], { stdio: 'inherit' });
  const base64 = readFileSync(output).toString('base64');
  const body = (base64.match(/.{1,76}/g) ?? []).map((line) => `    ${line}`).join('\n');
  const version = execFileSync(rustc, ['--version'], { encoding: 'utf8' }).trim();
  const text = readFileSync(template, 'utf8').replace('{{MODULE}}', body).replace('{{RUSTC}}', version);
  writeFileSync(target, text);
  console.log(`wrote ${target}: ${String(readFileSync(output).length)} bytes of WebAssembly from ${version}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
