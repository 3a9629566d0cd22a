/**
 * One IntersectionObserver for every cell: a cell's editor is built only when the cell comes
 * within a screenful or so of the viewport, so a long document opens with plain text areas.
 */

// Generous, so that the editor is usually ready before the cell scrolls into sight.
const ROOT_MARGIN = '1200px 0px';

const callbacks = new Map<Element, () => void>();
let observer: IntersectionObserver | null = null;

function sharedObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const callback = callbacks.get(entry.target);
        stopWatching(entry.target);
        callback?.();
      }
    },
    { rootMargin: ROOT_MARGIN },
  );
  return observer;
}

function stopWatching(element: Element): void {
  callbacks.delete(element);
  observer?.unobserve(element);
}

/** Calls `callback` once, when `element` first comes near the viewport. Returns a cancel function. */
export function whenNearViewport(element: Element, callback: () => void): () => void {
  callbacks.set(element, callback);
  sharedObserver().observe(element);
  return () => {
    stopWatching(element);
  };
}
