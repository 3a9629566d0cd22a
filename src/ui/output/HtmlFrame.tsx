import { createMemo, createSignal, onCleanup } from 'solid-js';
import { frameDocument, MIN_FRAME_HEIGHT, requestedHeight } from './frame-document';
import './output.css';

/**
 * HTML output in an iframe sandboxed with `allow-scripts` only: without `allow-same-origin`
 * its document has an opaque origin, so its scripts run but cannot reach the app's DOM,
 * storage or cookies. The frame grows to its content's height, which only it can measure.
 */
export function HtmlFrame(props: { html: string; title: string }) {
  let frame: HTMLIFrameElement | undefined;
  const [height, setHeight] = createSignal(MIN_FRAME_HEIGHT);
  // The same text gives the same document, so a re-render never reloads the frame.
  const document = createMemo(() => frameDocument(props.html));
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
      srcdoc={document()}
      title={props.title}
      style={{ height: `${height()}px` }}
    />
  );
}
