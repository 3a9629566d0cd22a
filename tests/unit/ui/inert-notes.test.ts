import { describe, expect, it } from 'vitest';
import type { PropertyBlock, RawBlock } from '../../../src/metascript/types';
import { inertNote, propertyBlockNote, showsPropertyBlock, verbatimKeys, warningText } from '../../../src/ui/inert/inert-notes';

const fsharp: RawBlock = { type: 'raw', kind: 'FSHARP', name: 'build', text: 'FSHARP build {\n    let x = 1\n}' };

const action = (extra: Partial<PropertyBlock>): PropertyBlock => ({
  type: 'properties',
  kind: 'ACTION',
  name: null,
  properties: [{ key: 'type', value: 'log' }],
  raw: null,
  ...extra,
});

describe('inertNote', () => {
  it('says why a block of the strict reader does not run', () => {
    expect(inertNote(fsharp)).toBe('FSHARP blocks do not run in the playground; kept as written');
  });

  it("uses the lenient reader's note when there is one", () => {
    const block: RawBlock = { ...fsharp, inert: { language: 'fsharp', note: 'F# does not run in the browser; kept as written', warning: null } };
    expect(inertNote(block)).toBe('F# does not run in the browser; kept as written');
  });
});

describe('warningText', () => {
  it('names the error and where it is', () => {
    expect(warningText({ message: 'the ACTION block is never closed: missing }', line: 12, column: 5 })).toBe(
      'Not read as a block: the ACTION block is never closed: missing } (line 12, column 5)',
    );
  });
});

describe('property blocks', () => {
  it('stay hidden when read whole', () => {
    expect(showsPropertyBlock(action({}))).toBe(false);
    expect(showsPropertyBlock(action({ children: [] }))).toBe(false);
    expect(showsPropertyBlock(action({ raw: 'ACTION {\n  type: "log"\n}' }))).toBe(false);
  });

  it('show when a value is kept as written, and list those values in order', () => {
    const block = action({
      properties: [
        { key: 'start', value: 'Date.now()', verbatim: true },
        { key: 'type', value: 'log' },
        { key: 'id', value: '"run_" + new Date().getTime()', verbatim: true },
      ],
    });
    expect(showsPropertyBlock(block)).toBe(true);
    expect(verbatimKeys(block)).toEqual(['start', 'id']);
    expect(propertyBlockNote(block)).toBe('ACTION block: values marked as written are kept as text');
  });

  it('show when blocks are written inside them, naming each kind once', () => {
    const block = action({ children: [fsharp, { type: 'trivia', text: '\n' }, { ...fsharp, name: null }, { type: 'code', kind: 'PYTHON', name: null, code: '' }] });
    expect(showsPropertyBlock(block)).toBe(true);
    expect(verbatimKeys(block)).toEqual([]);
    expect(propertyBlockNote(block)).toBe('ACTION block: the FSHARP, PYTHON blocks inside it kept as written');
    expect(propertyBlockNote(action({ children: [fsharp] }))).toBe('ACTION block: the FSHARP block inside it kept as written');
  });

  it('say both when both apply', () => {
    const block = action({ properties: [{ key: 'content', value: '|\n    line one', verbatim: true }], children: [fsharp] });
    expect(propertyBlockNote(block)).toBe('ACTION block: values marked as written are kept as text; the FSHARP block inside it kept as written');
  });
});
