import type { OutputChunk, OutputListener, StreamName } from './contract';

/** How long written text may wait before it is sent on, so a busy loop streams without flooding. */
const FLUSH_INTERVAL_MS = 25;

/**
 * Collects one run's output in order and forwards it to a listener while the run goes on.
 * Engines run user code synchronously, so timers cannot fire mid-run: each write checks the
 * clock instead, and whatever is pending is sent when the run ends.
 */
export class OutputCollector {
  private listener: OutputListener | null = null;
  private cellId: string | null = null;
  private chunks: OutputChunk[] = [];
  private pending: OutputChunk[] = [];
  private lastSent = 0;

  /** Sets where live output goes. */
  listen(listener: OutputListener): void {
    this.listener = listener;
  }

  /** Starts collecting for a run of the given cell. */
  begin(cellId: string): void {
    this.cellId = cellId;
    this.chunks = [];
    this.pending = [];
    this.lastSent = performance.now();
  }

  /** Records text written to a stream. Text written outside a run goes only to the listener. */
  write(stream: StreamName, text: string): void {
    if (text === '') return;
    if (this.cellId === null) {
      this.listener?.({ stream, text }, null);
      return;
    }
    appendChunk(this.chunks, stream, text);
    appendChunk(this.pending, stream, text);
    if (performance.now() - this.lastSent >= FLUSH_INTERVAL_MS) this.send();
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
    this.lastSent = performance.now();
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const chunk of pending) this.listener?.(chunk, this.cellId);
  }
}

/** Appends text, merging it into the last chunk when that chunk is of the same stream. */
function appendChunk(chunks: OutputChunk[], stream: StreamName, text: string): void {
  const last = chunks.at(-1);
  if (last?.stream === stream) chunks[chunks.length - 1] = { stream, text: last.text + text };
  else chunks.push({ stream, text });
}
