import { createMemo, createSignal, Show } from 'solid-js';
import { loadedMarkdownRenderer, loadMarkdownRenderer } from './markdown-loader';
import './markdown.css';

/**
 * Markdown text rendered as formatted, sanitized HTML. Until the renderer has loaded (or if it
 * cannot load), the text shows as it is.
 */
export function MarkdownView(props: { text: string }) {
  const ready = loadedMarkdownRenderer();
  const [renderer, setRenderer] = createSignal(ready);
  if (ready === undefined) {
    loadMarkdownRenderer().then(
      (loaded) => setRenderer(loaded),
      // Offline before the chunk was cached, say: the plain text stays, which still reads.
      () => undefined,
    );
  }
  const html = createMemo(() => renderer()?.toHtml(props.text));
  return (
    <Show when={html()} fallback={<pre class="markdown-plain">{props.text}</pre>}>
      {(safe) => (
        // eslint-disable-next-line solid/no-innerhtml -- the HTML has been through DOMPurify with a Markdown-only allowlist (markdown-html.ts)
        <div class="markdown-body" data-testid="markdown-output" innerHTML={safe()} />
      )}
    </Show>
  );
}
