import { onCleanup, type Accessor } from 'solid-js';

export interface MenuDismissalOptions {
  /** The element that holds the menu's toggle and its items. */
  readonly root: () => HTMLElement | undefined;
  readonly isOpen: Accessor<boolean>;
  readonly close: () => void;
  /** Where Escape puts the focus back: the menu's toggle. */
  readonly toggle: () => HTMLElement | null | undefined;
}

/**
 * How the header's menus close, the same way for each: when the focus leaves the menu, on
 * Escape (which gives the focus back to the toggle and goes no further), and when the menu goes.
 */
export function menuDismissal({ root, isOpen, close, toggle }: MenuDismissalOptions): { onFocusOut: (event: FocusEvent) => void; onKeyDown: (event: KeyboardEvent) => void } {
  onCleanup(close);
  return {
    onFocusOut: (event) => {
      if (!(event.relatedTarget instanceof Node) || !root()?.contains(event.relatedTarget)) close();
    },
    onKeyDown: (event) => {
      if (event.key === 'Escape' && isOpen()) {
        event.stopPropagation();
        close();
        toggle()?.focus();
      }
    },
  };
}
