import { createContext, useContext, type Accessor, type ParentProps } from 'solid-js';
import type { Notebook } from '../runtime/notebook';
import type { Session } from '../runtime/session';

export interface PlaygroundContextValue {
  readonly notebook: Notebook;
  readonly session: Session;
  /** A message about something the page could not open (a broken share link), or null. */
  readonly notice: Accessor<string | null>;
  readonly setNotice: (message: string | null) => void;
}

const PlaygroundContext = createContext<PlaygroundContextValue>();

export function PlaygroundProvider(props: ParentProps<{ value: PlaygroundContextValue }>) {
  // The value is fixed for the page's life, so reading it once is intended.
  // eslint-disable-next-line solid/reactivity
  return <PlaygroundContext.Provider value={props.value}>{props.children}</PlaygroundContext.Provider>;
}

/** The notebook and session of the page; throws when used outside PlaygroundProvider. */
export function usePlayground(): PlaygroundContextValue {
  const value = useContext(PlaygroundContext);
  if (!value) throw new Error('usePlayground() needs a <PlaygroundProvider> above it');
  return value;
}
