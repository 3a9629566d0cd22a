/**
 * The playground's keyboard commands: one table feeds both the key handler and the help
 * overlay, so the overlay can never list a key that does nothing. Running a cell (Shift+Enter,
 * Ctrl/Cmd+Enter) belongs to the editor and is listed here for the overlay only.
 */

export type Command = 'run-all' | 'stop' | 'restart-engine' | 'add-cell' | 'delete-cell' | 'move-up' | 'move-down' | 'help';

/** The parts of a keyboard event a binding looks at. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>;

export interface KeyBinding {
  /** What the keys do, or null for keys handled by the editor itself. */
  readonly command: Command | null;
  /** The keys as shown to people. */
  readonly keys: string;
  readonly description: string;
  /** Whether a key press is this binding; never true for editor-only rows. */
  readonly matches: (press: KeyPress) => boolean;
}

const mod = (press: KeyPress) => press.ctrlKey || press.metaKey;
/** Alt and Option change `key` on some layouts, so letters are matched by their physical `code`. */
const altShift = (press: KeyPress, code: string) => press.altKey && press.shiftKey && !mod(press) && press.code === code;
const editorOnly = () => false;

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { command: null, keys: 'Shift+Enter', description: 'Run the cell and move to the next one', matches: editorOnly },
  { command: null, keys: 'Ctrl/Cmd+Enter', description: 'Run the cell and stay in it', matches: editorOnly },
  {
    command: 'run-all',
    keys: 'Ctrl/Cmd+Shift+Enter',
    description: 'Run every cell in order',
    matches: (press) => press.key === 'Enter' && press.shiftKey && mod(press) && !press.altKey,
  },
  { command: 'stop', keys: 'Esc', description: 'Stop what is running', matches: (press) => press.key === 'Escape' },
  {
    command: 'restart-engine',
    keys: 'Alt+Shift+R',
    description: "Restart the current cell's engine (every started engine when no cell has focus); its variables are lost",
    matches: (press) => altShift(press, 'KeyR'),
  },
  { command: 'add-cell', keys: 'Alt+Shift+N', description: 'Add a cell of the same kind below', matches: (press) => altShift(press, 'KeyN') },
  { command: 'delete-cell', keys: 'Alt+Shift+D', description: 'Delete the cell (it can be undone)', matches: (press) => altShift(press, 'KeyD') },
  {
    command: 'move-up',
    keys: 'Ctrl+Shift+↑',
    description: 'Move the cell up',
    matches: (press) => press.key === 'ArrowUp' && press.ctrlKey && press.shiftKey && !press.altKey,
  },
  {
    command: 'move-down',
    keys: 'Ctrl+Shift+↓',
    description: 'Move the cell down',
    matches: (press) => press.key === 'ArrowDown' && press.ctrlKey && press.shiftKey && !press.altKey,
  },
  { command: 'help', keys: 'F1, or ? outside an editor', description: 'Show or hide this list', matches: (press) => press.key === 'F1' },
];

/** The command a key press stands for. `?` opens help only when it would not type a character. */
export function commandFor(press: KeyPress, typing: boolean): Command | null {
  if (!typing && press.key === '?' && !mod(press) && !press.altKey) return 'help';
  return KEY_BINDINGS.find((binding) => binding.matches(press))?.command ?? null;
}
