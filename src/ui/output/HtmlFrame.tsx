import { createEffect, createSignal, onCleanup } from 'solid-js';
import { htmlMessage, MIN_FRAME_HEIGHT, OUTPUT_FRAME_PATH, requestedHeight } from './frame-document';
import './output.css';

/**
 * HTML output, in two frames. The outer one is public/output-frame.html, the app's own page,
 * loaded by URL so that it has its own Content-Security-Policy rather than the page's: inline
 * script and style, `data:` images, nothing remote. It is sandboxed with `allow-scripts
 * allow-same-origin`: same-origin so that a service worker serves it (with the isolation
 * headers a cross-origin isolated page needs of its frames; the browser skips the worker for
 * an opaque-origin frame), and sandboxed so that nothing inside opens popups, submits forms or
 * navigates the tab. The output itself runs in the nested `srcdoc` frame the outer page makes,
 * sandboxed with `allow-scripts` only: an opaque origin that cannot reach the app's DOM,
 * storage or cookies, under the outer page's policy, which it inherits. The output is posted
 * to the outer page once it has loaded. The frame grows to its content's height, which only
 * the content can measure.
 */
export function HtmlFrame(props: { html: string; title: string }) {
  let frame: HTMLIFrameElement | undefined;
  const [height, setHeight] = createSignal(MIN_FRAME_HEIGHT);
  /** How many times the frame page has loaded: each load gets the output again. */
  const [loads, setLoads] = createSignal(0);
  // Only to the frame's own origin: should the outer page ever be something else, it gets nothing.
  createEffect(() => {
    if (loads() > 0) frame?.contentWindow?.postMessage(htmlMessage(props.html), location.origin);
  });
  const onMessage = (event: MessageEvent) => {
    // Only this frame's own messages; any other window could send the same shape.
    if (frame === undefined || event.source !== frame.contentWindow) return;
    const requested = requestedHeight(event.data);
    if (requested !== null) setHeight(requested);
  };
  window.addEventListener('message', onMessage);
  onCleanup(() => {
    window.removeEventListener('message', onMessage);
  });
  return (
    <iframe
      ref={frame}
      class="html-frame"
      sandbox="allow-scripts allow-same-origin"
      src={`${import.meta.env.BASE_URL}${OUTPUT_FRAME_PATH}`}
      title={props.title}
      style={{ height: `${height()}px` }}
      onLoad={() => setLoads((count) => count + 1)}
    />
  );
}
