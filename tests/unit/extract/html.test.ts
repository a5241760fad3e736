import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../../src/extract/html.js';
import { citationWithUrl, claimOf, expectConsistentDocument } from '../../helpers/extracted-document.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/extract/html/${name}`, import.meta.url), 'utf8');

describe('extractHtml: <sup> note references with a notes list', () => {
  const source = fixture('footnotes.html');
  const document = extractHtml(source, 'footnotes.html');

  it('holds the invariants against its source', () => {
    expectConsistentDocument(document, source);
    expect(document.format).toBe('html');
    expect(document.warnings).toEqual([]);
  });

  it('gives each note reference group the text before it as its claim', () => {
    expect(document.claims.map((claim) => [claim.text, claim.section, claim.line, claim.column])).toEqual([
      [
        'JNIM is an al-Qaeda affiliated group based in Mali that has expanded into Burkina Faso, Niger, and Senegal.',
        'Executive Summary',
        7,
        4,
      ],
      ['It seeks to implement sharia in areas where it operates.', 'Executive Summary', 7, 153],
      ['Iyad Ag Ghaly, the former emir of Ansar al-Dine, leads the group.', 'Leadership', 9, 4],
    ]);
  });

  it('splits a note at "; " into one citation per source, each at its place in the notes list', () => {
    const hess = citationWithUrl(
      document,
      'https://media.defense.gov/2020/Nov/23/2002540355/-1/-1/1/DO_HESS%20PART%201.PDF',
    );
    const bayrakdar = citationWithUrl(
      document,
      'https://www.criticalthreats.org/analysis/al-qaedas-growing-threat-to-senegal',
    );
    expect(hess.raw).toMatch(
      /^Ryan CK Hess, “Lassoing the Haboob,” Journal of Indo-Pacific Affairs 3, no\. 4 \(Winter 2020\): 133,/,
    );
    expect([hess.line, hess.column]).toEqual([12, 14]);
    expect(hess).toMatchObject({ title: 'Lassoing the Haboob', locator: '133' });
    expect(bayrakdar.raw).toBe(
      'Rahma Bayrakdar, “Al Qaeda’s Growing Threat to Senegal,” Critical Threats, February 18, 2021, link.',
    );
    expect(bayrakdar.line).toBe(12);
    expect(claimOf(document, hess.id)?.citationIds).toEqual([hess.id, bayrakdar.id]);
  });

  it('takes the URL from the href as written, decoding &amp; and keeping the fragment apart', () => {
    const canada = citationWithUrl(
      document,
      'https://www.publicsafety.gc.ca/cnt/ntnl-scrt/cntr-trrrsm/lstd-ntts/crrnt-lstd-ntts-en.aspx?a=1&b=2',
    );
    expect(canada.urlText).toBe(
      'https://www.publicsafety.gc.ca/cnt/ntnl-scrt/cntr-trrrsm/lstd-ntts/crrnt-lstd-ntts-en.aspx?a=1&amp;b=2#jnim',
    );
    expect(canada.fragment).toBe('jnim');
    expect(source.slice(canada.urlOffset!).startsWith('https://www.publicsafety.gc.ca')).toBe(true);
  });

  it('keeps a note without a URL as a citation, and finds a URL typed as text in a note', () => {
    const book = document.citations.find((citation) => citation.raw.startsWith('Alex Thurston'));
    expect(book).toMatchObject({ url: null, title: 'Jihadists of North Africa and the Sahel', line: 14 });
    const joscelyn = citationWithUrl(
      document,
      'https://www.longwarjournal.org/archives/2017/03/analysis-al-qaeda-groups-reorganize-in-west-africa.php',
    );
    expect(claimOf(document, joscelyn.id)?.text).toBe(
      'Iyad Ag Ghaly, the former emir of Ansar al-Dine, leads the group.',
    );
    expect(joscelyn.cleanup).toEqual([{ rule: 'trailing-punctuation', removed: '.' }]);
  });

  it('leaves the back-reference arrow out of the citation', () => {
    expect(document.citations.every((citation) => !citation.raw.includes('↩'))).toBe(true);
  });
});

describe('extractHtml: Wikipedia reference list', () => {
  const source = fixture('wikipedia.html');
  const document = extractHtml(source, 'wikipedia.html');
  const hrw = 'https://www.hrw.org/report/2018/12/07/we-used-be-brothers/self-defense-group-abuses-central-mali';

  it('holds the invariants against its source', () => expectConsistentDocument(document, source));

  it('cites the original with the "Archived from the original" capture as archived, and reads "Retrieved"', () => {
    const cited = document.citations.filter((citation) => citation.url === hrw);
    // Reference [1] is used twice: one citation per claim it supports.
    expect(cited.map((citation) => claimOf(document, citation.id)?.text)).toEqual([
      'The Macina Liberation Front (MLF) is an armed group active in central Mali.',
      'It was founded in 2015 by Amadou Koufa.',
    ]);
    for (const citation of cited) {
      expect(citation).toMatchObject({
        archived: { timestamp: '20190101000000', original: hrw },
        accessed: '5 May 2020',
        title: 'We Used to Be Brothers',
        line: 13,
      });
      expect(citation.raw).not.toMatch(/^\^/);
    }
  });

  it('groups adjacent references [2][1] on one claim and uses headings as sections', () => {
    const claim = document.claims.find((candidate) => candidate.text === 'It was founded in 2015 by Amadou Koufa.');
    expect(claim?.citationIds).toHaveLength(2);
    const koufa = citationWithUrl(document, 'http://www.example-news.invalid/sahel/koufa');
    expect(koufa).toMatchObject({ claimId: claim?.id, accessed: '12 March 2021', archived: null });
    const merged = document.claims.find((candidate) => candidate.text === 'In 2017 the group merged into JNIM.');
    expect(merged?.section).toBe('History');
    expect(document.citations.find((citation) => citation.claimId === merged?.id)).toMatchObject({ url: null });
  });

  it('does not cite relative wiki links but says how many it skipped', () => {
    expect(document.warnings).toEqual([
      expect.objectContaining({ code: 'relative-links', text: '/wiki/Mali', line: 7 }),
    ]);
  });
});

