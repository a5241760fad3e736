import { describe, expect, it } from 'vitest';
import { extractPlainText } from '../../../src/extract/plain-text.js';
import type { ExtractedDocument } from '../../../src/model/document.js';

function extract(text: string): ExtractedDocument {
  return extractPlainText(text, 'test.txt');
}

/** Each claim's text with the raw text of its citations, for compact assertions. */
function outline(document: ExtractedDocument): Array<{ claim: string; citations: string[] }> {
  return document.claims.map((claim) => ({
    claim: claim.text,
    citations: claim.citationIds.map((id) => document.citations.find((citation) => citation.id === id)!.raw),
  }));
}

describe('extractPlainText on small tricky snippets', () => {
  it('splits a citation glued to the sentence it supports', () => {
    const document = extract(
      'Mali is large.Ann Lee, “Mali,” Atlas, May 1, 2020, https://a.example/mali. Next sentence here.',
    );
    expect(outline(document)).toEqual([
      { claim: 'Mali is large.', citations: ['Ann Lee, “Mali,” Atlas, May 1, 2020, https://a.example/mali'] },
    ]);
    expect(document.citations[0]).toMatchObject({
      id: 'c1',
      claimId: 'k1',
      line: 1,
      column: 15,
      url: 'https://a.example/mali',
    });
    expect(document.claims[0]).toMatchObject({ id: 'k1', line: 1, column: 1, offset: 0 });
  });

  it('keeps several citations of one claim together across ; , and a bare space', () => {
    const text =
      'Claim one.“A,” P, 2020, https://a.example/1; “B,” Q, 2021, https://b.example/2 Cy Diaz, “C,” R, 2022, https://c.example/3. Claim two.“D,” S, 2023, https://d.example/4.';
    expect(outline(extract(text))).toEqual([
      {
        claim: 'Claim one.',
        citations: [
          '“A,” P, 2020, https://a.example/1',
          '“B,” Q, 2021, https://b.example/2',
          'Cy Diaz, “C,” R, 2022, https://c.example/3',
        ],
      },
      { claim: 'Claim two.', citations: ['“D,” S, 2023, https://d.example/4'] },
    ]);
  });

  it('finds a citation without URL inside a group, after its date', () => {
    const text =
      'It was said.”Mo Ba, “France Is First,” Eye, April 7, 2017, Cal Weiss, “Tempo,” LWJ, January 5, 2018, https://lwj.example/t.';
    const document = extract(text);
    expect(outline(document)).toEqual([
      {
        claim: 'It was said.”',
        citations: [
          'Mo Ba, “France Is First,” Eye, April 7, 2017',
          'Cal Weiss, “Tempo,” LWJ, January 5, 2018, https://lwj.example/t',
        ],
      },
    ]);
    expect(document.citations[0]).toMatchObject({
      url: null,
      urlText: null,
      title: 'France Is First',
      date: 'April 7, 2017',
    });
  });

  it('ends a group at a citation without URL followed by a new sentence', () => {
    const text =
      'First.“A,” P, 2020, https://a.example/1; Mo Ba, “B,” Eye, April 7, 2017. Second claim.“C,” Q, 2021, https://c.example/3.';
    expect(outline(extract(text))).toEqual([
      { claim: 'First.', citations: ['“A,” P, 2020, https://a.example/1', 'Mo Ba, “B,” Eye, April 7, 2017'] },
      { claim: 'Second claim.', citations: ['“C,” Q, 2021, https://c.example/3'] },
    ]);
  });

  it('finds citation groups that carry no URL at all', () => {
    const text =
      'First claim.Mo Ba, “Enemy,” Eye, April 7, 2017. Second claim is longer here.Ann Lee, “T,” P, May 1, 2020, https://a.example/t. Last claim.Cy Diaz, “U,” Q, June 2, 2021.';
    expect(outline(extract(text))).toEqual([
      { claim: 'First claim.', citations: ['Mo Ba, “Enemy,” Eye, April 7, 2017'] },
      { claim: 'Second claim is longer here.', citations: ['Ann Lee, “T,” P, May 1, 2020, https://a.example/t'] },
      { claim: 'Last claim.', citations: ['Cy Diaz, “U,” Q, June 2, 2021'] },
    ]);
    expect(outline(extract('Only prose here.Cy Diaz, “U,” Q, June 2, 2021.\n\nMore prose.'))).toEqual([
      { claim: 'Only prose here.', citations: ['Cy Diaz, “U,” Q, June 2, 2021'] },
    ]);
  });

  it('does not take prose that starts with a name and a comma for a citation', () => {
    const text =
      'It merged. Iyad Ag Ghaly, the former emir, was named leader. Tom Jo, “Analysis,” LWJ, 2017, https://lwj.example/a.';
    expect(outline(extract(text))[0]!.claim).toBe('It merged. Iyad Ag Ghaly, the former emir, was named leader.');
  });

  it('does not take a quotation that ends a sentence for a title', () => {
    const text =
      'They called it “regrettable.”Edith M. Lederer, “UN: Pullout,” AP, May 18, 2022, https://apnews.example/x.';
    const [group] = outline(extract(text));
    expect(group).toEqual({
      claim: 'They called it “regrettable.”',
      citations: ['Edith M. Lederer, “UN: Pullout,” AP, May 18, 2022, https://apnews.example/x'],
    });
  });

  it('reads book-style citations', () => {
    const text =
      'Shadow governance exists.Mali: Enabling Dialogue (Brussels: Crisis Group, 2021), https://cg.example/306.';
    const document = extract(text);
    expect(outline(document)[0]!.claim).toBe('Shadow governance exists.');
    expect(document.citations[0]).toMatchObject({
      title: 'Mali: Enabling Dialogue',
      container: 'Crisis Group',
      date: '2021',
    });
  });

  it('leaves a [4] marker out of both claim and citation', () => {
    const document = extract('Recruiting along ethnic lines.[4] Ann Lee, “T,” P, 2020, https://a.example/t.');
    expect(outline(document)).toEqual([
      { claim: 'Recruiting along ethnic lines.', citations: ['Ann Lee, “T,” P, 2020, https://a.example/t'] },
    ]);
  });

  it('gives prose glued after a file extension to the next claim', () => {
    const text =
      'Claim.“R,” (Brussels: ICG, 2020), https://x.example/descent.pdf.age of Fulani joined.Mo Ci, “U,” ACSS, 2020, https://y.example/u.';
    const document = extract(text);
    expect(outline(document).map((group) => group.claim)).toEqual(['Claim.', 'age of Fulani joined.']);
    expect(document.citations[0]!.url).toBe('https://x.example/descent.pdf');
  });

  it('assigns the nearest heading as section', () => {
    const text =
      'Title Line\n\nDoctrine:\n\nA claim.“T,” P, 2020, https://a.example/1.\n\nJNIM statement, July 2022\n\n“A quote we report.”“T2,” Q, 2022, https://b.example/2.';
    const document = extract(text);
    expect(document.claims.map((claim) => [claim.section, claim.text])).toEqual([
      ['Doctrine', 'A claim.'],
      ['JNIM statement, July 2022', '“A quote we report.”'],
    ]);
    expect(document.claims[1]).toMatchObject({ line: 9, column: 1 });
  });

  it('takes a quotation followed by a spaced citation as the claim', () => {
    const text =
      '“Rise up and fight, they said.” Caleb Weiss, “Branches respond,” FDD, October 13, 2023, https://fdd.example/a/.';
    expect(outline(extract(text))).toEqual([
      {
        claim: '“Rise up and fight, they said.”',
        citations: ['Caleb Weiss, “Branches respond,” FDD, October 13, 2023, https://fdd.example/a/'],
      },
    ]);
  });

  it('decodes loose entities for recognition but keeps raw text and raw positions', () => {
    const text = 'Destroy you.”&ldquoAffiliate claims attack,&rdquo DW, July 23, 2022, https://dw.example/a-1.';
    const document = extract(text);
    const [citation] = document.citations;
    expect(citation!.raw).toBe('&ldquoAffiliate claims attack,&rdquo DW, July 23, 2022, https://dw.example/a-1');
    expect(citation!.offset).toBe(text.indexOf('&ldquo'));
    expect(citation!.urlOffset).toBe(text.indexOf('https://'));
    expect(citation!).toMatchObject({ title: 'Affiliate claims attack', container: 'DW' });
    expect(document.claims[0]!.text).toBe('Destroy you.”');
  });

  it('warns about URL-like text that cannot be made valid, and keeps the citation', () => {
    const text = 'Bad link.“T,” P, 2020, hxxp://evil.example/a.';
    const document = extract(text);
    expect(document.citations[0]).toMatchObject({
      url: null,
      urlText: 'hxxp://evil.example/a',
      raw: '“T,” P, 2020, hxxp://evil.example/a',
    });
    expect(document.warnings).toEqual([
      expect.objectContaining({
        code: 'invalid-url',
        line: 1,
        column: text.indexOf('hxxp') + 1,
        text: 'hxxp://evil.example/a',
      }),
    ]);
  });

  it('makes a bare URL its own citation and says so', () => {
    const text = 'See the portal at https://portal.example/x for details.';
    const document = extract(text);
    expect(outline(document)).toEqual([{ claim: 'See the portal at', citations: ['https://portal.example/x'] }]);
    expect(document.warnings.map((warning) => warning.code)).toEqual(['bare-url-citation']);
  });

  it('finds a second URL hidden behind a quote glued to the first', () => {
    const document = extract('Two sources.“T,” P, 2020, https://a.example/x”https://b.example/y.');
    expect(document.citations.map((citation) => citation.url)).toEqual(['https://a.example/x', 'https://b.example/y']);
  });

  it('handles CRLF line endings and hard-wrapped paragraphs', () => {
    const text = 'Heading:\r\n\r\nA wrapped\r\nclaim.Ann Lee, “T,”\r\nP, 2020, https://a.example/t.\r\n';
    const document = extract(text);
    expect(document.claims[0]).toMatchObject({ text: 'A wrapped claim.', section: 'Heading', line: 3, column: 1 });
    expect(document.citations[0]).toMatchObject({ line: 4, column: 7, url: 'https://a.example/t' });
  });

  it('returns an empty document for text without URLs', () => {
    expect(extract('Just prose.\n\nMore prose.')).toEqual({
      path: 'test.txt',
      format: 'text',
      claims: [],
      citations: [],
      warnings: [],
    });
    expect(extract('')).toMatchObject({ claims: [], citations: [] });
  });
});

describe('extractPlainText on adversarial input', () => {
  // Each of these took tens of seconds at 200 KB before the scans were bounded (quadratic);
  // linear code finishes them in well under a second, so the test timeout is the assertion.
  const SIZE_CHARS = 200_000;
  it.each([
    ['quoted titles without years', 'x. “T,” y '],
    ['book titles without URLs', 'A. Title (2020) '],
    ['URLs glued together', 'https://a.example/x”'],
    ['glued prose after extensions', 'https://a.example/x.pdf.age'],
    ['unbalanced closers', 'https://a.example/' + ').'.repeat(1000)],
    ['unterminated entities', '&ldquo'],
  ])(
    'stays linear on %s',
    (_name, unit) => {
      const text = unit.repeat(Math.ceil(SIZE_CHARS / unit.length));
      const document = extract(text);
      expect(document.citations.every((citation) => text.startsWith(citation.raw, citation.offset))).toBe(true);
    },
    15_000,
  );
});
