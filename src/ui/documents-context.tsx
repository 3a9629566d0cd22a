import { createContext, useContext, type ParentProps } from 'solid-js';
import type { Autosave } from '../share/autosave';
import type { DocumentStore } from '../share/document-store';

export interface DocumentsContextValue {
  /** Where documents are kept; it never rejects (fallback-store.ts). */
  readonly store: DocumentStore;
  /** Saves the open document and reopens saved ones under their own id. */
  readonly autosave: Autosave;
}

const DocumentsContext = createContext<DocumentsContextValue>();

export function DocumentsProvider(props: ParentProps<{ value: DocumentsContextValue }>) {
  // The value is fixed for the page's life, so reading it once is intended.
  // eslint-disable-next-line solid/reactivity
  return <DocumentsContext.Provider value={props.value}>{props.children}</DocumentsContext.Provider>;
}

/** The saved documents of the page; throws when used outside DocumentsProvider. */
export function useDocuments(): DocumentsContextValue {
  const value = useContext(DocumentsContext);
  if (!value) throw new Error('useDocuments() needs a <DocumentsProvider> above it');
  return value;
}
