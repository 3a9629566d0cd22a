import { createEffect, createSignal, onCleanup } from 'solid-js';
import { htmlMessage, MIN_FRAME_HEIGHT, OUTPUT_FRAME_PATH, requestedHeight } from './frame-document';
import './output.css';

/**
 * HTML output in an iframe sandboxed with `allow-scripts` only: without `allow-same-origin`
 * its document has an opaque origin, so its scripts run but cannot reach the app's DOM,
 * storage or cookies. The frame is public/output-frame.html, loaded by URL so that it has its
 * own Content-Security-Policy rather than the page's: the output's inline script and style
 * run, and nothing remote loads. The output is posted to it once it has loaded. The frame grows
 * to its content's height, which only it can measure.
 */
export function HtmlFrame(props: { html: string; title: string }) {
  let frame: HTMLIFrameElement | undefined;
  const [height, setHeight] = createSignal(MIN_FRAME_HEIGHT);
  /** How many times the frame page has loaded: each load gets the output again. */
  const [loads, setLoads] = createSignal(0);
  // The frame has an opaque origin, so no target origin can name it; what is sent is the
  // output's own HTML, nothing of the app's.
  createEffect(() => {
    if (loads() > 0) frame?.contentWindow?.postMessage(htmlMessage(props.html), '*');
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
      sandbox="allow-scripts"
      src={`${import.meta.env.BASE_URL}${OUTPUT_FRAME_PATH}`}
      title={props.title}
      style={{ height: `${height()}px` }}
      onLoad={() => setLoads((count) => count + 1)}
    />
  );
}
