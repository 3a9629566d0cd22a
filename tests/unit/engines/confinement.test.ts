import { describe, expect, it } from 'vitest';
import { confinementRefusal, FONT_PROBE_URL, FOREIGN_PROBE_URL, proveConfinement, type ConfinementProof, type ProofScope, type ProvedDirective } from '../../../src/engines/confinement';
import { failedRun } from '../../../src/engines/failed-run';
import { TIERS } from '../../../src/engines/policy';

/** A worker scope under a policy that refuses `refuses` (directive → refused), reporting each refusal as the browser does, a moment later. */
function scopeUnder(policy: { evaluation: boolean; refuses: Partial<Record<ProvedDirective, boolean>>; disposition?: string }): ProofScope & { asked: string[] } {
  const events = new EventTarget();
  const asked: string[] = [];
  const attempt = (directive: ProvedDirective, url: string) => {
    asked.push(url);
    if (policy.refuses[directive] !== true) return Promise.reject(new TypeError('Failed to fetch'));
    setTimeout(() => {
      events.dispatchEvent(Object.assign(new Event('securitypolicyviolation'), { effectiveDirective: directive, blockedURI: url, disposition: policy.disposition ?? 'enforce' }));
    }, 1);
    return Promise.reject(new TypeError('refused by the policy'));
  };
  return {
    asked,
    events,
    evaluate: () => {
      if (policy.evaluation) throw new EvalError('Code generation from strings disallowed for this context');
    },
    fetch: (url) => attempt('connect-src', url),
    loadFont: (url) => attempt('font-src', url),
  };
}

const STANDARD = { tier: 'standard', refusedOrigins: ['https://esm.example'] } as const;
const WAIT_MS = 50;

describe('the confinement self-test', () => {
  it('finds no policy under Node, where string evaluation works, and asks for nothing', async () => {
    const proof = await proveConfinement(STANDARD);
    expect(proof.proven).toBe(false);
    expect(proof.detail).toContain('string evaluation is allowed');
    const scope = scopeUnder({ evaluation: false, refuses: {} });
    expect(await proveConfinement(STANDARD, scope, WAIT_MS)).toMatchObject({ proven: false });
    expect(scope.asked).toEqual([]);
  });

  it('proves a policy that refuses string evaluation, fonts and every connection it must, and names them', async () => {
    const scope = scopeUnder({ evaluation: true, refuses: { 'font-src': true, 'connect-src': true } });
    const proof = await proveConfinement(STANDARD, scope, WAIT_MS);
    expect(proof).toMatchObject({ proven: true, tier: 'standard' });
    expect(proof.checks).toEqual([
      { directive: 'script-src', target: 'eval', refused: true },
      { directive: 'font-src', target: FONT_PROBE_URL, refused: true },
      { directive: 'connect-src', target: FOREIGN_PROBE_URL, refused: true },
      { directive: 'connect-src', target: 'https://esm.example/', refused: true },
    ]);
    expect(proof.detail).toBe('refused string evaluation (script-src), a font from 127.0.0.1:9 (font-src) and connections to 127.0.0.1:9 and esm.example (connect-src)');
  });

  it('fails a policy without unsafe-eval whose connect-src is open, and the tiers then refuse to run', async () => {
    const proof = await proveConfinement(STANDARD, scopeUnder({ evaluation: true, refuses: { 'font-src': true } }), WAIT_MS);
    expect(proof.proven).toBe(false);
    expect(proof.detail).toBe('a connection to 127.0.0.1:9 was not refused (connect-src); a connection to esm.example was not refused (connect-src)');
    for (const tier of ['restrictive', 'standard'] as const) {
      expect(confinementRefusal(TIERS[tier], proof, 'python', 'c1')?.message).toContain(`the ${tier} policy cannot be enforced in this page, so this engine runs no code under it: a connection to 127.0.0.1:9 was not refused (connect-src)`);
    }
  });

  it('fails a policy that lets fonts through', async () => {
    const proof = await proveConfinement(STANDARD, scopeUnder({ evaluation: true, refuses: { 'connect-src': true } }), WAIT_MS);
    expect(proof).toMatchObject({ proven: false, detail: 'a font from 127.0.0.1:9 was not refused (font-src)' });
  });

  it('takes no refusal from a policy that only reports', async () => {
    const proof = await proveConfinement(STANDARD, scopeUnder({ evaluation: true, refuses: { 'font-src': true, 'connect-src': true }, disposition: 'report' }), WAIT_MS);
    expect(proof.proven).toBe(false);
    expect(proof.checks.filter((check) => check.refused).map((check) => check.directive)).toEqual(['script-src']);
  });

  it('does not prove a worker made for no confined tier', async () => {
    const scope = scopeUnder({ evaluation: true, refuses: { 'font-src': true, 'connect-src': true } });
    expect(await proveConfinement(null, scope, WAIT_MS)).toMatchObject({ proven: false, tier: null });
    expect(scope.asked).toEqual([]);
  });
});

describe('the confinement refusal', () => {
  const proof = (proven: boolean, tier: 'restrictive' | 'standard' | null = 'standard'): ConfinementProof => ({ proven, tier, checks: [], detail: proven ? 'refused' : 'string evaluation is allowed' });

  it('refuses tiers without the network where the policy is not proven, and nothing else', () => {
    for (const tier of ['restrictive', 'standard'] as const) {
      const refusal = confinementRefusal(TIERS[tier], proof(false, tier), 'python', 'c1');
      expect(refusal).toMatchObject({ kind: 'policy', name: 'PolicyError', cellId: 'c1' });
      expect(refusal?.message).toContain(`the ${tier} policy cannot be enforced`);
      expect(refusal?.message).toContain('string evaluation is allowed');
      expect(confinementRefusal(TIERS[tier], proof(true, tier), 'python', 'c1')).toBeNull();
      expect(confinementRefusal(TIERS[tier], null, 'python', 'c1')).toBeNull();
    }
    expect(confinementRefusal(TIERS.unrestricted, proof(false, null), 'javascript', 'c1')).toBeNull();
  });

  it('runs no Restrictive code in a worker proven for Standard, whose policy lets its package source through', () => {
    expect(confinementRefusal(TIERS.restrictive, proof(true, 'standard'), 'python', 'c1')?.message).toContain('this worker was made for the standard policy');
    expect(confinementRefusal(TIERS.standard, proof(true, 'restrictive'), 'python', 'c1')).toBeNull();
  });

  it('reports a refused run as a failed result with the error alone', () => {
    const error = confinementRefusal(TIERS.standard, proof(false), 'javascript', 'c');
    expect(error).not.toBeNull();
    if (error) expect(failedRun(error)).toMatchObject({ success: false, errors: [error], exports: [], output: [] });
  });
});
