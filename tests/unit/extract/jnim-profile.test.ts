import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPlainText } from '../../../src/extract/plain-text.js';
import { findUrlCandidates } from '../../../src/extract/url-cleanup.js';
import { ExtractedDocumentSchema } from '../../../src/model/document.js';

interface ExpectedCitation {
  id: string;
  rawStartsWith: string;
  rawEndsWith: string;
  url: string | null;
  fragment: string | null;
  archived: { original: string; timestamp: string } | null;
  authors: string[];
  title: string | null;
  container: string | null;
  date: string | null;
  accessed: string | null;
  locator: string | null;
}

interface ExpectedClaim {
  id: string;
  section: string | null;
  line: number;
  textStartsWith: string;
  textEndsWith: string;
  citations: ExpectedCitation[];
}

const DOCUMENT_PATH = new URL('../../../citations/jnim-profile.txt', import.meta.url);
const EXPECTED_PATH = new URL('../../fixtures/extract/text/jnim-profile.expected.json', import.meta.url);

const text = readFileSync(DOCUMENT_PATH, 'utf8');
const expected = (JSON.parse(readFileSync(EXPECTED_PATH, 'utf8')) as { claims: ExpectedClaim[] }).claims;
const document = extractPlainText(text, 'citations/jnim-profile.txt');
const expectedCitations = expected.flatMap((claim) => claim.citations);

describe('citations/jnim-profile.txt, every citation checked by hand', () => {
  it('is a schema-valid document without warnings', () => {
    expect(ExtractedDocumentSchema.parse(document)).toEqual(document);
    expect(document.warnings).toEqual([]);
  });

  it('finds all 59 citations (58 with a URL, one without) under 46 claims', () => {
    expect(expectedCitations).toHaveLength(59);
    expect(document.citations).toHaveLength(59);
    expect(document.claims).toHaveLength(46);
    expect(document.citations.filter((citation) => citation.url === null).map((citation) => citation.id)).toEqual([
      'c15',
    ]);
  });

  it('turns every URL-like span of the document into exactly one citation URL', () => {
    const candidates = findUrlCandidates(text);
    expect(candidates).toHaveLength(58);
    const citedAt = document.citations.flatMap((citation) => (citation.urlOffset === null ? [] : [citation.urlOffset]));
    expect(citedAt).toEqual(candidates.map((candidate) => candidate.start));
  });

  it.each(expected.map((claim) => [claim.id, claim] as const))(
    'claim %s: section, boundaries and citations',
    (id, claim) => {
      const actual = document.claims.find((candidate) => candidate.id === id);
      expect(actual).toBeDefined();
      expect(actual!.section).toBe(claim.section);
      expect(actual!.line).toBe(claim.line);
      expect(actual!.text.startsWith(claim.textStartsWith), actual!.text).toBe(true);
      expect(actual!.text.endsWith(claim.textEndsWith), actual!.text).toBe(true);
      expect(actual!.citationIds).toEqual(claim.citations.map((citation) => citation.id));
    },
  );

  it.each(expectedCitations.map((citation) => [citation.id, citation] as const))(
    'citation %s: raw, URL and fields',
    (id, want) => {
      const citation = document.citations.find((candidate) => candidate.id === id)!;
      expect(text.slice(citation.offset, citation.offset + citation.raw.length)).toBe(citation.raw);
      expect(citation.raw.startsWith(want.rawStartsWith), citation.raw).toBe(true);
      expect(citation.raw.endsWith(want.rawEndsWith), citation.raw).toBe(true);
      expect({
        url: citation.url,
        fragment: citation.fragment,
        archived: citation.archived,
        authors: citation.authors,
        title: citation.title,
        container: citation.container,
        date: citation.date,
        accessed: citation.accessed,
        locator: citation.locator,
      }).toEqual({
        url: want.url,
        fragment: want.fragment,
        archived: want.archived,
        authors: want.authors,
        title: want.title,
        container: want.container,
        date: want.date,
        accessed: want.accessed,
        locator: want.locator,
      });
      if (citation.urlText !== null) {
        // The URL closes its citation, and the written URL is the cleaned URL plus its fragment.
        expect(citation.raw.endsWith(citation.urlText)).toBe(true);
        expect(text.slice(citation.urlOffset!, citation.urlOffset! + citation.urlText.length)).toBe(citation.urlText);
        expect(citation.urlText).toBe(
          citation.fragment === null ? citation.url : `${citation.url}#${citation.fragment}`,
        );
      }
    },
  );

  it('keeps the HTML residue, glued prose and [4] marker out of citations and claims', () => {
    const newsweek = document.citations.find((citation) => citation.url?.includes('newsweek'))!;
    expect(newsweek.cleanup).toEqual([
      { rule: 'trailing-punctuation', removed: '.' },
      { rule: 'html-residue', removed: '/span>' },
    ]);
    const crisisGroup = document.citations.find((citation) => citation.url?.includes('cloudfront'))!;
    expect(crisisGroup.cleanup).toContainEqual({ rule: 'prose-after-extension', removed: 'age' });
    const fulani = document.claims.find((claim) => claim.text.startsWith('age of Fulani'))!;
    expect(fulani.citationIds).toEqual(['c52']);
    expect(document.claims.some((claim) => claim.text.includes('[4]'))).toBe(false);
    expect(document.citations.some((citation) => citation.raw.includes('[4]'))).toBe(false);
  });

  it('checks the repeated sources once per link key', () => {
    const keys = new Set(
      document.citations.flatMap((citation) => (citation.linkKey === null ? [] : [citation.linkKey])),
    );
    // Counted by hand: 58 URLs, 39 distinct sources (Hess 9 times, the Stanford profile 4 times with and without fragments).
    expect(keys.size).toBe(39);
    const hess = document.citations.filter((citation) => citation.url?.includes('DO_HESS'));
    expect(hess.map((citation) => citation.locator)).toEqual([
      '133',
      '128',
      '148',
      '148',
      '148',
      '148',
      '132',
      '128',
      '153',
    ]);
  });
});
