import { Show } from 'solid-js';
import { documentProperty } from '../runtime/document-settings';
import { documentTitle } from '../share/document-title';
import { usePlayground } from './playground-context';
import { EngineStatusBadge } from './EngineStatusBadge';
import { ExamplesMenu } from './ExamplesMenu';
import { FileMenu } from './FileMenu';
import { PolicyMenu } from './PolicyMenu';
import { ShareButton } from './ShareButton';
import type { Theme } from './theme';

export interface HeaderProps {
  readonly theme: Theme;
  readonly panelOpen: boolean;
  readonly onTogglePanel: () => void;
  readonly onShowKeys: () => void;
  readonly busy: boolean;
}

/** The document's title, its policy (a menu to choose it), the engines' status and the document-wide commands. */
export function Header(props: HeaderProps) {
  const { notebook, session } = usePlayground();
  const text = (block: 'DESCRIBE' | 'CONFIG', key: string) => {
    const value = documentProperty(notebook, block, key);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  };
  const title = () => documentTitle(notebook);
  return (
    <header class="app-header">
      <div class="brand">
        <h1 data-testid="document-title">{title()}</h1>
        <Show when={text('DESCRIBE', 'version')}>{(version) => <span class="version" data-testid="document-version">v{version()}</span>}</Show>
        <PolicyMenu />
      </div>
      <div class="engines" aria-label="Engines">
        <EngineStatusBadge host={session.hosts.python} />
        <EngineStatusBadge host={session.hosts.javascript} />
      </div>
      <div class="toolbar" role="toolbar" aria-label="Document">
        <button type="button" class="primary" data-testid="run-all" aria-keyshortcuts="Control+Shift+Enter" title="Run all (Ctrl/Cmd+Shift+Enter)" onClick={() => void session.runAll()}>
          ▶▶ Run all
        </button>
        <button type="button" data-testid="stop" disabled={!props.busy} onClick={() => void session.stop()} aria-keyshortcuts="Escape" title="Stop (Esc)">
          ■ Stop
        </button>
        <FileMenu />
        <ExamplesMenu />
        <ShareButton />
        <button type="button" aria-pressed={props.panelOpen} data-testid="toggle-panel" onClick={() => { props.onTogglePanel(); }} title="Variables, audit log and performance">
          Panels
        </button>
        <button
          type="button"
          class="icon"
          data-testid="theme-toggle"
          aria-label={props.theme.current() === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
          title="Switch theme"
          onClick={() => { props.theme.toggle(); }}
        >
          {props.theme.current() === 'dark' ? '☀' : '☾'}
        </button>
        <button type="button" class="icon" data-testid="show-keys" aria-label="Keyboard shortcuts" aria-keyshortcuts="F1" title="Keyboard shortcuts (F1)" onClick={() => { props.onShowKeys(); }}>
          ?
        </button>
      </div>
    </header>
  );
}
