import { Show } from 'solid-js';
import { languageOf, type CellState } from '../runtime/notebook';
import { usePlayground } from './playground-context';
import type { CellCommands } from './cell-commands';
import { CellHeader, KIND_LABELS } from './CellHeader';
import { CellOutput } from './CellOutput';
import { CellViolations } from './CellViolations';
import { CodeEditor } from './editor/CodeEditor';
import { errorLinesOf } from './editor/error-lines';

/** One cell: its header with Run, its code, and its output. */
export function CellView(props: { cell: CellState; commands: CellCommands; onRunAndAdvance: (cellId: string) => void }) {
  const { notebook, session } = usePlayground();
  const stale = () => session.isStale(props.cell);
  const run = () => void session.runCell(props.cell.id);
  const label = () => props.cell.name ?? KIND_LABELS[props.cell.kind];
  return (
    <section
      class="cell"
      data-testid="cell"
      data-cell-id={props.cell.id}
      data-cell-name={props.cell.name ?? ''}
      data-kind={props.cell.kind}
      data-status={props.cell.status}
      data-stale={stale() ? 'true' : 'false'}
      aria-label={`${KIND_LABELS[props.cell.kind]} cell ${props.cell.name ?? ''}`.trim()}
    >
      <CellHeader cell={props.cell} commands={props.commands} label={label()} stale={stale()} />
      <CodeEditor
        cellId={props.cell.id}
        kind={props.cell.kind}
        code={props.cell.code}
        ariaLabel={`Code of ${label()}`}
        errorLines={errorLinesOf(props.cell.errors, props.cell.id)}
        onChange={(code) => {
          notebook.setCode(props.cell.id, code);
        }}
        onRun={run}
        onRunAndAdvance={() => {
          props.onRunAndAdvance(props.cell.id);
        }}
      />
      <Show when={languageOf(props.cell.kind)}>
        {(language) => <CellViolations code={props.cell.code} language={language()} policy={session.policy.effective()} />}
      </Show>
      <CellOutput cell={props.cell} />
    </section>
  );
}
