import { createSignal, For, Show } from 'solid-js';
import { TIER_NAMES, TIER_ORDER, type Tier } from '../engines/policy';
import { ALLOWS } from '../runtime/policy-control';
import { usePlayground } from './playground-context';
import { menuDismissal } from './menu-dismissal';
import './PolicyMenu.css';

/**
 * The policy badge: shows the tier the cells run under and opens a menu to choose another.
 * Unrestricted asks for consent in the same dialog as a CONFIG that asks for it; any change
 * replaces the engines, which the menu says.
 */
export function PolicyMenu() {
  const { session } = usePlayground();
  const [open, setOpen] = createSignal(false);
  let root: HTMLDivElement | undefined;
  const tier = () => session.policy.effective().tier;
  const asked = () => session.policy.chosen() ?? session.policy.requested();
  const choose = (next: Tier) => {
    setOpen(false);
    root?.querySelector('button')?.focus();
    session.policy.choose(next);
  };
  const { onFocusOut, onKeyDown } = menuDismissal({ root: () => root, isOpen: open, close: () => setOpen(false), toggle: () => root?.querySelector('button') });
  return (
    <div class="menu policy-menu" ref={root} onFocusOut={onFocusOut} onKeyDown={onKeyDown}>
      <button
        type="button"
        class="policy-badge"
        data-testid="policy-badge"
        data-tier={tier()}
        aria-expanded={open()}
        aria-controls="policy-list"
        title={asked() === tier() ? 'The security tier the cells run under. Press to choose another.' : `The document asks for ${asked()}; it runs under ${tier()} until you allow more. Press to choose.`}
        onClick={() => setOpen(!open())}
      >
        {asked() === tier() ? tier() : `${tier()} (asks ${asked()})`}
      </button>
      <Show when={open()}>
        <div class="menu-list" id="policy-list" role="group" aria-label="Security tier">
          <For each={TIER_ORDER}>
            {(option) => (
              <button type="button" class="menu-item policy-option" data-testid={`policy-choose-${option}`} aria-pressed={option === tier()} onClick={() => { choose(option); }}>
                <span class="policy-option-name">{TIER_NAMES[option]}</span>
                <span class="policy-option-allows">{ALLOWS[option]}</span>
              </button>
            )}
          </For>
          <p class="menu-note">Changing the tier restarts the engines: their variables are lost.</p>
        </div>
      </Show>
    </div>
  );
}
