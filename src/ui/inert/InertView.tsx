import { createMemo, createSignal, createUniqueId, Show, untrack, type JSX } from 'solid-js';
import type { MetascriptSyntaxError } from '../../metascript/types';
import { collapsedPreview, lineCount, startsCollapsed } from './inert-collapse';
import type { InertLanguage } from './inert-language';
import { warningText } from './inert-notes';
import { InertCode } from './InertCode';
import './inert.css';

/** Props of {@link InertView}. */
export interface InertViewProps {
  /** The block's kind as written: FSHARP, PROMPT, ACTION… */
  readonly kind: string;
  readonly name: string | null;
  /** The block's text, shown exactly. */
  readonly text: string;
  readonly language: InertLanguage | null;
  /** Why the block does not run. */
  readonly note: string;
  /** The syntax error that kept the block as text, if any. */
  readonly warning: MetascriptSyntaxError | null;
  /** What screen readers call the block. */
  readonly label: string;
  /** Shown under the note. */
  readonly children?: JSX.Element;
  /** The document item it shows, which run log lines link to. */
  readonly item?: number;
  /** Why the last run of this TARS DSL block failed, at which line of the document, and which line of the block that is. */
  readonly failure?: { readonly line: number; readonly message: string; readonly blockLine: number } | null;
}

/**
 * A block shown as written, not run: its text highlighted, a toggle that collapses it to its
 * first lines, a quiet note saying why it is inert, and the warning of a block that could not be
 * read. Collapsing is a view state only; the document never changes.
 */
export function InertView(props: InertViewProps) {
  const id = createUniqueId();
  const lines = createMemo(() => lineCount(props.text));
  const preview = createMemo(() => collapsedPreview(props.text, lines()));
  const [collapsed, setCollapsed] = createSignal(startsCollapsed(untrack(lines)));
  const shown = () => {
    const first = preview();
    return collapsed() && first !== null ? first : props.text;
  };

  return (
    <section
      class="cell inert"
      classList={{ failed: Boolean(props.failure) }}
      data-testid="inert-block"
      data-kind={props.kind}
      data-item={props.item}
      data-collapsed={String(collapsed())}
      aria-label={props.label}
    >
      <header class="cell-header">
        <span class="kind">{props.kind}</span>
        <span class="cell-name">{props.name ?? ''}</span>
        <Show when={preview() !== null}>
          <button
            type="button"
            class="inert-toggle"
            data-testid="inert-toggle"
            aria-expanded={!collapsed()}
            aria-controls={id}
            onClick={() => setCollapsed((was) => !was)}
          >
            {collapsed() ? `Show all ${lines()} lines` : 'Collapse'}
          </button>
        </Show>
      </header>
      <Show when={props.warning}>
        {(warning) => (
          <p class="inert-warning" role="note" data-testid="inert-warning">
            {warningText(warning())}
          </p>
        )}
      </Show>
      <Show when={props.failure}>
        {(failure) => (
          <p class="inert-warning block-failure" role="alert" data-testid="block-failure" data-line={failure().line}>
            Line {failure().line}: {failure().message}
          </p>
        )}
      </Show>
      <InertCode id={id} text={shown()} language={props.language} markedLine={props.failure?.blockLine ?? null} />
      <p class="note" data-testid="inert-note">
        {props.note}
      </p>
      {props.children}
    </section>
  );
}
