/** Messages between the baseline page and its bare workers. */

/** What the page asks a bare engine worker to do. */
export type EngineRequest =
  | { readonly type: 'start'; readonly indexURL: string }
  | { readonly type: 'run'; readonly source: string; readonly n: number }
  /** Spins in a busy loop until the shared flag is set, then answers. */
  | { readonly type: 'spin'; readonly flag: Int32Array };

/** A bare engine worker's answer: how long the work took inside the worker, and its value. */
export interface EngineReply {
  readonly ms: number;
  readonly value: unknown;
  /** Characters the run wrote to stdout (Python) or console.log (QuickJS). */
  readonly outputChars?: number;
  readonly error?: string;
}
