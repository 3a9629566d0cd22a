/**
 * An engine worker's proof that the Content-Security-Policy it should run under is in force
 * (SPEC §5). The confined workers' policy has no `'unsafe-eval'`, and under such a policy the
 * `Function` constructor throws an `EvalError`; without one it returns a function. The check is
 * made once, as the worker's module starts, before any user code could change `Function`.
 */
import type { UnifiedError } from './contract';
import type { Policy } from './policy';

export interface ConfinementProof {
  /** Whether string evaluation is refused, so a policy without `'unsafe-eval'` is in force. */
  readonly proven: boolean;
  /** What the check saw, in words, for the Performance panel and the refusal. */
  readonly detail: string;
}

/** Runs the self-test in the current scope. */
export function proveConfinement(): ConfinementProof {
  try {
    Reflect.construct(Function, ['']);
    return { proven: false, detail: 'string evaluation is allowed, so no Content-Security-Policy is in force in this worker' };
  } catch (error) {
    if (error instanceof EvalError) return { proven: true, detail: 'a Content-Security-Policy is in force: string evaluation is refused' };
    return { proven: false, detail: `the policy self-test failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The error every run gets when a tier without the network must run confined and the worker
 * could not prove it is; null when the run may go ahead. `proof` is null where no browser
 * policy applies (the engines under Node), and then nothing is refused.
 */
export function confinementRefusal(policy: Policy, proof: ConfinementProof | null, language: UnifiedError['language'], cellId: string): UnifiedError | null {
  if (policy.network || proof === null || proof.proven) return null;
  return {
    language,
    kind: 'policy',
    name: 'PolicyError',
    message:
      `the ${policy.tier} policy cannot be enforced in this page, so this engine runs no code under it: ${proof.detail}. ` +
      'Reload the page; if this stays, the host or an extension strips the page\'s Content-Security-Policy. ' +
      'Choose Unrestricted from the policy menu only for a document you trust.',
    cellId,
    line: null,
    column: null,
    frames: [],
  };
}

