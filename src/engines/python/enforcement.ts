/**
 * Applies a security policy to the Python engine (SPEC §5): the import and file checks in the
 * support code, the capability guard on the worker's global scope, and the heap limit; and tells
 * after a run whether it went past the memory limit.
 */
import type { UnifiedError } from '../contract';
import { CapabilityError, type CapabilityGuard } from '../capabilities/guard';
import { TIERS, type Policy } from '../policy';
import type { HeapLimit } from '../heap-limit';
import { memoryLimitMessage } from './heap-limit';
import type { SupportCall } from './packages';

export class PolicyEnforcement {
  private current: Policy = TIERS.standard;
  /** Set for good once the guard could not take a capability off: no user code runs after that. */
  private unsafe: CapabilityError | null = null;

  constructor(
    private readonly heap: HeapLimit,
    private readonly capabilities: CapabilityGuard,
    private readonly support: SupportCall,
  ) {}

  /** The policy runs use now. */
  get policy(): Policy {
    return this.current;
  }

  /** Applies a policy to every later run. Call it only while no user code runs. */
  apply(policy: Policy): void {
    this.support('set_policy', policy.tier, policy.pythonModules, policy.fileSystem);
    // Either way, storage and every other capability that is not harmless is off the scope.
    try {
      if (policy.network) this.capabilities.allow();
      else this.capabilities.deny();
    } catch (error) {
      if (error instanceof CapabilityError) this.unsafe = error;
      throw error;
    }
    this.heap.limit = policy.memoryLimitBytes;
    this.current = policy;
  }

  /**
   * Call as a run starts; the returned function tells, once it has ended, whether the run
   * asked for memory past the limit or left the heap past it (a policy with a lower limit
   * than the heap had already grown to).
   */
  watchRun(): () => boolean {
    const refusedBefore = this.heap.refused;
    return () => this.heap.refused > refusedBefore || this.heap.exceeded;
  }

  /** The error every run gets instead of running, once the scope could not be made safe; null while it is. */
  refusal(cellId: string): UnifiedError | null {
    if (this.unsafe === null) return null;
    return { language: 'python', kind: 'policy', name: this.unsafe.name, message: this.unsafe.message, cellId, line: null, column: null, frames: [] };
  }

  /** The error of a run stopped at the memory limit, keeping where the run was when it happened. */
  memoryError(cellId: string, cause?: UnifiedError): UnifiedError {
    return {
      language: 'python',
      kind: 'memory',
      name: 'MemoryError',
      message: memoryLimitMessage(this.current.memoryLimitBytes, this.current.tier),
      cellId,
      line: cause?.line ?? null,
      column: cause?.column ?? null,
      frames: cause?.frames ?? [],
    };
  }
}
