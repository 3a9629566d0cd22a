/**
 * An engine's start-up progress in named steps, each report carrying the bytes of the
 * engine's files fetched so far. During the download step the fraction follows the bytes, and
 * once every expected byte has arrived the step moves on by itself, since the runtime goes on
 * to start inside the same call that fetched it.
 */
import type { ProgressListener } from './contract';
import { DownloadMeter, type ByteCount, type DownloadMeterOptions } from './fetch-progress';

/** A step whose fraction moves from `from` to `to` with the bytes. */
export interface DownloadStep {
  /** Fraction when the step begins. */
  readonly from: number;
  /** Fraction when every expected byte has arrived. */
  readonly to: number;
  /** The step that follows once the downloads are complete. */
  readonly then: string;
}

export class StartupProgress {
  /** Counts the engine's files; its `fetch` may also be handed to start-up code directly. */
  readonly downloads: DownloadMeter;
  private step = 'starting';
  private fraction = 0;
  private download: DownloadStep | null = null;
  private bytes: ByteCount = { loaded: 0, total: null };

  constructor(
    private readonly listener: ProgressListener,
    options: Omit<DownloadMeterOptions, 'onChange'> = {},
  ) {
    this.downloads = new DownloadMeter({
      ...options,
      onChange: (bytes) => {
        this.bytes = bytes;
        this.advance();
        this.report();
      },
    });
    this.bytes = this.downloads.count();
  }

  /** Moves to a step with a fixed fraction. */
  enter(step: string, fraction: number): void {
    this.step = step;
    this.fraction = fraction;
    this.download = null;
    this.report();
  }

  /** Moves to a step whose fraction follows the bytes until they are all in. */
  enterDownload(step: string, download: DownloadStep): void {
    this.step = step;
    this.fraction = download.from;
    this.download = download;
    this.advance();
    this.report();
  }

  /**
   * Counts downloads while `work` runs, and until every byte they fetched is counted;
   * afterwards files never loaded leave the total.
   */
  async whileDownloading<T>(work: () => Promise<T>): Promise<T> {
    const stop = this.downloads.watch();
    try {
      const done = await work();
      await this.downloads.drained();
      return done;
    } finally {
      stop();
      this.downloads.settle();
    }
  }

  private advance(): void {
    const { download } = this;
    if (download === null) return;
    const { loaded, total } = this.bytes;
    if (total === null || total === 0) return;
    if (loaded >= total) {
      this.step = download.then;
      this.fraction = download.to;
      this.download = null;
      return;
    }
    this.fraction = download.from + ((download.to - download.from) * loaded) / total;
  }

  private report(): void {
    this.listener({ step: this.step, fraction: this.fraction, bytesLoaded: this.bytes.loaded, bytesTotal: this.bytes.total });
  }
}
