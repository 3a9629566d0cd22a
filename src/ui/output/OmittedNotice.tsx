import { Show } from 'solid-js';
import type { OmittedOutput } from '../../engines/contract';
import { omittedNotice, outputText, type BoundedOutput } from '../../engines/output-bounds';
import { downloadText, fileNameFor } from '../../share/download';

/**
 * The line that stands where a flood's middle was left out, with the control that downloads the
 * whole output once the run has ended. What the engine itself could not keep (past 16 MB at each
 * end) is marked in the file the same way.
 */
export function OmittedNotice(props: { omitted: OmittedOutput; full: BoundedOutput | null; name: string }) {
  const download = (full: BoundedOutput) => {
    downloadText(fileNameFor(`${props.name} output`, 'txt'), outputText(full));
  };
  return (
    <div class="output-omitted" data-testid="output-omitted" role="note">
      <span>{omittedNotice(props.omitted)}</span>
      <Show when={props.full}>
        {(full) => (
          <button
            type="button"
            class="output-download"
            data-testid="output-download"
            title={full().omitted === null ? 'All of the output, as a text file' : 'The output as the engine kept it: its first and last 16 MB'}
            onClick={() => {
              download(full());
            }}
          >
            Download all output (.txt)
          </button>
        )}
      </Show>
    </div>
  );
}
