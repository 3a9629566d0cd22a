/**
 * Live output on its way into the store. Each chunk goes into its cell's bounder as it comes,
 * which costs what the chunk costs, whatever the flood; the store, and so the page, is updated
 * in an animation frame, at most every 100 ms, with what the cell shows (SHOWN_BOUNDS).
 */
import type { OutputChunk } from '../engines/contract';
import { boundOutput, bounderOf, SHOWN_BOUNDS, type BoundedOutput, type OutputBounder } from '../engines/output-bounds';

export interface LiveOutput {
  /** Adds a chunk to a cell's live output; it shows by the next frame. */
  queue(cellId: string, chunk: OutputChunk): void;
  /** Shows every queued chunk now. */
  flush(): void;
  /** Drops a cell's live state, shown or not: its output was replaced. */
  forget(cellId: string): void;
  /**
   * What the cell shows of a run's final output: the live view when the live output was all of
   * it, which saves bounding megabytes again at the end of a flood; bounded afresh otherwise.
   */
  shown(cellId: string, output: BoundedOutput): BoundedOutput;
}

/** The least time between two live updates of the store: a flood repaints ten times a second, not sixty. */
const MIN_INTERVAL_MS = 100;

/** Runs the callback at an animation frame at least `delay` ms from now, or soon after where frames do not come (a hidden tab). */
function nextFrame(callback: () => void, delay: number): void {
  setTimeout(() => {
    // Whichever comes first runs it, once.
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      callback();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
    setTimeout(once, MIN_INTERVAL_MS);
  }, delay);
}

/**
 * `current` gives what a cell shows now, which a cell's first live chunk is added to; `show`
 * puts what it shows into the store. `schedule` is for tests.
 */
export function createLiveOutput(
  current: (cellId: string) => BoundedOutput | null,
  show: (cellId: string, shown: BoundedOutput) => void,
  schedule: (callback: () => void, delay: number) => void = nextFrame,
): LiveOutput {
  const bounders = new Map<string, OutputBounder>();
  const dirty = new Set<string>();
  let scheduled = false;
  let lastFlush = -Infinity;

  const flush = () => {
    scheduled = false;
    lastFlush = performance.now();
    for (const cellId of dirty) {
      const bounder = bounders.get(cellId);
      if (bounder) show(cellId, bounder.view());
    }
    dirty.clear();
  };

  return {
    queue(cellId, chunk) {
      let bounder = bounders.get(cellId);
      if (!bounder) {
        const shown = current(cellId);
        if (shown === null) return;
        bounder = bounderOf(shown, SHOWN_BOUNDS);
        bounders.set(cellId, bounder);
      }
      bounder.add(chunk);
      dirty.add(cellId);
      if (!scheduled) {
        scheduled = true;
        // The first output of a run shows at the next frame; a flood's, at most every MIN_INTERVAL_MS.
        schedule(flush, Math.max(0, lastFlush + MIN_INTERVAL_MS - performance.now()));
      }
    },
    flush,
    forget(cellId) {
      bounders.delete(cellId);
      dirty.delete(cellId);
    },
    shown(cellId, output) {
      const bounder = bounders.get(cellId);
      return bounder?.holds(output) ? bounder.view() : boundOutput(output, SHOWN_BOUNDS);
    },
  };
}
