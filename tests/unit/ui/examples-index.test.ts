import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMetascript } from '../../../src/metascript/parse';
import { exampleUrl, parseExamplesIndex } from '../../../src/ui/examples-index';

const FOLDER = new URL('../../../public/examples/', import.meta.url);

describe('the examples index', () => {
  const index = parseExamplesIndex(JSON.parse(readFileSync(new URL('index.json', FOLDER), 'utf8')));

  it('lists every example file in public/examples, and nothing else', () => {
    const files = readdirSync(FOLDER)
      .filter((file) => file.endsWith('.tars'))
      .map((file) => file.slice(0, -'.tars'.length));
    expect(index.map((entry) => entry.name).sort()).toEqual(files.sort());
  });

  it('gives each example its DESCRIBE name as the title', () => {
    for (const entry of index) {
      const parsed = parseMetascript(readFileSync(new URL(`${entry.name}.tars`, FOLDER), 'utf8'));
      if (!parsed.ok) throw new Error(`${entry.name} does not parse`);
      const title = parsed.document.blocks.flatMap((block) =>
        block.type === 'properties' && block.kind === 'DESCRIBE' ? block.properties.filter((property) => property.key === 'name').map((property) => property.value) : [],
      );
      expect(title, entry.name).toEqual([entry.title]);
    }
  });
});

describe('parseExamplesIndex', () => {
  it('drops malformed entries and names that could leave the folder', () => {
    expect(parseExamplesIndex([{ name: 'ok', title: 'Fine' }, { name: '../secret', title: 'x' }, { name: 3 }, null, 'x'])).toEqual([
      { name: 'ok', title: 'Fine' },
    ]);
    expect(parseExamplesIndex({ name: 'ok' })).toEqual([]);
  });

  it('builds URLs under the base path', () => {
    expect(exampleUrl('orbit', '/playground/')).toBe('/playground/examples/orbit.tars');
  });
});
