import { describe, expect, it } from 'vitest';
import { commandFor, KEY_BINDINGS, type KeyPress } from '../../../src/ui/key-bindings';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: extra.code ?? '',
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...extra,
});

describe('commandFor', () => {
  it('maps each documented key to its command', () => {
    expect(commandFor(press('Enter', { ctrlKey: true, shiftKey: true }), true)).toBe('run-all');
    expect(commandFor(press('Enter', { metaKey: true, shiftKey: true }), true)).toBe('run-all');
    expect(commandFor(press('Escape'), true)).toBe('stop');
    expect(commandFor(press('®', { code: 'KeyR', altKey: true, shiftKey: true }), true)).toBe('restart-engine');
    expect(commandFor(press('N', { code: 'KeyN', altKey: true, shiftKey: true }), true)).toBe('add-cell');
    expect(commandFor(press('D', { code: 'KeyD', altKey: true, shiftKey: true }), true)).toBe('delete-cell');
    expect(commandFor(press('ArrowUp', { ctrlKey: true, shiftKey: true }), true)).toBe('move-up');
    expect(commandFor(press('ArrowDown', { ctrlKey: true, shiftKey: true }), true)).toBe('move-down');
    expect(commandFor(press('F1'), true)).toBe('help');
  });

  it('leaves the editor its own keys', () => {
    expect(commandFor(press('Enter', { shiftKey: true }), true)).toBeNull();
    expect(commandFor(press('Enter', { ctrlKey: true }), true)).toBeNull();
    expect(commandFor(press('ArrowUp', { altKey: true, shiftKey: true }), true)).toBeNull();
    expect(commandFor(press('r', { code: 'KeyR', ctrlKey: true, shiftKey: true }), true)).toBeNull();
  });

  it('opens help with ? only when the key would not type into an editor', () => {
    expect(commandFor(press('?', { shiftKey: true }), false)).toBe('help');
    expect(commandFor(press('?', { shiftKey: true }), true)).toBeNull();
  });

  it('lists every command in the table the help overlay shows', () => {
    const listed = new Set(KEY_BINDINGS.map((binding) => binding.command));
    for (const command of ['run-all', 'stop', 'restart-engine', 'add-cell', 'delete-cell', 'move-up', 'move-down', 'help'] as const) {
      expect(listed.has(command)).toBe(true);
    }
  });
});
