import { createEffect, createMemo, createSignal, For, Match, Show, Switch, untrack } from 'solid-js';
import type { NeutralValue } from '../../engines/value';
import type { VariableEntry } from '../../runtime/variable-store';
import { formatBytes } from '../format-size';
import { JsonTree } from '../output/JsonTree';
import { isContainer } from '../output/value-shape';
import { leafText, termsLanguage } from '../output/value-terms';
import { usePlayground } from '../playground-context';

const ORIGINS = { python: 'Python', javascript: 'JavaScript', document: 'Document' } as const;

/** The variable store: every shared name, where it came from, and its value once opened. */
export function VariablesPanel() {
  const { session } = usePlayground();
  // Keyed by name, so an entry that is written again (a run, or its value arriving) keeps its
  // row and whether it is open.
  const names = () => Object.keys(session.variables.entries).sort((a, b) => a.localeCompare(b));
  return (
    <Show when={names().length > 0} fallback={<p class="panel-empty">No shared variables yet. Run a cell: the names it assigns at top level appear here.</p>}>
      <ul class="variable-list" data-testid="variables-panel">
        <For each={names()}>{(name) => <Show when={session.variables.entries[name]}>{(entry) => <Variable entry={entry()} />}</Show>}</For>
      </ul>
    </Show>
  );
}

/** A value being brought over from its engine for the entry written at `version`. */
type Load = { readonly version: number } & ({ readonly state: 'loading' } | { readonly state: 'failed'; readonly message: string } | { readonly state: 'ready'; readonly value: NeutralValue });

/** What the open entry shows. */
type Shown = { readonly kind: 'loading' } | { readonly kind: 'barrier'; readonly message: string } | { readonly kind: 'value'; readonly value: NeutralValue };

/**
 * One entry: its name, type, origin, size and preview, and when opened its value. The value
 * stays in its engine until then (SPEC §4), so opening it asks the session for it.
 */
function Variable(props: { entry: VariableEntry }) {
  const { notebook, session } = usePlayground();
  const [open, setOpen] = createSignal(false);
  const [load, setLoad] = createSignal<Load | null>(null);
  const source = () => {
    const entry = props.entry;
    if (entry.cellId === null) return ORIGINS[entry.origin];
    return `${ORIGINS[entry.origin]} · ${notebook.state.cells[entry.cellId]?.name ?? 'unnamed cell'}`;
  };
  createEffect(() => {
    const { name, version, barrier } = props.entry;
    if (!open() || barrier !== null) return;
    // Loaded or loading already; a failed load is tried again when the entry is opened again.
    const previous = untrack(load);
    if (previous?.version === version && previous.state !== 'failed') return;
    setLoad({ version, state: 'loading' });
    // A load that a newer write overtook is dropped: the effect loads the newer one.
    const settle = (next: Load) => setLoad((current) => (current?.version === version ? next : current));
    session.readValue(name).then(
      (loaded) => settle({ version, state: 'ready', value: loaded }),
      (error: unknown) => settle({ version, state: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  });
  const shown = createMemo((): Shown => {
    const { version, barrier } = props.entry;
    if (barrier !== null) return { kind: 'barrier', message: barrier };
    const loaded = load();
    if (loaded?.version !== version || loaded.state === 'loading') return { kind: 'loading' };
    return loaded.state === 'failed' ? { kind: 'barrier', message: loaded.message } : { kind: 'value', value: loaded.value };
  });
  return (
    <li class="variable" data-variable={props.entry.name}>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <code class="variable-name">{props.entry.name}</code>
          <span class="variable-type">{props.entry.type}</span>
          <span class="variable-origin">{source()}</span>
          <span class="variable-size">{formatBytes(props.entry.sizeBytes)}</span>
          <span class="variable-preview">{props.entry.preview}</span>
        </summary>
        <Show when={open()}>
          <Switch>
            <Match when={shown().kind === 'loading'}>
              <p class="variable-loading" role="status">
                Loading…
              </p>
            </Match>
            <Match when={barrierOf(shown())}>{(barrier) => <p class="variable-barrier">Stays in {ORIGINS[props.entry.origin]}: {barrier().message}</p>}</Match>
            <Match when={valueOf(shown())}>{(value) => <VariableValue value={value().value} entry={props.entry} />}</Match>
          </Switch>
        </Show>
      </details>
    </li>
  );
}

/** A value in its origin's terms: containers as a tree, text as itself, the rest as a leaf. */
function VariableValue(props: { value: NeutralValue; entry: VariableEntry }) {
  const language = () => termsLanguage(props.entry.origin);
  return (
    <Show when={isContainer(props.value)} fallback={<pre class="variable-value">{typeof props.value === 'string' ? props.value : leafText(props.value, language())}</pre>}>
      <div class="variable-value">
        <JsonTree value={props.value} language={language()} label={`value of ${props.entry.name}`} />
      </div>
    </Show>
  );
}

/** Why the value is not shown, boxed so that an empty message still counts. */
function barrierOf(shown: Shown): { readonly message: string } | null {
  return shown.kind === 'barrier' ? { message: shown.message } : null;
}

/** The loaded value, boxed so that a null value still counts as shown. */
function valueOf(shown: Shown): { readonly value: NeutralValue } | null {
  return shown.kind === 'value' ? { value: shown.value } : null;
}
