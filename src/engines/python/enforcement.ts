/**
 * Applies a security policy to the Python engine (SPEC §5): the import and file checks in the
 * support code, the capability guard on the worker's global scope, the heap limit and, under
 * Restrictive, the audit guard and no document folder; and tells after a run whether it went
 * past the memory limit.
 */
import { EngineError, type UnifiedError } from '../contract';
import { CapabilityError, type CapabilityGuard } from '../capabilities/guard';
import { isAbove, pythonImportDenied, TIERS, type Policy } from '../policy';
import type { AuditGuard } from './audit-guard';
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
    private readonly guard: AuditGuard,
  ) {}

  /** The policy runs use now. */
  get policy(): Policy {
    return this.current;
  }

  /**
   * Applies a policy to every later run. Call it only while no user code runs. Once Restrictive
   * has been applied its audit guard cannot be taken out, so a tier above it is refused: the
   * runtime gives such a tier a fresh worker.
   */
  apply(policy: Policy): void {
    if (this.guard.armed && isAbove(policy.tier, 'restrictive')) {
      throw new EngineError(`this Python engine runs under the restrictive policy for good; a fresh engine is needed for the ${policy.tier} policy`, 'python');
    }
    this.support('set_policy', policy.tier, policy.pythonModules, policy.pythonDeniedModules, policy.fileSystem, (module: string) => pythonImportDenied(module, policy));
    if (policy.tier === 'restrictive' && !this.guard.armed) {
      this.support('leave_document_folder');
      this.guard.arm();
    }
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

  /** Runs a package install, which under Restrictive's guard may write into Python's library folder. */
  whileInstalling<T>(work: () => Promise<T>): Promise<T> {
    return this.guard.whileEngineWorks(work);
  }

  /** Throws when the policy gives user code no file system, for the bridge's file operations. */
  checkFiles(): void {
    if (!this.current.fileSystem) throw new EngineError(`files are not available under the ${this.current.tier} policy: it has no file system`, 'python');
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
