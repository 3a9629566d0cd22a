import { For, Index, Match, Show, Switch } from 'solid-js';
import type { OutputChunk } from '../engines/contract';
import { languageOf, type CellState } from '../runtime/notebook';
import { usePlayground } from './playground-context';
import { formatError } from './format-error';
import { MarkdownView } from './output/MarkdownView';
import { MimeView } from './output/MimeView';
import { OmittedNotice } from './output/OmittedNotice';
import { ResultView } from './output/ResultView';
import { StreamText } from './output/StreamText';
import { termsLanguage, type TermsLanguage } from './output/value-terms';
import './output/output.css';

/**
 * A cell's stdout, stderr and displayed bundles in order, its result, and its errors as
 * tracebacks. A MARKDOWN cell's output is its interpolated text, shown formatted.
 */
export function CellOutput(props: { cell: CellState }) {
  const { notebook } = usePlayground();
  const lookup = (cellId: string) => {
    const cell = notebook.state.cells[cellId];
    return cell ? { label: cell.name === null ? `cell ${cellId}` : `cell "${cell.name}"`, code: cell.code } : undefined;
  };
  const label = () => (props.cell.name === null ? 'this cell' : `cell ${props.cell.name}`);
  // Results and displayed JSON are shown in the terms of the cell's language.
  const language = () => termsLanguage(languageOf(props.cell.kind));
  const split = () => props.cell.omitted?.at ?? props.cell.output.length;
  const head = () => props.cell.output.slice(0, split());
  const tail = () => props.cell.output.slice(split());
  const empty = () => props.cell.output.length === 0 && props.cell.resultText === null && props.cell.errors.length === 0;
  return (
    <div class="cell-output" data-testid="cell-output" aria-live="polite" classList={{ empty: empty() }}>
      {/* By index: the final output replaces the live one with the same shape, so frames and
          open trees stay as they are instead of being built again. A flood shows its beginning,
          a notice of what was left out, and its end (SHOWN_BOUNDS). */}
      <div class="output-flow streams" hidden={props.cell.output.length === 0}>
        <Index each={head()}>{(chunk) => <Chunk chunk={chunk()} label={label()} language={language()} markdown={props.cell.kind === 'MARKDOWN'} />}</Index>
        <Show when={props.cell.omitted}>{(omitted) => <OmittedNotice omitted={omitted()} full={props.cell.fullOutput} name={props.cell.name ?? 'cell'} />}</Show>
        <Index each={tail()}>{(chunk) => <Chunk chunk={chunk()} label={label()} language={language()} markdown={props.cell.kind === 'MARKDOWN'} />}</Index>
      </div>
      <ResultView result={props.cell.result} text={props.cell.resultText} label={label()} language={language()} />
      <For each={props.cell.errors}>
        {(error) => (
          <pre class="error" data-error-kind={error.kind} role="alert">
            {formatError(error, lookup)}
          </pre>
        )}
      </For>
    </div>
  );
}

/**
 * Stream text inline, so partial lines join up as written; a displayed bundle as a block;
 * stdout as Markdown when `markdown` is set.
 */
function Chunk(props: { chunk: OutputChunk; label: string; language: TermsLanguage; markdown: boolean }) {
  const text = () => (props.chunk.stream === 'display' ? null : props.chunk);
  const bundle = () => (props.chunk.stream === 'display' ? props.chunk.data : null);
  const markdown = () => (props.markdown && props.chunk.stream === 'stdout' ? props.chunk : null);
  return (
    <Switch>
      <Match when={markdown()}>{(stream) => <MarkdownView text={stream().text} />}</Match>
      <Match when={text()}>{(stream) => <StreamText chunk={stream()} />}</Match>
      <Match when={bundle()}>{(data) => <MimeView data={data()} label={props.label} language={props.language} />}</Match>
    </Switch>
  );
}
