import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../../src/extract/markdown.js';
import { cleanUrl } from '../../../src/extract/url-cleanup.js';
import { expectConsistentDocument } from '../../helpers/extracted-document.js';
import { type CitedSentence, paragraphsArb, urlsOf } from './structured-arbitraries.js';

function renderMarkdown(paragraphs: readonly (readonly CitedSentence[])[]): string {
  const definitions: string[] = [];
  const body = paragraphs.map((sentences) =>
    sentences
      .map((sentence): string => {
        if (sentence.kind === 'plain') return sentence.text;
        if (sentence.kind === 'link') return `${sentence.text.slice(0, -1)} [source](${sentence.url}).`;
        if (sentence.kind === 'bare') return `${sentence.text} See ${sentence.url} here.`;
        const label = `n${definitions.length + 1}`;
        definitions.push(`[^${label}]: Author, “Title,” Pub, ${sentence.linked ? `<${sentence.url}>` : sentence.url}`);
        return `${sentence.text}[^${label}]`;
      })
      .join(' '),
  );
  return `# Title\n\n${body.join('\n\n')}\n\n${definitions.join('\n\n')}\n`;
}

const markdownSoupArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '[', ']', '(', ')', '[^1]', '[^1]: ', '<', '>', '`', '```\n', '*', '_', '#', '\n', '\n\n', ' ', '.', '; ',
        'https://example.org/a', 'www.example.org', '[x]: https://d.example.org/', '<https://auto.example.org/>',
        '&amp;', '\\', '- ', '> ', '![i](https://img.example.org/)', '<a href="https://h.example.org/">',
        '\n[^2]: ', '\n[^3]: https://n.example.org/', '<div>\n', '    ',
      ), // biome-ignore format: a token list reads better packed
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 60 },
  )
  .map((tokens) => tokens.join(''));

describe('extractMarkdown properties', () => {
  it('never throws and stays consistent with its source on arbitrary input', () => {
    fc.assert(
      fc.property(markdownSoupArb, (source) => {
        expectConsistentDocument(extractMarkdown(source, 'soup.md'), source);
      }),
      { numRuns: 300 },
    );
  });

  it('loses no URL: every link, footnote and typed URL becomes exactly one citation with the cleaned URL', () => {
    fc.assert(
      fc.property(paragraphsArb, (paragraphs) => {
        const source = renderMarkdown(paragraphs);
        const document = extractMarkdown(source, 'generated.md');
        expectConsistentDocument(document, source);
        const expected = urlsOf(paragraphs).map((url) => cleanUrl(url).url);
        expect(document.citations.map((citation) => citation.url).sort()).toEqual(expected.sort());
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same result parsed in the smallest chunks as in one piece', () => {
    const withDefinitions = paragraphsArb.map(
      (paragraphs) =>
        `${renderMarkdown(paragraphs)}\nSee [the source][src] and [src].\n\n[src]: https://example.org/src\n`,
    );
    fc.assert(
      fc.property(fc.oneof(withDefinitions, markdownSoupArb), (source) => {
        const whole = extractMarkdown(source, 'x.md', { chunkChars: Number.POSITIVE_INFINITY });
        expect(extractMarkdown(source, 'x.md', { chunkChars: 1 })).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores whatever stands in code, wherever it is', () => {
    fc.assert(
      fc.property(paragraphsArb, (paragraphs) => {
        const fenced = `\`\`\`\n${renderMarkdown(paragraphs)}\`\`\`\n`;
        expect(extractMarkdown(fenced, 'code.md').citations).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
