import { describe, expect, it } from 'vitest';
import { CapabilityError, createCapabilityGuard } from '../../../../src/engines/capabilities/guard';
import { HeapLimit } from '../../../../src/engines/heap-limit';
import { TIERS } from '../../../../src/engines/policy';
import type { AuditGuard } from '../../../../src/engines/python/audit-guard';
import { PolicyEnforcement } from '../../../../src/engines/python/enforcement';
import { fakeScope } from './fake-scope';

/** No Python here, so no audit hook: these tests are about the capability guard. */
const noAuditGuard: AuditGuard = {
  armed: false,
  arm: () => undefined,
  whileEngineWorks: (work) => work(),
};

function enforcementOver(scope: object): PolicyEnforcement {
  return new PolicyEnforcement(new HeapLimit(new WebAssembly.Memory({ initial: 1 })), createCapabilityGuard(scope), () => undefined, noAuditGuard);
}

describe('the Python engine\'s policy enforcement', () => {
  it('runs user code while the guard took everything off', () => {
    const enforcement = enforcementOver(fakeScope().scope);
    enforcement.apply(TIERS.standard);
    enforcement.apply(TIERS.unrestricted);
    expect(enforcement.refusal('cell')).toBeNull();
  });

  it('refuses every later run, whatever the policy, once a capability could not be taken off', () => {
    const { scope } = fakeScope();
    Object.defineProperty(scope, 'EventSource', { value: { stands: 'stuck' }, configurable: false });
    const enforcement = enforcementOver(scope);
    expect(() => {
      enforcement.apply(TIERS.standard);
    }).toThrow(CapabilityError);
    expect(() => {
      enforcement.apply(TIERS.unrestricted);
    }).toThrow(CapabilityError);
    expect(enforcement.refusal('cell')).toMatchObject({
      language: 'python',
      kind: 'policy',
      name: 'CapabilityError',
      cellId: 'cell',
      message: expect.stringContaining('self.EventSource could not be taken off') as unknown,
    });
  });

  it('refuses runs when a later policy change cannot take back what code pinned down', () => {
    const { scope, WorkerGlobalScope } = fakeScope();
    const enforcement = enforcementOver(scope);
    enforcement.apply(TIERS.unrestricted);
    // Code that had the network pins its own fetch where the scope's was.
    Object.defineProperty(WorkerGlobalScope.prototype, 'fetch', { value: () => undefined, configurable: false });
    expect(() => {
      enforcement.apply(TIERS.standard);
    }).toThrow(CapabilityError);
    expect(enforcement.refusal('cell')?.kind).toBe('policy');
  });
});
