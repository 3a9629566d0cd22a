/**
 * Which policy each engine's worker holds. Before a run the engine is given the document's
 * policy when it or the worker changed; a worker that ran under another tier, or was made
 * with another Content-Security-Policy, is replaced instead, since nothing it was granted or
 * holds may carry over.
 */
import type { Language } from '../engines/contract';
import type { Policy, Tier } from '../engines/policy';
import type { AuditLog } from './audit-log';
import type { EngineHost } from './engine-host';
import type { PolicyControl } from './policy-control';
import { confinementFor } from './worker-factories';

export interface EnginePolicyDependencies {
  readonly policy: PolicyControl;
  readonly audit: AuditLog;
  readonly host: (language: Language) => EngineHost;
  /** The worker is about to be replaced: it will hold nothing that was put in it. */
  readonly forget: (language: Language) => void;
  /** The worker was replaced. */
  readonly restarted: (language: Language) => void;
}

export function createEnginePolicies(deps: EnginePolicyDependencies) {
  const { policy, audit, host } = deps;
  /** The policy each engine's current worker was last given, as JSON. */
  const applied: Record<Language, string | null> = { python: null, javascript: null };
  /** The tier each engine's current worker was given. */
  const givenTier: Record<Language, Tier | null> = { python: null, javascript: null };
  let lastTier: string | null = null;

  /** Replaces an engine's worker because the tier changed; its state is lost. */
  const replaceForTier = async (language: Language, from: Tier, to: Tier) => {
    deps.forget(language);
    audit.record({ kind: 'restart', language, cellId: null, detail: `the worker was replaced for the ${to} tier (was ${from}); its state was lost` });
    await host(language).restart();
    deps.restarted(language);
  };

  // A choice from the policy menu, or an answer to the consent dialog, replaces every engine
  // that has started at once; other changes (CONFIG edited, another document) at the next run.
  policy.onTierChange((from, to) => {
    for (const language of ['python', 'javascript'] as const) {
      const given = givenTier[language];
      if (given !== null && given !== to) void replaceForTier(language, given, to).catch(() => undefined);
    }
  });

  return {
    /** Gives an engine the document's policy when it or the worker has changed since it was last given. */
    async apply(language: Language): Promise<Policy> {
      const rules = policy.effective();
      if (rules.tier !== lastTier) {
        audit.record({ kind: 'tier', language: null, cellId: null, detail: `runs use the ${rules.tier} policy${lastTier === null ? '' : ` (was ${lastTier})`}` });
        lastTier = rules.tier;
      }
      // A Restrictive engine cannot be raised at all; the Content-Security-Policy is fixed when a worker is made.
      const given = givenTier[language];
      const kind = host(language).kind();
      if ((given !== null && given !== rules.tier) || (kind !== null && kind !== confinementFor(rules))) await replaceForTier(language, given ?? rules.tier, rules.tier);
      const key = JSON.stringify(rules);
      if (applied[language] !== key) {
        await host(language).call((remote) => remote.setPolicy(rules));
        applied[language] = key;
        givenTier[language] = rules.tier;
      }
      return rules;
    },
    /** A new worker holds no policy. */
    forget(language: Language): void {
      applied[language] = null;
      givenTier[language] = null;
    },
  };
}
