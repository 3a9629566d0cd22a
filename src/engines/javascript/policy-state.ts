/**
 * The JavaScript engine's current security policy and what follows from it: the limits to put
 * on a runtime, whether user code may reach the network, and how to tell the errors the
 * policy raised from look-alikes a cell threw itself.
 */
import type { UnifiedError } from '../contract';
import type { Policy } from '../policy';
import type { HeapCap } from './heap-cap';
import type { FetchBridge } from './fetch-bridge';
import { PolicyError } from './module-policy';
import { isOutOfMemory, memoryError } from './run-errors';

/** The parts of a loaded engine a policy reaches. */
export interface PolicyTarget {
  readonly runtime: { setMemoryLimit(limitBytes: number): void };
  readonly heap: HeapCap;
  readonly network: FetchBridge;
}

export class PolicyState {
  private current: Policy;
  private memoryLimit: number;
  /** Messages of the policy errors raised during this run. */
  private readonly raised = new Set<string>();

  /** `memoryLimitBytes`, when given, stands until the next `set`. */
  constructor(policy: Policy, memoryLimitBytes?: number) {
    this.current = policy;
    this.memoryLimit = memoryLimitBytes ?? policy.memoryLimitBytes;
  }

  get policy(): Policy {
    return this.current;
  }

  get memoryLimitBytes(): number {
    return this.memoryLimit;
  }

  set(policy: Policy): void {
    this.current = policy;
    this.memoryLimit = policy.memoryLimitBytes;
  }

  /** Puts the limits on a loaded runtime and shows or hides `fetch`. */
  applyTo(target: PolicyTarget): void {
    target.runtime.setMemoryLimit(this.memoryLimit);
    target.heap.limit = this.memoryLimit;
    target.network.expose(this.current.network);
  }

  /** Forgets the errors of the run before. */
  beginRun(): void {
    this.raised.clear();
  }

  /** Notes an error the policy raised, so that it is reported as one. */
  record(error: PolicyError): void {
    this.raised.add(error.message);
  }

  /** The error a fetch gets when the policy does not allow the network, or null when it does. */
  networkDenied(): PolicyError | null {
    if (this.current.network) return null;
    const error = new PolicyError(`network access is not allowed under the ${this.current.tier} policy`);
    this.record(error);
    return error;
  }

  /** QuickJS's out-of-memory becomes a memory error, and the policy's own errors policy errors. */
  classify(error: UnifiedError): UnifiedError {
    if (isOutOfMemory(error)) return memoryError(error, this.current, this.memoryLimit);
    // Only errors raised in this run count; a cell may name its own errors anything.
    if (error.name === 'PolicyError' && this.raised.has(error.message)) return { ...error, kind: 'policy' };
    return error;
  }
}
