import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../../src/extract/markdown.js';
import { citationWithUrl, claimOf, expectConsistentDocument } from '../../helpers/extracted-document.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/extract/markdown/${name}`, import.meta.url), 'utf8');

describe('extractMarkdown: footnotes', () => {
  const source = fixture('footnotes.md');
  const document = extractMarkdown(source, 'footnotes.md');
  const lwj = 'https://www.longwarjournal.org/archives/2017/03/analysis-al-qaeda-groups-reorganize-in-west-africa.php';

  it('holds the invariants against its source', () => {
    expectConsistentDocument(document, source);
    expect(document.warnings).toEqual([]);
  });

  it('gives each footnote reference group the text before it as its claim', () => {
    expect(
      document.claims.map((claim) => [claim.text, claim.section, claim.line, claim.column, claim.citationIds.length]),
    ).toEqual([
      [
        'JNIM is an al-Qaeda affiliated group based in Mali that has expanded into Burkina Faso, Niger, and Senegal.',
        'Executive Summary',
        5,
        1,
        2,
      ],
      ['It seeks to implement sharia in areas where it operates.', 'Executive Summary', 5, 116, 2],
      ['Iyad Ag Ghaly, the former emir of Ansar al-Dine, leads the group.', 'Leadership', 9, 1, 1],
    ]);
  });

  it('splits a definition into its sources, with raw Markdown as written and positions in the source', () => {
    const hess = citationWithUrl(
      document,
      'https://media.defense.gov/2020/Nov/23/2002540355/-1/-1/1/DO_HESS%20PART%201.PDF',
    );
    expect(hess.raw.startsWith('Ryan CK Hess, “Lassoing the Haboob,” *Journal of Indo-Pacific Affairs* 3')).toBe(true);
    expect([hess.line, hess.column]).toEqual([11, 10]);
    expect(hess).toMatchObject({
      title: 'Lassoing the Haboob',
      container: 'Journal of Indo-Pacific Affairs',
      locator: '133',
    });
    const bayrakdar = citationWithUrl(
      document,
      'https://www.criticalthreats.org/analysis/al-qaedas-growing-threat-to-senegal',
    );
    expect(bayrakdar.raw).toBe(
      'Rahma Bayrakdar, “Al Qaeda’s Growing Threat to Senegal,” Critical Threats, February 18, 2021, [link](https://www.criticalthreats.org/analysis/al-qaedas-growing-threat-to-senegal).',
    );
    expect(bayrakdar.urlOffset).toBe(source.indexOf('https://www.criticalthreats.org'));
  });

  it('reads autolinks with fragments, definitions without URL, and pairs an archive link with its original', () => {
    const canada = citationWithUrl(
      document,
      'https://www.publicsafety.gc.ca/cnt/ntnl-scrt/cntr-trrrsm/lstd-ntts/crrnt-lstd-ntts-en.aspx',
    );
    expect(canada.fragment).toBe('jnim');
    const book = document.citations.find((citation) => citation.raw.startsWith('Alex Thurston'));
    expect(book).toMatchObject({ url: null, line: 15, column: 10 });
    const joscelyn = citationWithUrl(document, lwj);
    expect(joscelyn.archived).toEqual({ timestamp: '20170315000000', original: lwj });
    expect(claimOf(document, joscelyn.id)?.section).toBe('Leadership');
  });
});

describe('extractMarkdown: links in running text', () => {
  const source = fixture('links.md');
  const document = extractMarkdown(source, 'links.md');

  it('holds the invariants against its source', () => expectConsistentDocument(document, source));

  it('cites inline links with the sentence around them', () => {
    const bbc = citationWithUrl(document, 'https://www.example.invalid/news/bamako-attack');
    expect(bbc.raw).toBe('[a BBC report](https://www.example.invalid/news/bamako-attack "BBC")');
    expect([bbc.line, bbc.column]).toEqual([3, 56]);
    expect(claimOf(document, bbc.id)?.text).toBe(
      'The group claimed the 2016 Bamako attack, according to a BBC report.',
    );
  });

  it('resolves reference links and collapsed references to their definitions', () => {
    const un = citationWithUrl(
      document,
      'https://www.un.org/securitycouncil/sanctions/1267/aq_sanctions_list/summaries/individual/iyad-ag-ghali',
    );
    const canada = citationWithUrl(document, 'https://www.publicsafety.gc.ca/cnt/ntnl-scrt/index-en.aspx');
    expect(un.raw).toBe('[UN sanctions committee][un]');
    expect(un.urlOffset).toBe(source.indexOf('https://www.un.org'));
    expect(canada.raw).toBe('[Canada]');
    expect(un.claimId).toBe(canada.claimId);
    expect(claimOf(document, un.id)?.text).toBe('Its leaders are listed by the UN sanctions committee and by Canada.');
  });

  it('cites autolinks, www literals and bare URLs, keeping balanced parentheses', () => {
    expect(citationWithUrl(document, 'https://www.example.invalid/autolink').raw).toBe(
      '<https://www.example.invalid/autolink>',
    );
    expect(citationWithUrl(document, 'http://www.example.invalid/bare-www').urlText).toBe(
      'www.example.invalid/bare-www',
    );
    const parens = citationWithUrl(document, 'https://www.example.invalid/bare/path_(with_parens)');
    expect([parens.line, parens.column]).toEqual([7, 12]);
    expect(citationWithUrl(document, 'https://www.example.invalid/list-item').line).toBe(15);
  });

  it('ignores code spans and code blocks', () => {
    expect(document.citations.some((citation) => citation.url?.includes('code.example.invalid'))).toBe(false);
  });

  it('warns about a link definition nothing uses instead of dropping it', () => {
    expect(document.warnings).toEqual([
      expect.objectContaining({
        code: 'unused-definition',
        text: 'https://www.example.invalid/never-used',
        line: 19,
        column: 11,
      }),
    ]);
  });
});

