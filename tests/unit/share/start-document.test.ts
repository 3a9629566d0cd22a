import { describe, expect, it } from 'vitest';
import { addressWithoutDocument, planStart } from '../../../src/share/start-document';

const ORIGIN = 'https://play.example';
const PAGE = `${ORIGIN}/app/`;
const BASE = '/app/';

describe('planStart', () => {
  it('asks for nothing when the address names no document', () => {
    expect(planStart(PAGE, BASE)).toEqual({ kind: 'none' });
    expect(planStart(`${PAGE}?lang=en#cells`, BASE)).toEqual({ kind: 'none' });
  });

  it('opens a share link in the hash before any parameter', () => {
    expect(planStart(`${PAGE}#v1/AAAA`, BASE)).toEqual({ kind: 'link' });
    expect(planStart(`${PAGE}?src=a.tars&example=hello#v2/AAAA`, BASE)).toEqual({ kind: 'link' });
  });

  it('does not take a hash that only looks like a version for a share link', () => {
    expect(planStart(`${PAGE}#v1`, BASE)).toEqual({ kind: 'none' });
    expect(planStart(`${PAGE}#version/1`, BASE)).toEqual({ kind: 'none' });
  });

  it('fetches a ?src file of this site, resolved against the page, labelled with its file name', () => {
    expect(planStart(`${PAGE}?src=docs/intro.tars`, BASE)).toEqual({
      kind: 'fetch',
      url: `${ORIGIN}/app/docs/intro.tars`,
      label: 'intro.tars',
      markdown: false,
    });
    expect(planStart(`${PAGE}?src=/shared/notes.tars`, BASE)).toMatchObject({ kind: 'fetch', url: `${ORIGIN}/shared/notes.tars` });
    expect(planStart(`${PAGE}?src=${encodeURIComponent(`${ORIGIN}/x.tars`)}`, BASE)).toMatchObject({ kind: 'fetch', url: `${ORIGIN}/x.tars` });
  });

  it('marks .md, .markdown and .meta files, in any case, for Markdown import', () => {
    for (const name of ['a.md', 'a.markdown', 'a.meta', 'A.MD']) {
      expect(planStart(`${PAGE}?src=${name}`, BASE), name).toMatchObject({ kind: 'fetch', markdown: true });
    }
    for (const name of ['a.tars', 'a.txt', 'a.md.tars']) {
      expect(planStart(`${PAGE}?src=${name}`, BASE), name).toMatchObject({ kind: 'fetch', markdown: false });
    }
  });

  it('decodes the label, and keeps a name that does not decode as it is', () => {
    expect(planStart(`${PAGE}?src=my%2520notes.tars`, BASE)).toMatchObject({ label: 'my notes.tars' });
    expect(planStart(`${PAGE}?src=bad%25E0.tars`, BASE)).toMatchObject({ label: 'bad%E0.tars' });
  });

  it('labels a path that ends in a folder with the whole path', () => {
    expect(planStart(`${PAGE}?src=/docs/`, BASE)).toMatchObject({ kind: 'fetch', label: '/docs/' });
  });

  it('refuses a ?src that names no file', () => {
    expect(planStart(`${PAGE}?src=`, BASE)).toEqual({ kind: 'refused', message: 'The file in ?src= was not opened: it names no file.' });
    expect(planStart(`${PAGE}?src=%20%20`, BASE)).toEqual({ kind: 'refused', message: 'The file in ?src=   was not opened: it names no file.' });
  });

  it('refuses a ?src that is not a valid path', () => {
    expect(planStart(`${PAGE}?src=${encodeURIComponent('http://[')}`, BASE)).toEqual({
      kind: 'refused',
      message: 'The file in ?src=http://[ was not opened: it is not a valid path.',
    });
  });

  it('refuses files from other sites, and non-web addresses, naming the one site it accepts', () => {
    for (const src of ['https://evil.example/x.tars', '//evil.example/x.tars', 'http://play.example/x.tars', 'https://play.example:8443/x.tars', 'javascript:alert(1)', 'data:text/plain,PYTHON']) {
      const plan = planStart(`${PAGE}?src=${encodeURIComponent(src)}`, BASE);
      expect(plan.kind, src).toBe('refused');
      expect(plan.kind === 'refused' ? plan.message : '', src).toBe(
        `The file in ?src=${src} was not opened: only files from this site (${ORIGIN}) can be opened this way; download the file and open it with File ▸ Open file… instead.`,
      );
    }
  });

  it('prefers ?src to ?example', () => {
    expect(planStart(`${PAGE}?example=hello&src=a.tars`, BASE)).toMatchObject({ kind: 'fetch', label: 'a.tars' });
  });

  it('fetches an example from the examples folder under the base path, trusted as .tars', () => {
    expect(planStart(`${PAGE}?example=orbit-2_b`, BASE)).toEqual({
      kind: 'fetch',
      url: `${ORIGIN}/app/examples/orbit-2_b.tars`,
      label: 'the example “orbit-2_b”',
      markdown: false,
    });
    expect(planStart(`${ORIGIN}/elsewhere/page?example=orbit`, '/playground/')).toMatchObject({ url: `${ORIGIN}/playground/examples/orbit.tars` });
  });

  it('refuses an example name that could leave the examples folder, or is empty', () => {
    expect(planStart(`${PAGE}?example=../secret`, BASE)).toEqual({ kind: 'refused', message: 'There is no example called “../secret”.' });
    expect(planStart(`${PAGE}?example=a.tars`, BASE)).toEqual({ kind: 'refused', message: 'There is no example called “a.tars”.' });
    expect(planStart(`${PAGE}?example=`, BASE)).toEqual({ kind: 'refused', message: 'There is no example called “”.' });
  });
});

describe('addressWithoutDocument', () => {
  it('drops src and example but keeps the other parameters and a plain hash', () => {
    expect(addressWithoutDocument(`${PAGE}?lang=en&src=a.tars&theme=dark#cells`)).toBe(`${PAGE}?lang=en&theme=dark#cells`);
    expect(addressWithoutDocument(`${PAGE}?example=orbit&lang=en`)).toBe(`${PAGE}?lang=en`);
  });

  it('leaves no bare ? behind when the document was the only parameter', () => {
    expect(addressWithoutDocument(`${PAGE}?example=orbit`)).toBe(PAGE);
    expect(addressWithoutDocument(`${PAGE}?src=a.tars&example=orbit`)).toBe(PAGE);
  });

  it('drops a share link without leaving a bare # behind', () => {
    expect(addressWithoutDocument(`${PAGE}#v1/AAAA`)).toBe(PAGE);
    expect(addressWithoutDocument(`${PAGE}?lang=en#v1/AAAA`)).toBe(`${PAGE}?lang=en`);
  });

  it('leaves an address that names no document as it is', () => {
    expect(addressWithoutDocument(PAGE)).toBe(PAGE);
    expect(addressWithoutDocument(`${PAGE}?lang=en#notes`)).toBe(`${PAGE}?lang=en#notes`);
  });
});
