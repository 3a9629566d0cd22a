import type { MimeBundle, OutputChunk, OutputListener, StreamName } from './contract';
import { appendChunk, KEPT_BOUNDS, OutputBounder, type BoundedOutput, type OutputBounds } from './output-bounds';

export { appendChunk } from './output-bounds';

/** The window in which at most SENDS_PER_WINDOW writes are sent on at once. */
const SEND_WINDOW_MS = 50;
const SENDS_PER_WINDOW = 4;

/**
 * Collects one run's output in order, within bounds (a flood keeps its beginning and its end),
 * and forwards it to a listener while the run goes on.
 *
 * Engines run user code synchronously, so timers cannot fire mid-run: a write held back would
 * wait for the next write or the end of the run. So the first few writes of each window are
 * sent at once, which keeps ordinary output live, and the rest of a flood is held and merged,
 * to go in one message with the first write of a later window: a million lines cost the page
 * about a hundred messages a second, not a million.
 */
export class OutputCollector {
  private listener: OutputListener | null = null;
  private cellId: string | null = null;
  private kept: OutputBounder;
  private pending: OutputChunk[] = [];
  private windowStart = 0;
  private sentInWindow = 0;

  /** `bounds` limit what a run keeps; the live output is sent whole and bounded by whoever shows it. */
  constructor(private readonly bounds: OutputBounds = KEPT_BOUNDS) {
    this.kept = new OutputBounder(bounds);
  }

  /** Sets where live output goes. */
  listen(listener: OutputListener): void {
    this.listener = listener;
  }

  /** Starts collecting for a run of the given cell. */
  begin(cellId: string): void {
    this.cellId = cellId;
    this.kept = new OutputBounder(this.bounds);
    this.pending = [];
    this.windowStart = performance.now();
    this.sentInWindow = 0;
  }

  /** Records text written to a stream. Text written outside a run goes only to the listener. */
  write(stream: StreamName, text: string): void {
    if (text === '') return;
    if (this.cellId === null) {
      this.listener?.({ stream, text }, null);
      return;
    }
    this.kept.add({ stream, text });
    appendChunk(this.pending, { stream, text });
    const now = performance.now();
    if (now - this.windowStart >= SEND_WINDOW_MS) {
      this.windowStart = now;
      this.sentInWindow = 0;
    }
    if (this.sentInWindow < SENDS_PER_WINDOW) {
      this.sentInWindow++;
      this.send();
    }
  }

  /**
   * Sends what is held once its window has passed. For an engine that gets control while user
   * code runs (QuickJS's interrupt handler), so that held text shows during a long computation.
   */
  tick(): void {
    if (this.pending.length === 0 || performance.now() - this.windowStart < SEND_WINDOW_MS) return;
    this.windowStart = performance.now();
    this.sentInWindow = 1;
    this.send();
  }

  /**
   * Records a displayed MIME bundle. It is sent at once, after any text held back before it,
   * so that it keeps its place among the text and is never merged or delayed.
   */
  display(data: MimeBundle): void {
    // A bundle with no form at all has nothing to show.
    if (Object.keys(data).length === 0) return;
    const chunk: OutputChunk = { stream: 'display', data };
    if (this.cellId === null) {
      this.listener?.(chunk, null);
      return;
    }
    this.kept.add(chunk);
    this.pending.push(chunk);
    this.send();
  }

  /** Ends the run: sends what is pending and returns what the run kept of its output. */
  end(): BoundedOutput {
    this.send();
    const kept = this.kept.view();
    this.cellId = null;
    this.kept = new OutputBounder(this.bounds);
    return kept;
  }

  private send(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const chunk of pending) this.listener?.(chunk, this.cellId);
  }
}
