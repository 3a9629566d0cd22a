import { createSignal, For, Match, Switch } from 'solid-js';
import { AuditPanel } from './AuditPanel';
import { PerformancePanel } from './PerformancePanel';
import { VariablesPanel } from './VariablesPanel';
import './panels.css';

const TABS = [
  { id: 'variables', label: 'Variables' },
  { id: 'audit', label: 'Audit log' },
  { id: 'performance', label: 'Performance' },
] as const;

type TabId = (typeof TABS)[number]['id'];

/** The side panels, as tabs: Variables, Audit log and Performance. */
export function SidePanel(props: { onClose: () => void }) {
  const [tab, setTab] = createSignal<TabId>('variables');
  const tabs: HTMLButtonElement[] = [];
  const onKeyDown = (event: KeyboardEvent) => {
    // Arrow keys move between tabs, as the ARIA tabs pattern expects.
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((candidate) => candidate.id === tab());
    const next = (index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length;
    const target = TABS[next];
    if (!target) return;
    event.preventDefault();
    setTab(target.id);
    tabs[next]?.focus();
  };
  return (
    <aside class="side-panel" aria-label="Panels" data-testid="side-panel">
      <div class="panel-head">
        <div class="panel-tabs" role="tablist" aria-label="Panels" onKeyDown={onKeyDown}>
          <For each={TABS}>
            {(candidate, index) => (
              <button
                ref={(element) => (tabs[index()] = element)}
                type="button"
                role="tab"
                id={`tab-${candidate.id}`}
                aria-selected={tab() === candidate.id}
                aria-controls={`panel-${candidate.id}`}
                tabindex={tab() === candidate.id ? 0 : -1}
                data-testid={`tab-${candidate.id}`}
                onClick={() => setTab(candidate.id)}
              >
                {candidate.label}
              </button>
            )}
          </For>
        </div>
        <button
          type="button"
          class="icon close-panel"
          aria-label="Close the panels"
          onClick={() => {
            props.onClose();
          }}
        >
          ✕
        </button>
      </div>
      <div class="panel-body" role="tabpanel" id={`panel-${tab()}`} aria-labelledby={`tab-${tab()}`} tabindex="0">
        <Switch>
          <Match when={tab() === 'variables'}>
            <VariablesPanel />
          </Match>
          <Match when={tab() === 'audit'}>
            <AuditPanel />
          </Match>
          <Match when={tab() === 'performance'}>
            <PerformancePanel />
          </Match>
        </Switch>
      </div>
    </aside>
  );
}
