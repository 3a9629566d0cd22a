import type { LanguageSupport } from '@codemirror/language';
import { createEffect, createSignal, onCleanup, onMount, Show, untrack } from 'solid-js';
import type { CodeKind } from '../../metascript/types';
import type { CodeView, createCodeView } from './create-view';
import { registerCellEditor } from './focus';
import { loadLanguage } from './languages';
import { whenNearViewport } from './near-viewport';
import './editor.css';

/** A cell's code editor; the cell's store is the single source of the text. */
export interface CodeEditorProps {
  /** The cell, for `focusCellEditor`. */
  readonly cellId: string;
  /** Chooses the highlighting; changing it switches the language in place. */
  readonly kind: CodeKind;
  /** The cell's code; a value that differs from the editor's text replaces it. */
  readonly code: string;
  /** What screen readers announce for the code area. */
  readonly ariaLabel: string;
  /** 1-based lines where the last run failed. */
  readonly errorLines: readonly number[];
  /** Called with the whole text after every edit. */
  readonly onChange: (code: string) => void;
  /** Ctrl/Cmd+Enter. */
  readonly onRun: () => void;
  /** Shift+Enter. */
  readonly onRunAndAdvance: () => void;
}

/**
 * CodeMirror for one cell. A plain text area stands in for it until CodeMirror has loaded and
 * the cell has come near the viewport or taken the focus, so a long document opens at once;
 * the editor then takes over the stand-in's text, selection and focus, and is kept from then on.
 */
export function CodeEditor(props: CodeEditorProps) {
  let root!: HTMLDivElement;
  let viewHost!: HTMLDivElement;
  let standIn: HTMLTextAreaElement | undefined;
  const [view, setView] = createSignal<CodeView>();
  let requested = false;
  let disposed = false;
  // The kind whose language the view shows, or is loading.
  let shownKind: CodeKind | null = null;

  // Bound once and handed to the view, which calls them long after this component ran.
  const handlers = {
    onChange: (code: string) => {
      props.onChange(code);
    },
    run: () => {
      props.onRun();
    },
    runAndAdvance: () => {
      props.onRunAndAdvance();
    },
  };

  const takeOver = (create: typeof createCodeView, kind: CodeKind, language: LanguageSupport | null) => {
    if (disposed) return;
    const area = standIn;
    const focused = area !== undefined && document.activeElement === area;
    const start = area?.selectionStart ?? 0;
    const end = area?.selectionEnd ?? 0;
    // The label, error lines and any newer code or kind arrive through the effects below,
    // which run as soon as the view is set.
    const created = create({
      parent: viewHost,
      doc: area?.value ?? '',
      selection: area?.selectionDirection === 'backward' ? { anchor: end, head: start } : { anchor: start, head: end },
      language,
      ariaLabel: '',
      errorLines: [],
      ...handlers,
    });
    shownKind = kind;
    if (focused) created.focus();
    standIn = undefined;
    setView(created);
  };

  const upgrade = () => {
    if (requested) return;
    requested = true;
    // A snapshot: a kind that changes while the language loads is caught up by an effect below.
    const kind = untrack(() => props.kind);
    Promise.all([import('./create-view'), loadLanguage(kind)]).then(
      ([module, language]) => {
        takeOver(module.createCodeView, kind, language);
      },
      (error: unknown) => {
        // The text area keeps working; the next focus tries again.
        requested = false;
        console.warn('The code editor could not be loaded', error);
      },
    );
  };

  const switchLanguage = (target: CodeView, kind: CodeKind) => {
    shownKind = kind;
    void loadLanguage(kind).then((language) => {
      if (!disposed && shownKind === kind) target.setLanguage(language);
    });
  };

  // Each effect runs once when the view appears and again whenever its prop changes. The
  // store echoes every edit back as props.code; setDoc ignores text the view already has.
  createEffect(() => view()?.setDoc(props.code));
  createEffect(() => view()?.setErrorLines(props.errorLines));
  createEffect(() => view()?.setAriaLabel(props.ariaLabel));
  createEffect(() => {
    const current = view();
    if (current && props.kind !== shownKind) switchLanguage(current, props.kind);
  });

  onMount(() => {
    const stopWatching = whenNearViewport(root, upgrade);
    const unregister = registerCellEditor(props.cellId, {
      focus() {
        const current = view();
        // Focusing the stand-in starts the upgrade, which passes the focus on to the editor.
        if (current) current.focus();
        else standIn?.focus();
        root.scrollIntoView({ block: 'nearest' });
      },
    });
    onCleanup(() => {
      disposed = true;
      stopWatching();
      unregister();
      view()?.destroy();
    });
  });

  const onStandInKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    if (event.shiftKey) {
      event.preventDefault();
      props.onRunAndAdvance();
    } else if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      props.onRun();
    }
  };

  return (
    <div class="code-editor" ref={root}>
      <Show when={!view()}>
        <textarea
          ref={standIn}
          class="code"
          spellcheck={false}
          aria-label={props.ariaLabel}
          rows={Math.max(2, props.code.split('\n').length)}
          value={props.code}
          onInput={(event) => {
            props.onChange(event.currentTarget.value);
          }}
          onKeyDown={onStandInKeyDown}
          onFocus={upgrade}
        />
      </Show>
      {/* CodeMirror owns this element's children; Solid never renders into it. */}
      <div class="code-editor-view" ref={viewHost} />
    </div>
  );
}
