/**
 * Opening a share link: the page's `#v1/…` hash becomes the document, untrusted, so that
 * nothing in it runs before the user has read it. A link that cannot be read leaves the
 * current document as it is and says why.
 */
import { decodeShareHash } from './share-link';

export type LinkOutcome = { readonly kind: 'none' } | { readonly kind: 'document'; readonly text: string } | { readonly kind: 'error'; readonly message: string };

/** What a page hash holds: nothing for the playground, a document, or a link that cannot be read. */
export async function readShareHash(hash: string): Promise<LinkOutcome> {
  if (!/^#?v\d+\//.test(hash)) return { kind: 'none' };
  const decoded = await decodeShareHash(hash);
  return decoded.ok ? { kind: 'document', text: decoded.text } : { kind: 'error', message: `The share link could not be opened: ${decoded.error}. Your current document is unchanged.` };
}

/** Where an opened link's document goes, and where its error is shown. */
export interface LinkTarget {
  load(text: string, options: { trusted: boolean }): void;
  showError(message: string | null): void;
}

/**
 * Opens the hash now and whenever it changes to another link (a link pasted into this tab).
 * Resolves once the hash the page started with has been opened (or refused). Reading a link
 * takes a moment, so only the latest hash is acted on: a link overtaken by another is dropped.
 */
export function openShareLinks(target: LinkTarget, location: Pick<Location, 'hash'>, events: { addEventListener(type: 'hashchange', listener: () => void): void }): Promise<void> {
  let latest = 0;
  const open = async () => {
    const turn = ++latest;
    const outcome = await readShareHash(location.hash);
    if (turn !== latest) return;
    if (outcome.kind === 'document') {
      target.showError(null);
      target.load(outcome.text, { trusted: false });
    } else if (outcome.kind === 'error') {
      target.showError(outcome.message);
    }
  };
  events.addEventListener('hashchange', () => void open());
  return open();
}
