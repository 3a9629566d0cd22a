import { describe, expect, it } from 'vitest';
import { fileNameFor } from '../../../src/share/download';

describe('fileNameFor', () => {
  it('lower-cases the title and joins its words with dashes', () => {
    expect(fileNameFor('Orbit Simulation', 'tars')).toBe('orbit-simulation.tars');
    expect(fileNameFor('Orbit Simulation', 'md')).toBe('orbit-simulation.md');
    expect(fileNameFor('Version 2 of 3', 'tars')).toBe('version-2-of-3.tars');
  });

  it('strips accents rather than dropping the letters', () => {
    expect(fileNameFor('Crème Brûlée à la Façon', 'tars')).toBe('creme-brulee-a-la-facon.tars');
    expect(fileNameFor('Ångström Ñandú', 'md')).toBe('angstrom-nandu.md');
  });

  it('turns every run of punctuation and spaces into one dash, with none at either end', () => {
    expect(fileNameFor('Hello, World! (v2)', 'tars')).toBe('hello-world-v2.tars');
    expect(fileNameFor('  --a / b ** c--  ', 'tars')).toBe('a-b-c.tars');
    expect(fileNameFor('snake_case.name', 'tars')).toBe('snake-case-name.tars');
  });

  it('falls back to "metascript" when nothing of the title is left', () => {
    expect(fileNameFor('', 'tars')).toBe('metascript.tars');
    expect(fileNameFor('   ', 'tars')).toBe('metascript.tars');
    expect(fileNameFor('!!! ???', 'md')).toBe('metascript.md');
    expect(fileNameFor('日本語', 'tars')).toBe('metascript.tars');
  });

  it('caps the name at 60 characters before the extension', () => {
    expect(fileNameFor('a'.repeat(100), 'tars')).toBe(`${'a'.repeat(60)}.tars`);
    const long = fileNameFor('Notes on the orbital mechanics of small satellites around the moons of Jupiter', 'md');
    expect(long).toBe('notes-on-the-orbital-mechanics-of-small-satellites-around-th.md');
    expect(long.length - '.md'.length).toBe(60);
  });

  it('does not end the name in a dash when the cap falls just after one', () => {
    expect(fileNameFor(`${'a'.repeat(59)} b`, 'tars')).toBe(`${'a'.repeat(59)}.tars`);
    expect(fileNameFor(`${'a'.repeat(59)} !! b`, 'tars')).toBe(`${'a'.repeat(59)}.tars`);
    expect(fileNameFor('The quick brown fox jumps over the lazy dog, again and again and again', 'md')).toBe('the-quick-brown-fox-jumps-over-the-lazy-dog-again-and-again.md');
  });
});
