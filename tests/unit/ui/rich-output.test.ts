import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NeutralObject } from '../../../src/engines/value';
import { base64OfText, imageUrl, pickForm } from '../../../src/ui/output/mime-type';
import { childrenOf, isNestedContainer, isRecordArray, parseJson, recordColumns } from '../../../src/ui/output/value-shape';
import { frameDocument, HEIGHT_MESSAGE, HTML_MESSAGE, htmlMessage, MAX_FRAME_HEIGHT, MIN_FRAME_HEIGHT, OUTPUT_FRAME_PATH, requestedHeight } from '../../../src/ui/output/frame-document';

describe('pickForm', () => {
  it('picks the richest form the view renders', () => {
    const bundle = { 'text/plain': 'x', 'application/json': '[]', 'image/png': 'AAAA', 'image/svg+xml': '<svg/>', 'text/html': '<b>x</b>' };
    expect(pickForm(bundle)).toEqual({ type: 'text/html', data: '<b>x</b>' });
    expect(pickForm({ 'text/plain': 'x', 'image/png': 'AAAA', 'image/svg+xml': '<svg/>' })?.type).toBe('image/svg+xml');
    expect(pickForm({ 'text/plain': 'x', 'image/png': 'AAAA' })?.type).toBe('image/png');
    expect(pickForm({ 'text/plain': 'x', 'application/json': '[]' })?.type).toBe('application/json');
    expect(pickForm({ 'text/markdown': '# x', 'text/plain': 'x', 'image/png': 'AAAA' })?.type).toBe('text/markdown');
    expect(pickForm({ 'text/markdown': '# x', 'text/html': '<h1>x</h1>' })?.type).toBe('text/html');
  });

  it('gives null for a bundle of forms it cannot render', () => {
    expect(pickForm({ 'application/x-unknown': 'x' })).toBeNull();
    expect(pickForm({})).toBeNull();
  });
});

describe('image URLs', () => {
  it('encode SVG text as UTF-8 base64 and keep base64 images as they are', () => {
    expect(base64OfText('<svg>é</svg>')).toBe(Buffer.from('<svg>é</svg>', 'utf8').toString('base64'));
    expect(imageUrl('image/svg+xml', '<svg/>')).toBe(`data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`);
    expect(imageUrl('image/png', 'iVBO\nRw==')).toBe('data:image/png;base64,iVBORw==');
  });
});

describe('value shapes', () => {
  it('finds arrays of records and the union of their keys, in the order first seen', () => {
    const records: NeutralObject[] = [{ name: 'Ada', year: 1815 }, { name: 'Alan', born: 'London' }];
    expect(isRecordArray(records)).toBe(true);
    expect(recordColumns(records)).toEqual(['name', 'year', 'born']);
    expect(isRecordArray([])).toBe(false);
    expect(isRecordArray([{ a: 1 }, [1]])).toBe(false);
    expect(isRecordArray([{ a: 1 }, new Map()])).toBe(false);
    expect(isRecordArray([new Date(0)])).toBe(false);
    expect(isRecordArray({ a: 1 })).toBe(false);
  });

  it('tells nested containers from flat ones and from leaves', () => {
    expect(isNestedContainer({ a: [1] })).toBe(true);
    expect(isNestedContainer([[1], 2])).toBe(true);
    expect(isNestedContainer(new Map([['k', new Set([1])]]))).toBe(true);
    expect(isNestedContainer([1, 2, 3])).toBe(false);
    expect(isNestedContainer({ a: 1 })).toBe(false);
    expect(isNestedContainer(new Float64Array(3))).toBe(false);
    expect(isNestedContainer('text')).toBe(false);
  });

  it('labels children by index or key, and Map keys as the labeller writes them', () => {
    const keyLabel = (key: unknown) => `<${String(key)}>`;
    expect(childrenOf(['x', 'y'], keyLabel)).toEqual([{ label: '0', value: 'x' }, { label: '1', value: 'y' }]);
    expect(childrenOf(new Map([[1, 'one']]), keyLabel)).toEqual([{ label: '<1>', value: 'one' }]);
    expect(childrenOf(new Set(['a']), keyLabel)).toEqual([{ label: '0', value: 'a' }]);
    expect(childrenOf({ k: null }, keyLabel)).toEqual([{ label: 'k', value: null }]);
    expect(childrenOf(5, keyLabel)).toEqual([]);
  });

  it('parses JSON text into neutral values and refuses what is not JSON', () => {
    expect(parseJson('{"a": [1, null]}')).toEqual({ a: [1, null] });
    expect(parseJson('{"__proto__": 1}')).toEqual(JSON.parse('{"__proto__": 1}'));
    expect(parseJson('{oops')).toBeUndefined();
  });
});

describe('the HTML frame', () => {
  it('runs the sizing script before the user HTML', () => {
    const document = frameDocument('<p>hello</p>');
    expect(document.indexOf('<script>')).toBeLessThan(document.indexOf('<p>hello</p>'));
    expect(document.endsWith('<p>hello</p>')).toBe(true);
  });

  it('takes only a finite height from its message, clamped', () => {
    expect(requestedHeight({ tarsOutputHeight: 120.2 })).toBe(121);
    expect(requestedHeight({ tarsOutputHeight: 1e9 })).toBe(MAX_FRAME_HEIGHT);
    expect(requestedHeight({ tarsOutputHeight: -5 })).toBe(MIN_FRAME_HEIGHT);
    expect(requestedHeight({ tarsOutputHeight: Number.NaN })).toBeNull();
    expect(requestedHeight({ tarsOutputHeight: '100' })).toBeNull();
    expect(requestedHeight('tarsOutputHeight')).toBeNull();
    expect(requestedHeight(null)).toBeNull();
  });

  it('posts the wrapped document to the frame page under the key the page reads', () => {
    expect(htmlMessage('<p>hello</p>')).toEqual({ [HTML_MESSAGE]: frameDocument('<p>hello</p>') });
  });
});

describe('the frame page (public/output-frame.html)', () => {
  const page = readFileSync(new URL(`../../../public/${OUTPUT_FRAME_PATH}`, import.meta.url), 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
  const directives = new Map(policy.split(';').map((directive) => {
    const [name = '', ...sources] = directive.trim().split(/\s+/);
    return [name, sources] as const;
  }));

  it('has a policy that allows inline script and style and data: images, and nothing remote', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'unsafe-inline'"]);
    expect(directives.get('style-src')).toEqual(["'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(['data:', 'blob:']);
    // No navigation of the output's frame, and no other origin, scheme wildcard or eval anywhere.
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    for (const [name, sources] of directives) {
      for (const source of sources) expect(source, `${name} ${source}`).toMatch(/^('none'|'unsafe-inline'|data:|blob:)$/);
    }
  });

  it('reads the messages the app sends and expects', () => {
    expect(page).toContain(`data.${HTML_MESSAGE}`);
    expect(page).toContain(`${HEIGHT_MESSAGE}: height`);
    expect(page).toContain(`setAttribute('sandbox', 'allow-scripts')`);
  });
});
