/**
 * Builds one cell's CodeMirror view. This module, and CodeMirror with it, is loaded by a
 * dynamic import, so the page paints and becomes usable before any of it has downloaded.
 */
import type { LanguageSupport } from '@codemirror/language';
import { Annotation, Compartment, EditorSelection, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { replacementBetween } from './doc-replacement';
import { errorLines, setErrorLines } from './error-line-field';
import { editingExtensions, runKeymap, type RunKeys } from './setup';

/** Everything a new view starts from. */
export interface CodeViewOptions extends RunKeys {
  /** The element the view is appended to. */
  readonly parent: HTMLElement;
  readonly doc: string;
  /** The selection to start with, in UTF-16 offsets (taken over from the stand-in text area). */
  readonly selection: { readonly anchor: number; readonly head: number };
  readonly language: LanguageSupport | null;
  readonly ariaLabel: string;
  readonly errorLines: readonly number[];
  /** Called with the whole text after each edit made in the view (never for `setDoc`). */
  onChange(code: string): void;
}

/** A mounted view, seen through the few operations the component needs. */
export interface CodeView {
  /** The view's outermost element. */
  readonly dom: HTMLElement;
  focus(): void;
  /** Makes the text equal to `code`, replacing only what differs; a no-op when it already is. */
  setDoc(code: string): void;
  setLanguage(language: LanguageSupport | null): void;
  setAriaLabel(label: string): void;
  /** Marks these 1-based lines as failing, replacing the marks of the previous run. */
  setErrorLines(lines: readonly number[]): void;
  destroy(): void;
}

// Marks transactions that bring in text from outside, so they are not reported back as edits.
const fromOutside = Annotation.define<true>();

const contentLabel = (label: string): Extension => EditorView.contentAttributes.of({ 'aria-label': label });

function clamp(offset: number, length: number): number {
  return Math.min(Math.max(0, offset), length);
}

/** Creates a cell's view inside `options.parent`. */
export function createCodeView(options: CodeViewOptions): CodeView {
  const language = new Compartment();
  const label = new Compartment();
  // The text last reported or set: the store echoing an edit back is recognised without
  // serialising the document again.
  let known = options.doc;
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      selection: EditorSelection.single(clamp(options.selection.anchor, options.doc.length), clamp(options.selection.head, options.doc.length)),
      extensions: [
        runKeymap(options),
        editingExtensions(),
        language.of(options.language ?? []),
        label.of(contentLabel(options.ariaLabel)),
        errorLines(options.errorLines),
        EditorView.updateListener.of((update) => {
          if (!update.transactions.some((transaction) => transaction.docChanged && transaction.annotation(fromOutside) !== true)) return;
          known = update.state.doc.toString();
          options.onChange(known);
        }),
      ],
    }),
  });
  let shownLines: readonly number[] = options.errorLines;
  let shownLabel = options.ariaLabel;
  return {
    dom: view.dom,
    focus() {
      view.focus();
    },
    setDoc(code) {
      if (code === known) return;
      known = code;
      const change = replacementBetween(view.state.doc.toString(), code);
      if (change) view.dispatch({ changes: change, annotations: fromOutside.of(true) });
    },
    setLanguage(support) {
      view.dispatch({ effects: language.reconfigure(support ?? []) });
    },
    setAriaLabel(text) {
      if (text === shownLabel) return;
      shownLabel = text;
      view.dispatch({ effects: label.reconfigure(contentLabel(text)) });
    },
    setErrorLines(lines) {
      // Every run sets its cell's errors, mostly to none again; a dispatch makes the view read
      // the DOM selection back, which costs milliseconds, so an unchanged set sends none.
      if (lines.length === shownLines.length && lines.every((line, index) => line === shownLines[index])) return;
      shownLines = [...lines];
      view.dispatch({ effects: setErrorLines.of(lines) });
    },
    destroy() {
      view.destroy();
    },
  };
}
