/**
 * Marks the lines where the cell's last run failed: a background on the line, a marker in the
 * line-number gutter, and a title that assistive technology reads with the line.
 */
import { RangeSet, StateEffect, StateField, type EditorState, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, gutterLineClass, type DecorationSet } from '@codemirror/view';

class ErrorGutterMarker extends GutterMarker {
  override elementClass = 'cm-error-gutter';
}
const gutterMarker = new ErrorGutterMarker();

/** Replaces the marked lines with these 1-based line numbers; lines past the end are ignored. */
export const setErrorLines = StateEffect.define<readonly number[]>();

interface ErrorMarks {
  readonly lines: DecorationSet;
  readonly gutter: RangeSet<GutterMarker>;
}

function marksFor(state: EditorState, lineNumbers: readonly number[]): ErrorMarks {
  const lines: Range<Decoration>[] = [];
  const gutter: Range<GutterMarker>[] = [];
  for (const number of lineNumbers) {
    if (!Number.isInteger(number) || number < 1 || number > state.doc.lines) continue;
    const start = state.doc.line(number).from;
    const decoration = Decoration.line({ class: 'cm-error-line', attributes: { title: `Line ${number}: the last run failed here` } });
    lines.push(decoration.range(start));
    gutter.push(gutterMarker.range(start));
  }
  return { lines: Decoration.set(lines, true), gutter: RangeSet.of(gutter, true) };
}

const errorMarks = StateField.define<ErrorMarks>({
  create: () => ({ lines: Decoration.none, gutter: RangeSet.of<GutterMarker>([]) }),
  update(marks, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(setErrorLines)) return marksFor(transaction.state, effect.value);
    }
    // Edits before the next run move the marks along with their lines.
    if (!transaction.docChanged) return marks;
    return { lines: marks.lines.map(transaction.changes), gutter: marks.gutter.map(transaction.changes) };
  },
  provide: (field) => [EditorView.decorations.from(field, (marks) => marks.lines), gutterLineClass.from(field, (marks) => marks.gutter)],
});

/** The error-line marks, starting with the given lines. */
export function errorLines(initial: readonly number[]): Extension {
  return errorMarks.init((state) => marksFor(state, initial));
}

