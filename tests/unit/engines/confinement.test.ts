import { describe, expect, it } from 'vitest';
import { confinementRefusal, proveConfinement } from '../../../src/engines/confinement';
import { failedRun } from '../../../src/engines/failed-run';
import { TIERS } from '../../../src/engines/policy';

describe('the confinement self-test', () => {
  it('finds no policy under Node, where string evaluation works', () => {
    expect(proveConfinement()).toMatchObject({ proven: false });
  });

  it('refuses tiers without the network where the policy is not proven, and nothing else', () => {
    const unproven = { proven: false, detail: 'string evaluation is allowed' };
    const proven = { proven: true, detail: 'refused' };
    for (const tier of ['restrictive', 'standard'] as const) {
      const refusal = confinementRefusal(TIERS[tier], unproven, 'python', 'c1');
      expect(refusal).toMatchObject({ kind: 'policy', name: 'PolicyError', cellId: 'c1' });
      expect(refusal?.message).toContain(`the ${tier} policy cannot be enforced`);
      expect(refusal?.message).toContain('string evaluation is allowed');
      expect(confinementRefusal(TIERS[tier], proven, 'python', 'c1')).toBeNull();
      expect(confinementRefusal(TIERS[tier], null, 'python', 'c1')).toBeNull();
    }
    expect(confinementRefusal(TIERS.unrestricted, unproven, 'javascript', 'c1')).toBeNull();
  });

  it('reports a refused run as a failed result with the error alone', () => {
    const error = confinementRefusal(TIERS.standard, { proven: false, detail: 'x' }, 'javascript', 'c');
    expect(error).not.toBeNull();
    if (error) expect(failedRun(error)).toMatchObject({ success: false, errors: [error], exports: [], output: [] });
  });
});
