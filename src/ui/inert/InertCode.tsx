import { createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import { whenNearViewport } from '../editor/near-viewport';
import type { Segment } from './highlight-segments';
import type { InertLanguage } from './inert-language';
import { lineRange, markRange } from './line-mark';
import { loadHighlighter, type Highlight } from './load-highlighter';

function fragmentOf(segments: readonly Segment[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const { text, classes } of segments) {
    if (classes === '') {
      fragment.append(text);
    } else {
      const span = document.createElement('span');
      span.className = classes;
      span.textContent = text;
      fragment.append(span);
    }
  }
  return fragment;
}

/** Props of {@link InertCode}. */
export interface InertCodeProps {
  /** The element's id, for the toggle's aria-controls. */
  readonly id: string;
  /** Exactly what is shown: the whole block, or its first lines while collapsed. */
  readonly text: string;
  /** The language to highlight in; null for plain text. Fixed for the component's life. */
  readonly language: InertLanguage | null;
  /** A line to mark as failed (1-based in the block), as a cell's failing line is marked. */
  readonly markedLine?: number | null;
}

/**
 * An inert block's text. It shows as plain text until the block first comes near the viewport
 * and its language's mode has loaded; from then on whatever it shows is highlighted, so a
 * collapsed block costs only its first lines. A mode that fails to load leaves it plain.
 */
export function InertCode(props: InertCodeProps) {
  let pre!: HTMLPreElement;
  const [near, setNear] = createSignal(false);
  const [highlight, setHighlight] = createSignal<Highlight | null>(null);

  onMount(() => {
    // Plain blocks never highlight, so hundreds of them cost the shared observer nothing.
    if (props.language !== null) onCleanup(whenNearViewport(pre, () => setNear(true)));
  });

  createEffect(() => {
    const language = props.language;
    if (!near() || language === null) return;
    let current = true;
    void loadHighlighter(language).then((loaded) => {
      if (current) setHighlight(() => loaded);
    });
    onCleanup(() => {
      current = false;
    });
  });

  // Solid renders no children into the element: its text is written here, as runs or plain.
  createEffect(() => {
    const highlighter = highlight();
    const text = props.text;
    if (highlighter) pre.replaceChildren(fragmentOf(highlighter(text)));
    else pre.textContent = text;
    pre.dataset.highlighted = String(highlighter !== null);
    // Marked again over the text just written, which replaced the marked one.
    const line = props.markedLine ?? null;
    if (line === null) {
      delete pre.dataset.markedLine;
      return;
    }
    pre.dataset.markedLine = String(line);
    const range = lineRange(pre, line);
    if (range) onCleanup(markRange(range));
  });

  return <pre ref={pre} id={props.id} class="inert-text" data-testid="inert-text" />;
}
