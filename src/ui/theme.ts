/**
 * The colour theme: it follows `prefers-color-scheme` until the user picks one with the
 * toggle; the pick is remembered. The stylesheet reads `data-theme` on <html>.
 */
import { createSignal, type Accessor } from 'solid-js';

export type ThemeName = 'light' | 'dark';

const STORAGE_KEY = 'tars-playground-theme';

export interface Theme {
  /** The theme showing now. */
  readonly current: Accessor<ThemeName>;
  /** Switches to the other theme and remembers the choice. */
  toggle(): void;
}

function savedTheme(): ThemeName | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'light' || saved === 'dark' ? saved : null;
  } catch {
    // Storage can be denied (private modes, sandboxed embeds); the system theme still works.
    return null;
  }
}

export function createTheme(root: HTMLElement = document.documentElement): Theme {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const [chosen, setChosen] = createSignal<ThemeName | null>(savedTheme());
  const [system, setSystem] = createSignal<ThemeName>(query.matches ? 'dark' : 'light');
  query.addEventListener('change', (event) => setSystem(event.matches ? 'dark' : 'light'));
  const current = () => chosen() ?? system();
  const apply = (name: ThemeName) => {
    root.dataset.theme = name;
  };
  apply(current());
  return {
    current,
    toggle() {
      const next: ThemeName = current() === 'dark' ? 'light' : 'dark';
      setChosen(next);
      apply(next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembered, but still applied.
      }
    },
  };
}
