import { createSignal, Show } from 'solid-js';
import { documentProperty } from '../runtime/document-settings';
import { downloadText, fileNameFor } from '../share/download';
import { LONG_LINK_CHARACTERS, shareUrl } from '../share/share-link';
import { usePlayground } from './playground-context';
import { menuDismissal } from './menu-dismissal';
import './ShareButton.css';

interface Shared {
  readonly link: string;
  /** Whether the link is on the clipboard; when the browser refuses, the user copies it by hand. */
  readonly copied: boolean;
}

/**
 * Share: copies a link that holds the whole document, shows how long it is, and for a long one
 * offers the `.tars` file as well, since chat and mail apps can cut long links short.
 */
export function ShareButton() {
  const { notebook } = usePlayground();
  const [shared, setShared] = createSignal<Shared | null>(null);
  let root: HTMLDivElement | undefined;

  const share = async () => {
    const link = shareUrl(notebook.text(), location.href);
    setShared({ link, copied: false });
    try {
      await navigator.clipboard.writeText(link);
      if (shared()?.link === link) setShared({ link, copied: true });
    } catch {
      // No clipboard permission: the link is selected in the field for a manual copy.
      root?.querySelector('input')?.select();
    }
  };
  const title = () => {
    const name = documentProperty(notebook, 'DESCRIBE', 'name');
    return typeof name === 'string' ? name : 'metascript';
  };
  const close = () => setShared(null);
  const { onFocusOut, onKeyDown } = menuDismissal({ root: () => root, isOpen: () => shared() !== null, close, toggle: () => root?.querySelector('button') });

  return (
    <div class="menu" ref={root} onFocusOut={onFocusOut} onKeyDown={onKeyDown}>
      <button type="button" data-testid="share" aria-expanded={shared() !== null} aria-controls="share-panel" title="Copy a link that holds this document" onClick={() => void share()}>
        Share
      </button>
      <Show when={shared()}>
        {(current) => (
          <div class="menu-list share-panel" id="share-panel" role="group" aria-label="Share link">
            <p class="menu-note" role="status" data-testid="share-status">
              {current().copied ? 'Link copied' : 'Copy this link'}: <span data-testid="share-length">{current().link.length.toLocaleString('en')}</span> characters.
              Whoever opens it reviews the code before anything runs.
            </p>
            <input class="share-link" readonly value={current().link} aria-label="Share link" data-testid="share-link" onFocus={(event) => { event.currentTarget.select(); }} />
            <Show when={current().link.length > LONG_LINK_CHARACTERS}>
              <p class="menu-note" data-testid="share-long">
                This link is long; some apps cut long links short. Send the file as well:
              </p>
              <button type="button" class="menu-item" data-testid="share-download" onClick={() => { downloadText(fileNameFor(title(), 'tars'), notebook.text()); }}>
                Download .tars
              </button>
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}
