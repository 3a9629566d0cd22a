/**
 * Opening a share link: the page's `#v1/…` hash becomes the document, untrusted, so that
 * nothing in it runs before the user has read it. A link that cannot be read leaves the
 * current document as it is and says why.
 */
import { decodeShareHash } from './share-link';

export type LinkOutcome = { readonly kind: 'none' } | { readonly kind: 'document'; readonly text: string } | { readonly kind: 'error'; readonly message: string };

/** What a page hash holds: nothing for the playground, a document, or a link that cannot be read. */
export function readShareHash(hash: string): LinkOutcome {
  if (!/^#?v\d+\//.test(hash)) return { kind: 'none' };
  const decoded = decodeShareHash(hash);
  return decoded.ok ? { kind: 'document', text: decoded.text } : { kind: 'error', message: `The share link could not be opened: ${decoded.error}. Your current document is unchanged.` };
}

/** Where an opened link's document goes, and where its error is shown. */
export interface LinkTarget {
  load(text: string, options: { trusted: boolean }): boolean;
  showError(message: string | null): void;
}

/** Opens the hash now and whenever it changes to another link (a link pasted into this tab). */
export function openShareLinks(target: LinkTarget, location: Pick<Location, 'hash'>, events: { addEventListener(type: 'hashchange', listener: () => void): void }): void {
  const open = () => {
    const outcome = readShareHash(location.hash);
    if (outcome.kind === 'document') {
      target.showError(null);
      target.load(outcome.text, { trusted: false });
    } else if (outcome.kind === 'error') {
      target.showError(outcome.message);
    }
  };
  open();
  events.addEventListener('hashchange', open);
}
