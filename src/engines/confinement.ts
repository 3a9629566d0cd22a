/**
 * An engine worker's proof that the Content-Security-Policy it should run under is in force
 * (SPEC §5). The worker tries, before any user code runs, each thing the policy of a confined
 * tier must refuse, and takes a refusal as proven only when the browser both refused it and
 * reported the enforced directive that did (a `securitypolicyviolation` event on the worker's
 * global, with its `effectiveDirective`):
 *
 * - `script-src`: the `Function` constructor throws an `EvalError` (no `'unsafe-eval'`);
 * - `font-src`: a `FontFace` from another origin does not load;
 * - `connect-src`: a `fetch` of another origin is refused, and so is a fetch of every package
 *   source that the page's policy lets through but this worker's does not (under Restrictive,
 *   every package source; under Standard, the other engine's).
 *
 * The probes aim at port 9 of the loopback address, which browsers never connect to, so even
 * where the policy is missing nothing leaves the machine; the package-source probes ask for a
 * source's root, which a missing policy would let through as a plain request.
 */
import type { UnifiedError } from './contract';
import type { Policy, Tier } from './policy';

/** A tier whose engine workers are confined. */
export type ConfinedTier = Extract<Tier, 'restrictive' | 'standard'>;

/** What the page asks of a confined worker's self-test: the tier it was made for, and what it must refuse. */
export interface ConfinementExpectation {
  readonly tier: ConfinedTier;
  /** Package origins the page's policy lets through but this worker's must refuse. */
  readonly refusedOrigins: readonly string[];
}

/** The directives the confined tiers rely on, each of which the self-test tries. */
export type ProvedDirective = 'script-src' | 'font-src' | 'connect-src';

export interface ConfinementCheck {
  readonly directive: ProvedDirective;
  /** What was tried: `eval`, or the URL asked for. */
  readonly target: string;
  /** Whether the policy refused it. */
  readonly refused: boolean;
}

export interface ConfinementProof {
  /** Whether every check was refused by the policy of the tier the worker was made for. */
  readonly proven: boolean;
  /** That tier; null for a worker made for none (an Unrestricted one). */
  readonly tier: ConfinedTier | null;
  readonly checks: readonly ConfinementCheck[];
  /** What the checks saw, in words, for the Performance panel and the refusal. */
  readonly detail: string;
}

/** A URL on another origin that a browser never connects to (port 9 is on every browser's list of bad ports). */
export const FOREIGN_PROBE_URL = 'http://127.0.0.1:9/confinement-probe';
export const FONT_PROBE_URL = 'http://127.0.0.1:9/confinement-probe.woff2';

/** What the self-test needs of the worker's scope; the real one, or a fake in the unit tests. */
export interface ProofScope {
  /** Evaluates an empty string as a function body. */
  evaluate(): void;
  fetch(url: string): Promise<unknown>;
  loadFont(url: string): Promise<unknown>;
  /** Where `securitypolicyviolation` events arrive. */
  readonly events: EventTarget;
}

/** The current worker's own scope, taken before anything changes it. */
export function currentScope(): ProofScope {
  const { fetch: scopeFetch, FontFace: Font } = globalThis;
  return {
    evaluate: () => Reflect.construct(Function, ['']),
    fetch: (url) => scopeFetch(url, { cache: 'no-store', credentials: 'omit', mode: 'no-cors' }),
    loadFont: (url) => new Font('confinement-probe', `url(${url})`).load(),
    events: globalThis,
  };
}

/** How long reports of refusals may take to arrive once every probe has settled. */
const REPORT_WAIT_MS = 1000;

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** Whether string evaluation is refused. */
function evaluationRefused(scope: ProofScope): boolean | string {
  try {
    scope.evaluate();
    return false;
  } catch (error) {
    return error instanceof EvalError || (error instanceof Error && error.name === 'EvalError') ? true : error instanceof Error ? error.message : String(error);
  }
}

/** Tries each request, and says which of them the policy refused and reported. */
async function refusals(scope: ProofScope, attempts: readonly { readonly directive: ProvedDirective; readonly target: string; readonly run: () => Promise<unknown> }[], waitMs: number): Promise<ConfinementCheck[]> {
  const reported: { directive: string; origin: string }[] = [];
  const isReported = (directive: string, target: string) => reported.some((entry) => entry.directive === directive && entry.origin === originOf(target));
  let allReported: () => void = () => undefined;
  const listener = (event: Event) => {
    // A report-only policy reports what it lets through; only an enforced one refuses.
    const disposition: unknown = Reflect.get(event, 'disposition');
    if (disposition !== undefined && disposition !== 'enforce') return;
    reported.push({ directive: String(Reflect.get(event, 'effectiveDirective')), origin: originOf(String(Reflect.get(event, 'blockedURI'))) });
    if (attempts.every((attempt) => isReported(attempt.directive, attempt.target))) allReported();
  };
  scope.events.addEventListener('securitypolicyviolation', listener);
  try {
    const failed = await Promise.all(
      attempts.map((attempt) =>
        attempt.run().then(
          () => false,
          () => true,
        ),
      ),
    );
    if (!attempts.every((attempt) => isReported(attempt.directive, attempt.target))) {
      await new Promise<void>((resolve) => {
        allReported = resolve;
        setTimeout(resolve, waitMs);
      });
    }
    return attempts.map((attempt, index) => ({ directive: attempt.directive, target: attempt.target, refused: failed[index] === true && isReported(attempt.directive, attempt.target) }));
  } finally {
    scope.events.removeEventListener('securitypolicyviolation', listener);
  }
}

