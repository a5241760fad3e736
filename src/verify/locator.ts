import type { SourceEvidence } from '../model/evidence.js';
import { findEvidence, WEAK_MIN_SCORE } from './find-evidence.js';
import type { SourceIndex } from './source-index.js';
import type { SourceText } from './source-text.js';

export type LocatorCheck = NonNullable<Extract<SourceEvidence, { kind: 'read' }>['locator']>;

/** Printed page numbers often trail PDF indexes by a cover or front matter: look this far either side. */
export const NEARBY_PAGES = 2;

/** The cited page range of a locator such as "133", "p. 133", ": 133", "pp. 12–14"; null without one. */
export function parsePageLocator(locator: string | null): { first: number; last: number } | null {
  const m = /(\d{1,5})(?:\s*[-\u2013\u2014]\s*(\d{1,5}))?/.exec(locator ?? '');
  if (!m) return null;
  const first = Number(m[1]);
  const last = m[2] ? Number(m[2]) : first;
  // "pp. 133–35" abbreviates the range's end.
  const fullLast = last < first && m[2] ? Number(String(first).slice(0, -m[2].length) + m[2]) : last;
  return fullLast >= first && fullLast - first < 50 ? { first, last: fullLast } : { first, last: first };
}

/**
 * PDF page indexes to search for a cited page range: pages whose label (PDF page label or
 * printed number) is in the range, else the same indexes; then their neighbours.
 */
export function pagesForLocator(
  source: SourceText,
  range: { first: number; last: number },
): { primary: number[]; nearby: number[] } {
  const indexes = source.pages.map((p) => p.page).filter((p): p is number => p !== null);
  const wanted = new Set<string>();
  for (let n = range.first; n <= range.last; n += 1) wanted.add(String(n));
  const labelled = source.pages
    .filter((p) => p.page !== null && p.label !== null && wanted.has(p.label))
    .map((p) => p.page as number);
  const primary = labelled.length > 0 ? labelled : indexes.filter((i) => i >= range.first && i <= range.last);
  const nearby = new Set<number>();
  for (const page of primary.length > 0 ? primary : [range.first]) {
    for (let d = 1; d <= NEARBY_PAGES; d += 1) {
      for (const candidate of [page - d, page + d]) {
        if (indexes.includes(candidate) && !primary.includes(candidate)) nearby.add(candidate);
      }
    }
  }
  return { primary, nearby: [...nearby].sort((a, b) => a - b) };
}

/**
 * When a citation names a page of a PDF: is the evidence on that page? The cited page is
 * looked up by label first, then its neighbours; `found` when the best passage there
 * scores at least `WEAK_MIN_SCORE`. Null for a non-PDF source or a locator without a page.
 */
export function locateEvidence(claimText: string, index: SourceIndex, locator: string | null): LocatorCheck | null {
  const range = parsePageLocator(locator);
  if (index.source.format !== 'pdf' || !range) return null;
  const { primary, nearby } = pagesForLocator(index.source, range);
  const searchedPages = [...primary, ...nearby];
  for (const pages of [primary, nearby]) {
    if (pages.length === 0) continue;
    const onPages = findEvidence(claimText, index, { pages, maxPassages: 1 });
    const passage = onPages.passages[0];
    if (passage && onPages.score >= WEAK_MIN_SCORE) {
      return { page: range.first, searchedPages, found: true, pdfPage: passage.page };
    }
  }
  return { page: range.first, searchedPages, found: false, pdfPage: null };
}
