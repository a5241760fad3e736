import { expect } from 'vitest';
import { LineIndex } from '../../src/extract/line-index.js';
import { type ExtractedDocument, ExtractedDocumentSchema } from '../../src/model/document.js';

/**
 * Invariants every extractor output must hold against its source: schema-valid, positions
 * agreeing with offsets, URLs found where they say they stand, every citation on exactly one claim.
 */
export function expectConsistentDocument(document: ExtractedDocument, source: string): void {
  expect(ExtractedDocumentSchema.parse(document)).toEqual(document);
  const lines = new LineIndex(source);
  const claims = new Map(document.claims.map((claim) => [claim.id, claim]));
  for (const claim of document.claims) {
    expect(claim.offset).toBeLessThanOrEqual(source.length);
    expect(lines.position(claim.offset)).toEqual({ line: claim.line, column: claim.column, offset: claim.offset });
    expect(claim.citationIds.length).toBeGreaterThan(0);
  }
  for (const citation of document.citations) {
    expect(citation.offset).toBeLessThanOrEqual(source.length);
    expect(lines.position(citation.offset)).toEqual({
      line: citation.line,
      column: citation.column,
      offset: citation.offset,
    });
    if (citation.urlOffset !== null && citation.urlText !== null) {
      expect(source.slice(citation.urlOffset, citation.urlOffset + citation.urlText.length)).toBe(citation.urlText);
    }
    const owners = document.claims.filter((claim) => claim.citationIds.includes(citation.id));
    expect(owners.map((claim) => claim.id)).toEqual([citation.claimId]);
    expect(claims.has(citation.claimId)).toBe(true);
  }
}

/** The citation whose URL is `url`; fails the test when there is not exactly one. */
export function citationWithUrl(document: ExtractedDocument, url: string) {
  const found = document.citations.filter((citation) => citation.url === url);
  expect(found, `citations with url ${url}`).toHaveLength(1);
  return found[0]!;
}

export function claimOf(document: ExtractedDocument, citationId: string) {
  const citation = document.citations.find((candidate) => candidate.id === citationId);
  return document.claims.find((claim) => claim.id === citation?.claimId);
}
