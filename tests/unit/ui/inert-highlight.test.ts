import { describe, expect, it } from 'vitest';
import { highlightSegments, type Segment } from '../../../src/ui/inert/highlight-segments';
import { importMode } from '../../../src/ui/inert/legacy-modes';
import type { InertLanguage } from '../../../src/ui/inert/inert-language';

const classesOf = (segments: readonly Segment[], text: string) => segments.filter((segment) => segment.text === text).map((segment) => segment.classes);

const samples: Record<InertLanguage, string> = {
  fsharp: 'FSHARP build {\r\n    let report = sprintf "%d" 3 // count\r\n}',
  csharp: 'CSHARP {\n    public class Audit { int Count = 3; }\n}',
  yaml: 'threshold: 5\nname: "stock"\n# a comment\n',
  json: '{ "threshold": 5, "ok": true }',
  bash: 'echo "hello" # greet\nexport PATH=$HOME/bin\n',
  xml: '<config enabled="true"><!-- x --></config>',
};

describe('highlightSegments', () => {
  for (const [language, text] of Object.entries(samples) as [InertLanguage, string][]) {
    it(`keeps ${language} text exactly and styles some of it`, async () => {
      const segments = highlightSegments(text, await importMode(language));
      expect(segments.map((segment) => segment.text).join('')).toBe(text);
      expect(segments.some((segment) => segment.classes !== '')).toBe(true);
    });
  }

  it('gives each token the class of its colour', async () => {
    const fsharp = highlightSegments(samples.fsharp, await importMode('fsharp'));
    expect(classesOf(fsharp, 'let')).toEqual(['syntax-keyword']);
    expect(classesOf(fsharp, '"%d"')).toEqual(['syntax-string']);
    expect(classesOf(fsharp, '3')).toEqual(['syntax-number']);
    // A CRLF's \r stays with the line it ends, so the text is kept exactly.
    expect(classesOf(fsharp, '// count\r')).toEqual(['syntax-comment']);
    const xml = highlightSegments(samples.xml, await importMode('xml'));
    expect(classesOf(xml, 'config')).toEqual(['syntax-tag', 'syntax-tag']);
    expect(classesOf(xml, '"true"')).toEqual(['syntax-string']);
  });

  it('merges line breaks into the plain text around them', async () => {
    const segments = highlightSegments('let a = 1\n\n\nlet b = 2', await importMode('fsharp'));
    expect(segments.filter((segment) => segment.text.includes('\n'))).toEqual([{ text: '\n\n\n', classes: '' }]);
  });
});
