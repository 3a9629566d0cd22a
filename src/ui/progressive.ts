/**
 * Shows a long list a part at a time: the first items at once, so that a large document paints
 * quickly, then more after each frame that paints the part before. Each part is sized to take
 * about `sliceMs`: a part costs a layout of the whole page, so fewer, larger parts finish
 * sooner. The page answers input between the parts.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export interface ProgressiveOptions {
  /** How many items the first paint shows. */
  readonly first: number;
  /** About how long adding one part may take. */
  readonly sliceMs: number;
}

// Twelve cells fill a screen even when each is a line or two; the next part follows a frame later.
const DEFAULTS: ProgressiveOptions = { first: 12, sliceMs: 50 };

/**
 * The items shown so far, growing to all of `items`. `onReset` registers a callback for when
 * the list is replaced (a document is loaded), which starts again from the first part.
 */
export function createProgressive<T>(items: Accessor<readonly T[]>, onReset: (listener: () => void) => void, options: ProgressiveOptions = DEFAULTS): Accessor<readonly T[]> {
  const [shown, setShown] = createSignal(options.first);
  let step = options.first;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;

  // Each part waits for the next frame, so that what is shown so far paints first.
  const schedule = () => {
    if (timer !== undefined || frame !== undefined || shown() >= items().length) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      timer = setTimeout(grow, 0);
    });
  };
  const grow = () => {
    timer = undefined;
    const total = items().length;
    if (shown() >= total) return;
    const started = performance.now();
    setShown((count) => Math.min(total, count + step));
    // Solid builds the new rows inside the set, so its time is the part's cost.
    const elapsed = Math.max(performance.now() - started, 1);
    step = Math.max(25, Math.min(1000, Math.round((step * options.sliceMs) / elapsed)));
    schedule();
  };

  onReset(() => {
    setShown(options.first);
    step = options.first;
    schedule();
  });
  onCleanup(() => {
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
  });

  return () => {
    const all = items();
    const count = shown();
    if (count >= all.length) return all;
    schedule();
    return all.slice(0, count);
  };
}