describe('extractHtml: inline footnotes, title attributes and plain links', () => {
  const source = fixture('inline-notes.html');
  const document = extractHtml(source, 'inline-notes.html');

  it('holds the invariants against its source', () => expectConsistentDocument(document, source));

  it('reads a <span class="footnote"> as a note and leaves it out of the claim', () => {
    const acled = citationWithUrl(document, 'https://acleddata.com/2019/11/jihadist-groups-sahel/');
    expect(acled.fragment).toBe(':~:text=Fulani');
    expect(claimOf(document, acled.id)).toMatchObject({
      text: 'JNIM frames its war as a defence of Fulani herders.',
      section: 'Doctrine',
    });
  });

  it('reads a note from a title attribute, positioned at the attribute value', () => {
    const nasr = citationWithUrl(document, 'https://ctc.westpoint.edu/how-the-islamic-state-and-al-qaeda-compete/');
    expect(source.slice(nasr.offset).startsWith('Wassim Nasr')).toBe(true);
    expect(claimOf(document, nasr.id)?.text).toBe('Its media arm is az-Zallaqa.');
  });

  it('gives a plain link the sentence around it as its claim, and ignores mailto links', () => {
    const bbc = citationWithUrl(document, 'https://www.example.invalid/news/bamako-attack');
    expect(bbc.raw).toBe('a report by the BBC');
    expect(claimOf(document, bbc.id)?.text).toBe(
      'The group also claimed the 2016 Bamako attack, according to a report by the BBC.',
    );
    const other = citationWithUrl(document, 'http://www.example.invalid/other');
    expect(claimOf(document, other.id)?.text).toBe('See also this page and the desk.');
    expect(document.citations.some((citation) => citation.urlText?.startsWith('mailto:'))).toBe(false);
  });

  it('keeps URL-like text that is not a valid URL as a citation without URL, with a warning at its position', () => {
    const broken = document.citations.find((citation) => citation.raw === 'hxxp://bad.example.invalid/page');
    expect(broken).toMatchObject({ url: null, line: 6 });
    expect(document.warnings).toContainEqual(expect.objectContaining({ code: 'invalid-url', line: 6, column: 35 }));
  });
});

describe('extractHtml: edge cases', () => {
  it('warns about a note reference that points nowhere, and about a document with nothing cited', () => {
    const document = extractHtml('<p>Claim.<sup><a href="#nowhere">1</a></sup></p>', 'x.html');
    expect(document.citations).toEqual([]);
    expect(document.warnings).toEqual([expect.objectContaining({ code: 'missing-note', line: 1, column: 10 })]);
  });

  it('ignores scripts, styles and the head', () => {
    const source =
      '<head><title>https://title.example.invalid/</title></head><script>var u="https://js.example.invalid/"</script><p>Nothing here.</p>';
    expect(extractHtml(source, 'x.html').citations).toEqual([]);
  });

  it('maps positions through entities and CRLF line ends', () => {
    const source = '<p>\r\nCaf&eacute; &amp; bar <a href="https://example.org/a">x</a>.</p>';
    const document = extractHtml(source, 'x.html');
    expectConsistentDocument(document, source);
    expect(document.claims[0]).toMatchObject({ text: 'Café & bar x.', line: 2, column: 1 });
    // The citation stands where its text does: the link text `x`.
    expect(document.citations[0]).toMatchObject({ raw: 'x', line: 2, column: 55 });
    expect(source.charAt(document.citations[0]!.offset)).toBe('x');
  });
});

describe('extractHtml: title attribute positions', () => {
  it('maps a decoded title back through &amp; and named entities', () => {
    const source = '<p>Claim.<sup title="A &amp; B, &ldquo;T,&rdquo; https://example.org/x?a=1&amp;b=2">1</sup></p>';
    const document = extractHtml(source, 'x.html');
    expectConsistentDocument(document, source);
    expect(document.citations[0]).toMatchObject({
      url: 'https://example.org/x?a=1&b=2',
      urlText: 'https://example.org/x?a=1&amp;b=2',
      urlOffset: source.indexOf('https://'),
      title: 'T',
    });
  });
});

describe('extractHtml: what is not a note', () => {
  it('reads in-page letter links as navigation, not note markers, and keeps their sections cited', () => {
    const source =
      '<p><a href="#A">A</a> <a href="#B">B</a></p><h2 id="A">A</h2><p>Alpha, says <a href="https://example.org/a">a source</a>.</p>';
    const document = extractHtml(source, 'x.html');
    expect(document.citations.map((citation) => citation.url)).toEqual(['https://example.org/a']);
    expect(document.warnings).toEqual([]);
  });
});
