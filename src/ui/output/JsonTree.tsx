import { createSignal, For, Show } from 'solid-js';
import type { NeutralValue } from '../../engines/value';
import { childrenOf, isContainer, PAGE_SIZE } from './value-shape';
import { keyText, leafText, summaryOf, type TermsLanguage } from './value-terms';
import './output.css';

/** Levels of the tree open at first; deeper containers open on demand. */
const OPEN_LEVELS = 2;

/**
 * A nested value as a collapsible tree. Each container is a details element, so it opens with
 * the keyboard and screen readers announce whether it is expanded; its children are only
 * built once it is open, and long containers show their first items and a "more" control.
 * Labels and leaves are written in the terms of `language`, the one the value came from.
 */
export function JsonTree(props: { value: NeutralValue; language: TermsLanguage; label?: string }) {
  return (
    <div class="json-tree" data-testid="json-tree" data-language={props.language} role="group" aria-label={props.label ?? 'value'}>
      <TreeNode value={props.value} label={null} depth={0} language={props.language} />
    </div>
  );
}

interface NodeProps {
  readonly value: NeutralValue;
  readonly label: string | null;
  readonly language: TermsLanguage;
}

function TreeNode(props: NodeProps & { depth: number }) {
  return (
    <Show when={isContainer(props.value)} fallback={<Leaf value={props.value} label={props.label} language={props.language} />}>
      <Branch value={props.value} label={props.label} depth={props.depth} language={props.language} />
    </Show>
  );
}

function Leaf(props: NodeProps) {
  return (
    <div class="tree-leaf">
      <Show when={props.label !== null}>
        <span class="tree-key">{props.label}: </span>
      </Show>
      <span class="tree-value" data-type={props.value === null ? 'null' : typeof props.value}>
        {leafText(props.value, props.language)}
      </span>
    </div>
  );
}

function Branch(props: NodeProps & { depth: number }) {
  // eslint-disable-next-line solid/reactivity -- only the first render decides the initial state
  const [open, setOpen] = createSignal(props.depth < OPEN_LEVELS);
  const [shown, setShown] = createSignal(PAGE_SIZE);
  const children = () => {
    const language = props.language;
    return childrenOf(props.value, (key) => keyText(key, language));
  };
  const hidden = () => Math.max(0, children().length - shown());
  return (
    <details class="tree-branch" open={open()} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <Show when={props.label !== null}>
          <span class="tree-key">{props.label}: </span>
        </Show>
        <span class="tree-summary">{summaryOf(props.value, props.language)}</span>
      </summary>
      <Show when={open()}>
        <div class="tree-children">
          <For each={children().slice(0, shown())}>{(child) => <TreeNode value={child.value} label={child.label} depth={props.depth + 1} language={props.language} />}</For>
          <Show when={hidden() > 0}>
            <button type="button" class="more" onClick={() => setShown((count) => count + PAGE_SIZE)}>
              {hidden()} more
            </button>
          </Show>
        </div>
      </Show>
    </details>
  );
}