/** What a proven set of checks refused, in words. */
function describeRefused(checks: readonly ConfinementCheck[]): string {
  const connections = checks.filter((check) => check.directive === 'connect-src').map((check) => hostOf(check.target));
  const fonts = checks.filter((check) => check.directive === 'font-src').map((check) => hostOf(check.target));
  return `refused string evaluation (script-src), a font from ${listed(fonts)} (font-src) and connections to ${listed(connections)} (connect-src)`;
}

/** What a check that was let through says, in words. */
function describeAllowed(check: ConfinementCheck): string {
  if (check.directive === 'script-src') return 'string evaluation is allowed (script-src)';
  return `${check.directive === 'font-src' ? 'a font from' : 'a connection to'} ${hostOf(check.target)} was not refused (${check.directive})`;
}

/**
 * Runs the self-test in `scope`, for a worker made for `expected` (null for an open worker,
 * which is only told whether string evaluation works). Nothing is fetched where string
 * evaluation works: then no policy is in force at all.
 */
export async function proveConfinement(expected: ConfinementExpectation | null = null, scope: ProofScope = currentScope(), waitMs = REPORT_WAIT_MS): Promise<ConfinementProof> {
  const tier = expected?.tier ?? null;
  const evaluation = evaluationRefused(scope);
  if (evaluation === false) {
    return { proven: false, tier, checks: [{ directive: 'script-src', target: 'eval', refused: false }], detail: 'string evaluation is allowed, so no Content-Security-Policy is in force in this worker' };
  }
  if (evaluation !== true) return { proven: false, tier, checks: [{ directive: 'script-src', target: 'eval', refused: false }], detail: `the policy self-test failed: ${evaluation}` };
  if (expected === null) return { proven: false, tier, checks: [{ directive: 'script-src', target: 'eval', refused: true }], detail: 'this worker was made for no confined tier' };
  const connections = [FOREIGN_PROBE_URL, ...expected.refusedOrigins.map((origin) => `${origin}/`)];
  const checks = [
    { directive: 'script-src' as const, target: 'eval', refused: true },
    ...(await refusals(
      scope,
      [
        { directive: 'font-src', target: FONT_PROBE_URL, run: () => scope.loadFont(FONT_PROBE_URL) },
        ...connections.map((url) => ({ directive: 'connect-src' as const, target: url, run: () => scope.fetch(url) })),
      ],
      waitMs,
    )),
  ];
  const allowed = checks.filter((check) => !check.refused);
  return allowed.length === 0 ? { proven: true, tier, checks, detail: describeRefused(checks) } : { proven: false, tier, checks, detail: allowed.map(describeAllowed).join('; ') };
}

/** Whether a worker made for `made` may run code under `tier`: only under its own tier or a higher one. */
function confinedEnough(made: ConfinedTier | null, tier: Tier): boolean {
  return made === 'restrictive' || (made === 'standard' && tier !== 'restrictive');
}

/**
 * The error every run gets when a tier without the network must run confined and the worker
 * could not prove it is, or was made for a looser tier; null when the run may go ahead.
 * `proof` is null where no browser policy applies (the engines under Node), and then nothing
 * is refused.
 */
export function confinementRefusal(policy: Policy, proof: ConfinementProof | null, language: UnifiedError['language'], cellId: string): UnifiedError | null {
  if (policy.network || proof === null || (proof.proven && confinedEnough(proof.tier, policy.tier))) return null;
  const detail = proof.proven ? `this worker was made for the ${String(proof.tier)} policy` : proof.detail;
  return {
    language,
    kind: 'policy',
    name: 'PolicyError',
    message:
      `the ${policy.tier} policy cannot be enforced in this page, so this engine runs no code under it: ${detail}. ` +
      "Reload the page; if this stays, the host or an extension strips or loosens the Content-Security-Policy of the page or its engine workers. " +
      'Choose Unrestricted from the policy menu only for a document you trust.',
    cellId,
    line: null,
    column: null,
    frames: [],
  };
}
