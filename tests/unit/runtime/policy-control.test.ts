import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { TIERS } from '../../../src/engines/policy';
import { createAuditLog } from '../../../src/runtime/audit-log';
import { createNotebook } from '../../../src/runtime/notebook';
import { createPolicyControl, tightened } from '../../../src/runtime/policy-control';

const withConfig = (lines: string) => `CONFIG {\n${lines}\n}\nPYTHON a {\n    1\n}\n`;

function setUp(text: string) {
  return createRoot(() => {
    const notebook = createNotebook(text);
    const audit = createAuditLog();
    return { notebook, audit, control: createPolicyControl(notebook, audit) };
  });
}

describe('tightened', () => {
  it('lets CONFIG lower a limit but never raise it', () => {
    expect(tightened(TIERS.restrictive, 2000, 16)).toMatchObject({ timeLimitMs: 2000, memoryLimitBytes: 16 * 1024 * 1024 });
    expect(tightened(TIERS.restrictive, 60_000, 4096)).toMatchObject({ timeLimitMs: 10_000, memoryLimitBytes: 64 * 1024 * 1024 });
    expect(tightened(TIERS.standard, 'soon', -1)).toEqual(TIERS.standard);
  });
});

describe('createPolicyControl', () => {
  it('uses the tier CONFIG asks for up to Standard, and Standard for an unknown one', async () => {
    expect(setUp(withConfig('    security: "restrictive"\n    timeout: 1500')).control.effective()).toEqual({ ...TIERS.restrictive, timeLimitMs: 1500 });
    const unknown = setUp(withConfig('    security: "wide-open"'));
    expect(unknown.control.effective()).toEqual(TIERS.standard);
    await unknown.control.settle();
    expect(unknown.control.pending()).toBeNull();
  });

  it('asks before Unrestricted, runs under Standard until allowed, and records both steps', async () => {
    const { control, audit } = setUp(withConfig('    security: "unrestricted"'));
    expect(control.requested()).toBe('unrestricted');
    expect(control.effective().tier).toBe('standard');
    let settled = false;
    const waiting = control.settle().then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(control.pending()?.tier).toBe('unrestricted');
    control.answer('granted');
    await waiting;
    expect(control.effective().tier).toBe('unrestricted');
    expect(audit.entries().map((entry) => [entry.kind, entry.detail])).toEqual([
      ['elevation', 'the document asks for the unrestricted tier; waiting for the user'],
      ['elevation', 'the user allowed the unrestricted tier'],
    ]);
  });

  it('keeps Standard after a refusal, and asks again for a newly opened document', async () => {
    const { control, notebook } = setUp(withConfig('    security: "unrestricted"'));
    const first = control.settle();
    control.answer('denied');
    await first;
    expect(control.effective().tier).toBe('standard');
    await control.settle();
    expect(control.pending()).toBeNull();
    notebook.load(withConfig('    security: "unrestricted"'));
    void control.settle();
    expect(control.pending()?.tier).toBe('unrestricted');
  });

  it('lets the user choose a lower tier at once, and tells each change of the tier runs use', () => {
    const { control, audit } = setUp(withConfig('    security: "standard"'));
    const changes: [string, string][] = [];
    control.onTierChange((from, to) => changes.push([from, to]));
    control.choose('restrictive');
    expect(control.effective()).toEqual(TIERS.restrictive);
    expect(control.pending()).toBeNull();
    control.choose('standard');
    expect(changes).toEqual([['standard', 'restrictive'], ['restrictive', 'standard']]);
    expect(audit.entries().map((entry) => entry.detail)).toEqual(['the user chose the restrictive tier from the policy menu', 'the user chose the standard tier from the policy menu']);
  });

  it('asks for consent before a chosen Unrestricted, as for CONFIG, and keeps Standard when refused', async () => {
    const { control } = setUp(withConfig('    security: "restrictive"'));
    const changes: string[] = [];
    control.onTierChange((_, to) => changes.push(to));
    control.choose('unrestricted');
    expect(control.pending()).toMatchObject({ tier: 'unrestricted', source: 'menu' });
    expect(control.effective().tier).toBe('standard');
    control.answer('denied');
    expect(control.effective().tier).toBe('standard');
    control.choose('unrestricted');
    control.answer('granted');
    await control.settle();
    expect(control.effective().tier).toBe('unrestricted');
    expect(changes).toEqual(['standard', 'unrestricted']);
  });

  it('forgets the choice when another document opens', () => {
    const { control, notebook } = setUp(withConfig('    security: "standard"'));
    control.choose('restrictive');
    notebook.load(withConfig('    security: "standard"'));
    expect(control.chosen()).toBeNull();
    expect(control.effective().tier).toBe('standard');
  });
});
