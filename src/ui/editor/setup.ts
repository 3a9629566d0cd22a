/**
 * The editing behaviour every cell shares. Tab is deliberately left unbound, so that keyboard
 * users can Tab out of a cell; indentation comes from Enter and from typing a closing token.
 */
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, indentOnInput, indentUnit } from '@codemirror/language';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { drawSelection, keymap, lineNumbers } from '@codemirror/view';
import { syntaxColours } from './highlight';

/** What the run keys do in a cell. */
export interface RunKeys {
  /** Shift+Enter: run the cell and move to the next one. */
  runAndAdvance(): void;
  /** Ctrl+Enter or Cmd+Enter: run the cell and stay in it. */
  run(): void;
}

/** The run keys, ahead of every other binding so that Enter's newline never wins. */
export function runKeymap(keys: RunKeys): Extension {
  return Prec.highest(
    keymap.of([
      {
        key: 'Shift-Enter',
        run: () => {
          keys.runAndAdvance();
          return true;
        },
      },
      {
        key: 'Mod-Enter',
        run: () => {
          keys.run();
          return true;
        },
      },
    ]),
  );
}

/** Line numbers, history, bracket handling, auto-indent and highlighting. */
export function editingExtensions(): Extension[] {
  return [
    lineNumbers(),
    history(),
    drawSelection(),
    bracketMatching(),
    closeBrackets(),
    indentOnInput(),
    // Four spaces, as Python expects and as the .tars format indents cell bodies.
    indentUnit.of('    '),
    EditorState.tabSize.of(4),
    syntaxColours,
    // Enter is insertNewlineAndIndent. No binding here takes Tab or stops a key's propagation,
    // so Esc still reaches the page's Stop handler.
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
  ];
}
