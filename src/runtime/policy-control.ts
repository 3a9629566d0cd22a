/**
 * Which policy the document's cells run under. CONFIG `security` asks for a tier, and the
 * policy menu lets the user choose another; a tier above Standard needs the user's consent,
 * asked once per opened document; CONFIG `timeout` and `memory` may only tighten the tier's
 * limits. Every decision goes to the audit log.
 */
import { createSignal, type Accessor } from 'solid-js';
import { isAbove, isTier, TIERS, type Policy, type Tier } from '../engines/policy';
import type { AuditLog } from './audit-log';
import { documentProperty } from './document-settings';
import type { Notebook } from './notebook';

/** The user's answer to a document that asks for more than Standard. */
export type Consent = 'granted' | 'denied';

/** A request for more than Standard, waiting for the user. */
export interface ElevationRequest {
  readonly tier: Tier;
  /** What the tier allows, in words, for the dialog. */
  readonly allows: string;
  /** Who asks: the document's CONFIG, or the user from the policy menu. */
  readonly source: 'config' | 'menu';
}

export interface PolicyControl {
  /** The tier the document's CONFIG asks for; Standard when it names none or an unknown one. */
  requested(): Tier;
  /** The tier the user chose from the policy menu for this document, reactive; null when none. */
  chosen(): Tier | null;
  /** The policy runs use now: consent and CONFIG's tighter limits applied. */
  effective(): Policy;
  /** A pending request for the user to answer, reactive; null when nothing is pending. */
  readonly pending: Accessor<ElevationRequest | null>;
  /**
   * Resolves once the document's tier is settled: at once when it asks for Standard or less
   * or the user has answered, else when the user answers the request this raises.
   */
  settle(): Promise<void>;
  /** The user's answer to the pending request. */
  answer(consent: Consent): void;
  /** Asks the user again (from the policy badge), even after a refusal. */
  ask(): void;
  /**
   * The user chooses a tier from the policy menu, in place of CONFIG's until another document
   * opens. One above Standard asks for consent first, as CONFIG's does.
   */
  choose(tier: Tier): void;
  /** Calls `listener` with the old and new tier whenever a choice or an answer changes the tier runs use. */
  onTierChange(listener: (from: Tier, to: Tier) => void): void;
}

const MB = 1024 * 1024;
/** What each tier allows, in words, for the dialog and the policy menu. */
export const ALLOWS: Record<Tier, string> = {
  restrictive: 'a few pure modules, no files, no network, 10 s per cell and 64 MB',
  standard: 'common modules and the document folder, no network, 5 minutes per cell and 256 MB',
  unrestricted: 'any module, the network, 30 minutes per cell and 1 GB of memory',
};

/** A positive number from CONFIG, or null. */
function positive(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** A tier's policy with CONFIG's limits applied where they are tighter: `timeout` in ms, `memory` in MB. */
export function tightened(policy: Policy, timeoutMs: unknown, memoryMb: unknown): Policy {
  const timeout = positive(timeoutMs);
  const memory = positive(memoryMb);
  return {
    ...policy,
    timeLimitMs: timeout === null ? policy.timeLimitMs : Math.min(policy.timeLimitMs, timeout),
    memoryLimitBytes: memory === null ? policy.memoryLimitBytes : Math.min(policy.memoryLimitBytes, memory * MB),
  };
}

export function createPolicyControl(notebook: Notebook, audit: AuditLog): PolicyControl {
  const [consent, setConsent] = createSignal<Consent | null>(null);
  const [pending, setPending] = createSignal<ElevationRequest | null>(null);
  const [chosen, setChosen] = createSignal<Tier | null>(null);
  const listeners: ((from: Tier, to: Tier) => void)[] = [];
  let waiting: (() => void)[] = [];
  // A new document asks afresh: consent and the menu's choice belong to the document they were given for.
  notebook.onLoad(() => {
    setConsent(null);
    setChosen(null);
    setPending(null);
    for (const resolve of waiting) resolve();
    waiting = [];
  });

  const requested = (): Tier => {
    const value = documentProperty(notebook, 'CONFIG', 'security');
    return isTier(value) ? value : 'standard';
  };
  const wanted = (): Tier => chosen() ?? requested();
  const tier = (): Tier => {
    const asked = wanted();
    return isAbove(asked, 'standard') && consent() !== 'granted' ? 'standard' : asked;
  };
  /** Runs a change of state, then tells the listeners if the tier runs use has changed. */
  const changing = (change: () => void) => {
    const before = tier();
    change();
    const after = tier();
    if (after !== before) for (const listener of listeners) listener(before, after);
  };
  return {
    requested,
    chosen,
    effective: () => tightened(TIERS[tier()], documentProperty(notebook, 'CONFIG', 'timeout'), documentProperty(notebook, 'CONFIG', 'memory')),
    pending,
    settle() {
      const asked = wanted();
      if (!isAbove(asked, 'standard') || consent() !== null) return Promise.resolve();
      if (pending() === null) {
        setPending({ tier: asked, allows: ALLOWS[asked], source: chosen() === null ? 'config' : 'menu' });
        audit.record({ kind: 'elevation', language: null, cellId: null, detail: `the document asks for the ${asked} tier; waiting for the user` });
      }
      return new Promise((resolve) => {
        waiting.push(resolve);
      });
    },
    ask() {
      if (!isAbove(wanted(), 'standard') || consent() === 'granted') return;
      setConsent(null);
      void this.settle();
    },
    choose(next) {
      if (next === tier() && next === wanted()) return;
      audit.record({ kind: 'tier', language: null, cellId: null, detail: `the user chose the ${next} tier from the policy menu` });
      changing(() => {
        setChosen(next);
        // Consent is asked each time Unrestricted is chosen: it is never carried over from before.
        setConsent(null);
      });
      if (isAbove(next, 'standard')) void this.settle();
    },
    onTierChange(listener) {
      listeners.push(listener);
    },
    answer(answer) {
      const request = pending();
      if (request === null) return;
      changing(() => {
        setConsent(answer);
        setPending(null);
      });
      audit.record({
        kind: 'elevation',
        language: null,
        cellId: null,
        detail: answer === 'granted' ? `the user allowed the ${request.tier} tier` : `the user refused the ${request.tier} tier; running under standard`,
      });
      for (const resolve of waiting) resolve();
      waiting = [];
    },
  };
}
