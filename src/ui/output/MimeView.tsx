import { createMemo, Match, Switch } from 'solid-js';
import type { MimeBundle } from '../../engines/contract';
import type { NeutralValue } from '../../engines/value';
import { HtmlFrame } from './HtmlFrame';
import { JsonTree } from './JsonTree';
import { MarkdownView } from './MarkdownView';
import { RecordTable } from './RecordTable';
import { imageUrl, pickForm } from './mime-type';
import { isRecordArray, parseJson } from './value-shape';
import type { TermsLanguage } from './value-terms';
import './output.css';

/**
 * One displayed MIME bundle, in the richest form it offers: HTML in a sandboxed frame,
 * Markdown formatted and sanitized, images as img elements (an image cannot run script, SVG
 * included), JSON as a table of records or a tree, and text as it is. JSON is shown in the terms
 * of `language`, that of the cell that displayed it.
 */
export function MimeView(props: { data: MimeBundle; label: string; language: TermsLanguage }) {
  const form = createMemo(() => pickForm(props.data));
  const type = () => form()?.type;
  const data = () => form()?.data ?? '';
  const alt = () => props.data['text/plain'] ?? `image in the output of ${props.label}`;
  const json = createMemo(() => (type() === 'application/json' ? parseJson(data()) : undefined));
  return (
    <div class="mime-view" data-testid="display-output" data-mime-type={type() ?? ''}>
      <Switch>
        <Match when={type() === 'text/html'}>
          <HtmlFrame html={data()} title={`HTML output of ${props.label}`} />
        </Match>
        <Match when={type() === 'text/markdown'}>
          <MarkdownView text={data()} />
        </Match>
        <Match when={type() === 'image/svg+xml' || type() === 'image/png' || type() === 'image/jpeg' || type() === 'image/gif'}>
          <img class="output-image" src={imageSource(type(), data())} alt={alt()} />
        </Match>
        <Match when={json() !== undefined}>
          <JsonView value={json() ?? null} label={props.label} language={props.language} />
        </Match>
        <Match when={type() !== undefined}>
          <pre class="display-text">{data()}</pre>
        </Match>
      </Switch>
    </div>
  );
}

/** Parsed JSON: a table when it is an array of records, a tree otherwise. */
function JsonView(props: { value: NeutralValue; label: string; language: TermsLanguage }) {
  const records = () => {
    const value = props.value;
    return isRecordArray(value) ? value : null;
  };
  return (
    <Switch fallback={<JsonTree value={props.value} language={props.language} label={`data in the output of ${props.label}`} />}>
      <Match when={records()}>{(rows) => <RecordTable records={rows()} language={props.language} />}</Match>
    </Switch>
  );
}

function imageSource(type: string | undefined, data: string): string {
  switch (type) {
    case 'image/svg+xml':
    case 'image/png':
    case 'image/jpeg':
    case 'image/gif':
      return imageUrl(type, data);
    default:
      return '';
  }
}
