import { Show } from 'solid-js';
import { bytesToBase64 } from '../engines/wasm/compile';
import type { CellState } from '../runtime/notebook';
import { usePlayground } from './playground-context';

/** For a WASM cell: attach a `.wasm` file, kept in the document as base64, and say when the cell holds one. */
export function WasmAttach(props: { cell: CellState; label: string }) {
  const { notebook, setNotice } = usePlayground();
  let picker: HTMLInputElement | undefined;
  const attach = async () => {
    const file = picker?.files?.[0];
    if (picker) picker.value = '';
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    // The compiler says more when it runs; this only catches a file that is not WebAssembly at all.
    if (bytes[0] !== 0x00 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
      setNotice(`${file.name} is not a WebAssembly module (it does not start with \\0asm).`);
      return;
    }
    notebook.setBinaryModule(props.cell.id, bytesToBase64(bytes));
  };
  return (
    <>
      <Show when={props.cell.binary}>
        <span class="cell-binary" data-testid="wasm-binary" title="This cell holds a compiled .wasm module, kept in the document as base64">
          binary
        </span>
      </Show>
      <button type="button" class="attach-wasm" data-testid="attach-wasm" aria-label={`Attach a .wasm file to ${props.label}`} title="Replace this cell with a compiled .wasm module" onClick={() => picker?.click()}>
        .wasm…
      </button>
      <input ref={picker} type="file" accept=".wasm,application/wasm" hidden data-testid="wasm-file" onChange={() => void attach()} />
    </>
  );
}
