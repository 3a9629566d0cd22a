// The Markdown step and the playground's own URL and link policy, under Node. DOMPurify needs
// a real DOM, so what it removes (scripts, handlers, frames, javascript: links) is checked in
// the browser by tests/e2e/markdown.spec.ts.
import { describe, expect, it } from 'vitest';
import {
  BLOCKED_IMAGE_TITLE,
  hardenElement,
  isAllowedImageSource,
  MARKDOWN_ATTRIBUTES,
  MARKDOWN_TAGS,
  markdownToHtml,
  type PolicyElement,
} from '../../../src/ui/output/markdown-html';

const BASE = 'http://localhost:4173/tars/index.html';

/** A stand-in for a DOM element: a tag name and an attribute map. */
function element(tagName: string, attributes: Record<string, string> = {}): PolicyElement & { attributes: Map<string, string> } {
  const map = new Map(Object.entries(attributes));
  return {
    tagName: tagName.toUpperCase(),
    attributes: map,
    getAttribute: (name) => map.get(name) ?? null,
    setAttribute: (name, value) => void map.set(name, value),
    removeAttribute: (name) => void map.delete(name),
  };
}

describe('markdownToHtml', () => {
  it('renders headings, lists, emphasis and code', () => {
    const html = markdownToHtml('# Title\n\n## Part\n\n- one\n- **two**\n\n1. first\n\nSome `code`.');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<h2>Part</h2>');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li><strong>two<\/strong><\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>first<\/li>\s*<\/ol>/);
    expect(html).toContain('<code>code</code>');
  });

  it('renders GFM tables, strikethrough and task lists', () => {
    const html = markdownToHtml('| City | °C |\n| :-- | --: |\n| Reykjavik | 4.5 |\n\n~~old~~\n\n- [x] done');
    expect(html).toMatch(/<table>\s*<thead>\s*<tr>\s*<th align="left">City<\/th>\s*<th align="right">°C<\/th>/);
    expect(html).toMatch(/<td align="left">Reykjavik<\/td>\s*<td align="right">4.5<\/td>/);
    expect(html).toContain('<del>old</del>');
    expect(html).toMatch(/<li><input [^>]*type="checkbox"[^>]*> done<\/li>/);
  });

  it('keeps text that is not markup as text', () => {
    const html = markdownToHtml('Total: 3 < 5 & "quoted" it\'s 10 > 9');
    expect(html).toBe('<p>Total: 3 &lt; 5 &amp; &quot;quoted&quot; it&#39;s 10 &gt; 9</p>\n');
  });
});

describe('the sanitizer allowlist', () => {
  it('keeps no element or attribute that runs script, frames, forms, styles or fetches', () => {
    for (const tag of ['script', 'iframe', 'frame', 'object', 'embed', 'form', 'style', 'link', 'meta', 'svg', 'math', 'audio', 'video', 'source', 'picture', 'base', 'button', 'textarea', 'select']) {
      expect(MARKDOWN_TAGS).not.toContain(tag);
    }
    for (const attribute of ['style', 'srcset', 'class', 'id', 'name', 'action', 'formaction', 'poster', 'background', 'ping']) {
      expect(MARKDOWN_ATTRIBUTES).not.toContain(attribute);
    }
    expect(MARKDOWN_ATTRIBUTES.filter((attribute) => attribute.startsWith('on'))).toEqual([]);
  });
});

describe('isAllowedImageSource', () => {
  it('allows data:, blob: and URLs of this site', () => {
    expect(isAllowedImageSource('data:image/png;base64,AAAA', BASE)).toBe(true);
    expect(isAllowedImageSource('blob:http://localhost:4173/0b6e3a8e-8f3c-4b7b-9a77-5c4d6f2f1a10', BASE)).toBe(true);
    expect(isAllowedImageSource('chart.png', BASE)).toBe(true);
    expect(isAllowedImageSource('./img/chart.png', BASE)).toBe(true);
    expect(isAllowedImageSource('/chart.png', BASE)).toBe(true);
    expect(isAllowedImageSource('x', BASE)).toBe(true);
  });

  it('refuses other sites, however the URL is spelt', () => {
    expect(isAllowedImageSource('https://example.com/pixel.gif', BASE)).toBe(false);
    expect(isAllowedImageSource('http://localhost:9999/x.png', BASE)).toBe(false);
    expect(isAllowedImageSource('//example.com/pixel.gif', BASE)).toBe(false);
    expect(isAllowedImageSource('/\\example.com/pixel.gif', BASE)).toBe(false);
    expect(isAllowedImageSource('  https://example.com/pixel.gif', BASE)).toBe(false);
    expect(isAllowedImageSource('ftp://example.com/pixel.gif', BASE)).toBe(false);
    expect(isAllowedImageSource('http://[bad', BASE)).toBe(false);
  });
});

describe('hardenElement', () => {
  it('opens links in a new tab without a reference to this one', () => {
    const link = element('a', { href: 'https://example.com/' });
    expect(hardenElement(link, BASE)).toBe('keep');
    expect(Object.fromEntries(link.attributes)).toEqual({ href: 'https://example.com/', target: '_blank', rel: 'noopener noreferrer' });
    const anchor = element('a');
    hardenElement(anchor, BASE);
    expect(anchor.attributes.size).toBe(0);
  });

  it('takes the source off a remote image and leaves local ones alone', () => {
    const remote = element('img', { src: 'https://example.com/pixel.gif', alt: 'tracker' });
    expect(hardenElement(remote, BASE)).toBe('keep');
    expect(Object.fromEntries(remote.attributes)).toEqual({ alt: 'tracker', 'data-blocked': '', title: BLOCKED_IMAGE_TITLE });
    const local = element('img', { src: 'data:image/png;base64,AAAA', alt: 'dot' });
    hardenElement(local, BASE);
    expect(Object.fromEntries(local.attributes)).toEqual({ src: 'data:image/png;base64,AAAA', alt: 'dot' });
  });

  it('keeps a checkbox, disabled, and removes any other input', () => {
    const box = element('input', { type: 'checkbox', checked: '' });
    expect(hardenElement(box, BASE)).toBe('keep');
    expect(Object.fromEntries(box.attributes)).toEqual({ type: 'checkbox', checked: '', disabled: '' });
    expect(hardenElement(element('input', { type: 'text' }), BASE)).toBe('remove');
    expect(hardenElement(element('input'), BASE)).toBe('remove');
    expect(hardenElement(element('p'), BASE)).toBe('keep');
  });
});
