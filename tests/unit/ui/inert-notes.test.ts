import { describe, expect, it } from 'vitest';
import type { PropertyBlock, RawBlock } from '../../../src/metascript/types';
import { inertNote, propertyBlockNote, showsPropertyBlock, verbatimKeys, warningText } from '../../../src/ui/inert/inert-notes';

const fsharp: RawBlock = { type: 'raw', kind: 'FSHARP', name: 'build', text: 'FSHARP build {\n    let x = 1\n}' };

const config = (extra: Partial<PropertyBlock>): PropertyBlock => ({
  type: 'properties',
  kind: 'CONFIG',
  name: null,
  properties: [{ key: 'security', value: 'standard' }],
  raw: null,
  ...extra,
});

const action = (extra: Partial<PropertyBlock>): PropertyBlock => config({ kind: 'ACTION', properties: [{ key: 'type', value: 'log' }], ...extra });

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
  it('stay hidden when settings read whole', () => {
    expect(showsPropertyBlock(config({}))).toBe(false);
    expect(showsPropertyBlock(config({ children: [] }))).toBe(false);
    expect(showsPropertyBlock(config({ raw: 'CONFIG {\n  security: "standard"\n}' }))).toBe(false);
  });

  it('show when they are TARS DSL steps, which run with the cells', () => {
    expect(showsPropertyBlock(action({}))).toBe(true);
    expect(showsPropertyBlock(config({ kind: 'VARIABLE', name: 'x', properties: [{ key: 'value', value: 1 }] }))).toBe(true);
    expect(propertyBlockNote(action({}))).toBe('TARS DSL: runs in order with the cells');
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
    expect(propertyBlockNote(block)).toBe('TARS DSL: runs in order with the cells; values marked as written are kept as text');
    expect(propertyBlockNote(config({ properties: block.properties }))).toBe('CONFIG block: values marked as written are kept as text');
  });

  it('show when blocks are written inside them, naming each kind once', () => {
    const block = action({ children: [fsharp, { type: 'trivia', text: '\n' }, { ...fsharp, name: null }, { type: 'code', kind: 'PYTHON', name: null, code: '' }] });
    expect(showsPropertyBlock(block)).toBe(true);
    expect(verbatimKeys(block)).toEqual([]);
    expect(propertyBlockNote(block)).toBe('TARS DSL: runs in order with the cells; the FSHARP, PYTHON blocks inside it kept as written');
    expect(propertyBlockNote(config({ children: [fsharp] }))).toBe('CONFIG block: the FSHARP block inside it kept as written');
  });

  it('say both when both apply', () => {
    const block = action({ properties: [{ key: 'content', value: '|\n    line one', verbatim: true }], children: [fsharp] });
    expect(propertyBlockNote(block)).toBe('TARS DSL: runs in order with the cells; values marked as written are kept as text; the FSHARP block inside it kept as written');
  });
});
