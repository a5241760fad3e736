import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../../src/extract/html.js';
import { cleanUrl } from '../../../src/extract/url-cleanup.js';
import { expectConsistentDocument } from '../../helpers/extracted-document.js';
import { type CitedSentence, paragraphsArb, urlsOf } from './structured-arbitraries.js';

const escapeHtml = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

function renderHtml(paragraphs: readonly (readonly CitedSentence[])[]): string {
  const notes: string[] = [];
  const body = paragraphs.map((sentences) => {
    const parts = sentences.map((sentence): string => {
      if (sentence.kind === 'plain') return sentence.text;
      const url = escapeHtml(sentence.url);
      if (sentence.kind === 'link') return `${sentence.text.slice(0, -1)} <a href="${url}">source</a>.`;
      if (sentence.kind === 'bare') return `${sentence.text} See ${url} here.`;
      const id = `fn${notes.length + 1}`;
      notes.push(`<li id="${id}">Author, “Title,” Pub, ${sentence.linked ? `<a href="${url}">web</a>` : url}</li>`);
      return `${sentence.text}<sup><a href="#${id}">${notes.length}</a></sup>`;
    });
    return `<p>${parts.join(' ')}</p>`;
  });
  return `<html><body>\n${body.join('\n')}\n<ol>\n${notes.join('\n')}\n</ol></body></html>`;
}

const htmlSoupArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<p>', '</p>', '<a href="', '">', '</a>', '<sup>', '</sup>', '<a href="#fn1">1</a>', '<li id="fn1">', '</li>',
        '<ol>', '&amp;', '&ldquo', '&#8217;', 'https://example.org/a', 'www.example.org', ' ', '.', '; ', '\n', '\r\n',
        '<span class="footnote">', '</span>', '<b title="https://t.example.org/x">', '<br>', '<!--', '-->', '<script>',
        '<h2>', '</h2>', '"', "'", '<', '>', '(', ')',
      ), // biome-ignore format: a token list reads better packed
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 60 },
  )
  .map((tokens) => tokens.join(''));

describe('extractHtml properties', () => {
  it('never throws and stays consistent with its source on arbitrary tag soup', () => {
    fc.assert(
      fc.property(htmlSoupArb, (source) => {
        expectConsistentDocument(extractHtml(source, 'soup.html'), source);
      }),
      { numRuns: 300 },
    );
  });

  it('loses no URL: every link, note and typed URL becomes exactly one citation with the cleaned URL', () => {
    fc.assert(
      fc.property(paragraphsArb, (paragraphs) => {
        const source = renderHtml(paragraphs);
        const document = extractHtml(source, 'generated.html');
        expectConsistentDocument(document, source);
        const expected = urlsOf(paragraphs).map((url) => cleanUrl(url).url);
        expect(document.citations.map((citation) => citation.url).sort()).toEqual(expected.sort());
      }),
      { numRuns: 200 },
    );
  });

  it('puts each note citation on the sentence that carries its marker', () => {
    fc.assert(
      fc.property(paragraphsArb, (paragraphs) => {
        const document = extractHtml(renderHtml(paragraphs), 'generated.html');
        const noted = paragraphs.flat().filter((sentence) => sentence.kind === 'note');
        const noteClaims = document.citations
          .filter((citation) => citation.raw.startsWith('Author,'))
          .map((citation) => document.claims.find((claim) => claim.id === citation.claimId)?.text);
        // A claim runs from the previous marker, so it ends with the marked sentence.
        expect(noteClaims).toHaveLength(noted.length);
        for (const [index, sentence] of noted.entries()) expect(noteClaims[index]?.endsWith(sentence.text)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
