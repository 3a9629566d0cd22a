import { createSignal, For, Show } from 'solid-js';
import type { NeutralValue } from '../../engines/value';
import { childrenOf, isContainer, leafText, PAGE_SIZE, summaryOf } from './value-shape';
import './output.css';

/** Levels of the tree open at first; deeper containers open on demand. */
const OPEN_LEVELS = 2;

/**
 * A nested value as a collapsible tree. Each container is a details element, so it opens with
 * the keyboard and screen readers announce whether it is expanded; its children are only
 * built once it is open, and long containers show their first items and a "more" control.
 */
export function JsonTree(props: { value: NeutralValue; label?: string }) {
  return (
    <div class="json-tree" data-testid="json-tree" role="group" aria-label={props.label ?? 'value'}>
      <TreeNode value={props.value} label={null} depth={0} />
    </div>
  );
}

function TreeNode(props: { value: NeutralValue; label: string | null; depth: number }) {
  return (
    <Show when={isContainer(props.value)} fallback={<Leaf value={props.value} label={props.label} />}>
      <Branch value={props.value} label={props.label} depth={props.depth} />
    </Show>
  );
}

function Leaf(props: { value: NeutralValue; label: string | null }) {
  return (
    <div class="tree-leaf">
      <Show when={props.label !== null}>
        <span class="tree-key">{props.label}: </span>
      </Show>
      <span class="tree-value" data-type={props.value === null ? 'null' : typeof props.value}>
        {leafText(props.value)}
      </span>
    </div>
  );
}

function Branch(props: { value: NeutralValue; label: string | null; depth: number }) {
  // eslint-disable-next-line solid/reactivity -- only the first render decides the initial state
  const [open, setOpen] = createSignal(props.depth < OPEN_LEVELS);
  const [shown, setShown] = createSignal(PAGE_SIZE);
  const children = () => childrenOf(props.value);
  const hidden = () => Math.max(0, children().length - shown());
  return (
    <details class="tree-branch" open={open()} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <Show when={props.label !== null}>
          <span class="tree-key">{props.label}: </span>
        </Show>
        <span class="tree-summary">{summaryOf(props.value)}</span>
      </summary>
      <Show when={open()}>
        <div class="tree-children">
          <For each={children().slice(0, shown())}>{(child) => <TreeNode value={child.value} label={child.label} depth={props.depth + 1} />}</For>
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
