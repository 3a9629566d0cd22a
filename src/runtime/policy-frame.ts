/**
 * A policy frame (see worker-factories.ts): a hidden `<iframe>` with no `src`, whose first
 * document exists at once, is same-origin with the page and inherits the page's policy, its
 * cross-origin isolation and its service worker. A `<meta>` put into its head adds a policy of
 * its own; a worker made by the frame's `Worker` constructor belongs to the frame, takes both
 * policies, and dies with the frame.
 */

/** Marks the policy frames in the page, with the engine and tier each serves. */
export const POLICY_FRAME_ATTRIBUTE = 'data-engine-policy';

export interface PolicyFrame {
  /** The frame's own `Worker` constructor: the same interface, in the frame's realm. */
  readonly Worker: typeof Worker;
  /** Takes the frame out of the page, which ends every worker it made. */
  remove(): void;
}

/** Adds a hidden frame whose document carries `policy` besides the page's own. */
export function createPolicyFrame(policy: string, label: string): PolicyFrame {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.tabIndex = -1;
  frame.title = `${label} engine policy`;
  frame.setAttribute('aria-hidden', 'true');
  frame.setAttribute(POLICY_FRAME_ATTRIBUTE, label);
  document.body.append(frame);
  try {
    const frameDocument = frame.contentDocument;
    const frameWindow = frame.contentWindow;
    if (frameDocument === null || frameWindow === null) throw new Error('the engine policy frame has no document');
    const meta = frameDocument.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = policy;
    frameDocument.head.append(meta);
    const constructor: unknown = Reflect.get(frameWindow, 'Worker');
    if (typeof constructor !== 'function') throw new Error('the engine policy frame has no Worker constructor');
    return {
      // The frame's own Worker, the same interface in another realm.
      Worker: constructor as typeof Worker,
      remove: () => {
        frame.remove();
      },
    };
  } catch (error) {
    frame.remove();
    throw error;
  }
}
