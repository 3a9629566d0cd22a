import type { MimeBundle, OutputChunk, OutputListener, StreamName } from './contract';

/** The window in which at most SENDS_PER_WINDOW writes are sent on at once. */
const FLUSH_INTERVAL_MS = 25;
const SENDS_PER_WINDOW = 16;

/**
 * Collects one run's output in order and forwards it to a listener while the run goes on.
 * Engines run user code synchronously, so timers cannot fire mid-run: a write held back would
 * wait for the next write or the end of the run. So writes are sent at once, and only a flood
 * (more than SENDS_PER_WINDOW in a window) is held and merged, to be sent with a later write.
 */
export class OutputCollector {
  private listener: OutputListener | null = null;
  private cellId: string | null = null;
  private chunks: OutputChunk[] = [];
  private pending: OutputChunk[] = [];
  private windowStart = 0;
  private sentInWindow = 0;

  /** Sets where live output goes. */
  listen(listener: OutputListener): void {
    this.listener = listener;
  }

  /** Starts collecting for a run of the given cell. */
  begin(cellId: string): void {
    this.cellId = cellId;
    this.chunks = [];
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
    appendChunk(this.chunks, { stream, text });
    appendChunk(this.pending, { stream, text });
    const now = performance.now();
    if (now - this.windowStart >= FLUSH_INTERVAL_MS) {
      this.windowStart = now;
      this.sentInWindow = 0;
    }
    if (this.sentInWindow < SENDS_PER_WINDOW) {
      this.sentInWindow++;
      this.send();
    }
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
    this.chunks.push(chunk);
    this.pending.push(chunk);
    this.send();
  }

  /** Ends the run: sends what is pending and returns everything the run wrote. */
  end(): readonly OutputChunk[] {
    this.send();
    const chunks = this.chunks;
    this.cellId = null;
    this.chunks = [];
    return chunks;
  }

  private send(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const chunk of pending) this.listener?.(chunk, this.cellId);
  }
}

/**
 * Appends a chunk in place, merging text into the last chunk when that is text of the same
 * stream. Live output and a run's final output are merged alike, so both have the same shape.
 */
export function appendChunk(chunks: OutputChunk[], chunk: OutputChunk): void {
  const last = chunks.at(-1);
  if (chunk.stream !== 'display' && last !== undefined && last.stream === chunk.stream) {
    chunks[chunks.length - 1] = { stream: chunk.stream, text: last.text + chunk.text };
  } else {
    chunks.push(chunk);
  }
}
