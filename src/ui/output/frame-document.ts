/**
 * The document an HTML output runs in. The app posts it to public/output-frame.html, which
 * shows it in a nested frame sandboxed with `allow-scripts` only: its scripts run in an opaque
 * origin that cannot reach the app's DOM or storage, under the frame page's own
 * Content-Security-Policy, which lets nothing remote load (see HtmlFrame.tsx). The only thing
 * it tells the app is its height, through postMessage.
 */

/** The frame page, in public/: relative to the app's base URL. */
export const OUTPUT_FRAME_PATH = 'output-frame.html';
/** The key of the message the app sends the frame page: the output's document (`frameDocument`). */
export const HTML_MESSAGE = 'tarsOutputHtml';
/** The key of the one message the frame sends: its content height in CSS pixels. */
export const HEIGHT_MESSAGE = 'tarsOutputHeight';
/** Bounds of a frame's height: the frame's own script decides the number, so it is clamped. */
export const MIN_FRAME_HEIGHT = 24;
export const MAX_FRAME_HEIGHT = 2000;

// Runs first in the frame; it reports the height whenever the content's size changes.
const SIZE_SCRIPT = `(function () {
  var last = -1;
  function report() {
    var root = document.documentElement;
    var height = Math.ceil(Math.max(root.getBoundingClientRect().height, document.body ? document.body.scrollHeight : 0));
    if (height === last) return;
    last = height;
    parent.postMessage({ ${HEIGHT_MESSAGE}: height }, '*');
  }
  if (typeof ResizeObserver === 'function') new ResizeObserver(report).observe(document.documentElement);
  addEventListener('load', report);
  addEventListener('DOMContentLoaded', report);
})();`;

/**
 * Wraps user HTML for the frame. The frame follows the page's light or dark preference, as
 * the app's themes do, so that default text stays readable.
 */
export function frameDocument(html: string): string {
  return `<!doctype html><meta charset="utf-8"><style>:root{color-scheme:light dark;font-family:system-ui,sans-serif}body{margin:0}</style><script>${SIZE_SCRIPT}</script>${html}`;
}

/** The message that shows `html` in a frame page. */
export function htmlMessage(html: string): Record<typeof HTML_MESSAGE, string> {
  return { [HTML_MESSAGE]: frameDocument(html) };
}

/** The height a message from the frame asks for, clamped; null when it is not that message. */
export function requestedHeight(data: unknown): number | null {
  if (typeof data !== 'object' || data === null) return null;
  const height: unknown = Reflect.get(data, HEIGHT_MESSAGE);
  if (typeof height !== 'number' || !Number.isFinite(height)) return null;
  return Math.min(MAX_FRAME_HEIGHT, Math.max(MIN_FRAME_HEIGHT, Math.ceil(height)));
}