describe('extractMarkdown: edge cases', () => {
  it('reports URLs inside raw HTML instead of dropping them', () => {
    const source = 'Intro.\n\n<div><a href="https://example.org/raw">raw</a></div>\n';
    expect(extractMarkdown(source, 'x.md').warnings).toContainEqual(
      expect.objectContaining({
        code: 'url-in-raw-html',
        text: 'https://example.org/raw',
        line: 3,
        column: 15,
      }),
    );
  });

  it('reads a footnote reference without a definition as plain text, as GFM does', () => {
    const document = extractMarkdown('A claim.[^missing]\n', 'x.md');
    expect(document.citations).toEqual([]);
  });

  it('takes a claim up to the marker even when the footnote is defined before it is used', () => {
    const source = '[^a]: Source, https://example.org/a\n\nFirst claim.[^a] Second claim.[^a]\n';
    const document = extractMarkdown(source, 'x.md');
    expectConsistentDocument(document, source);
    expect(document.claims.map((claim) => claim.text)).toEqual(['First claim.', 'Second claim.']);
    expect(document.citations.map((citation) => [citation.url, citation.line, citation.column])).toEqual([
      ['https://example.org/a', 1, 7],
      ['https://example.org/a', 1, 7],
    ]);
  });
});

describe('extractMarkdown: literals found after parsing', () => {
  // The GFM autolink-literal transform leaves `www.` links without a position; they must still
  // point at where they are written (they once landed at offset 0, line 1).
  it.each([
    ['\n\n!www.example.org', 'http://www.example.org/', 3, 2],
    ['a\n\nline one\nline two !www.x.org/p here', 'http://www.x.org/p', 4, 11],
    ['Intro.\n\nSee [www.example.org/a and www.b.org/c.\n', 'http://www.b.org/c', 3, 28],
  ])('places the literal in %j at its line and column', (source, url, line, column) => {
    const document = extractMarkdown(source, 'x.md');
    expectConsistentDocument(document, source);
    const citation = citationWithUrl(document, url);
    expect([citation.line, citation.column]).toEqual([line, column]);
    expect(source.slice(citation.offset)).toMatch(/^www\./);
    expect(extractMarkdown(source, 'x.md', { chunkChars: 1 })).toEqual(document);
  });
});

describe('extractMarkdown: a claim with many citations', () => {
  // Past 16 ids a claim's list grows by push and is trimmed when the next claim begins.
  it.each([3, 16, 17, 40])('keeps all %i citations of one group, in order, on one claim', (count) => {
    const markers = Array.from({ length: count }, (_, index) => `[^${index + 1}]`).join('');
    const notes = Array.from(
      { length: count },
      (_, index) => `[^${index + 1}]: Source ${index + 1}, https://example.org/${index + 1}.`,
    ).join('\n\n');
    const source = `A claim.${markers} Next claim.[^1]\n\n${notes}\n`;
    const document = extractMarkdown(source, 'many.md');
    expectConsistentDocument(document, source);
    const [first, second] = document.claims;
    expect(first!.text).toBe('A claim.');
    expect(first!.citationIds).toEqual(Array.from({ length: count }, (_, index) => `c${index + 1}`));
    expect(first!.citationIds.map((id) => document.citations.find((c) => c.id === id)?.url)).toEqual(
      Array.from({ length: count }, (_, index) => `https://example.org/${index + 1}`),
    );
    expect(second!.citationIds).toEqual([`c${count + 1}`]);
  });
});
