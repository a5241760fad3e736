import type { LinkVerdictKind } from '../model/link-result.js';
import type { Report, ReportCitation, ReportClaim, ReportDocument, ReportLink } from '../model/report.js';

export type ProblemKind = LinkVerdictKind | 'suspect' | 'unchecked' | 'evidence-not-found' | 'title-mismatch';
export type ProblemSeverity = 'error' | 'warning' | 'note';

/** One citation that needs a reader's attention, with what went wrong in one line. */
export interface Problem {
  document: ReportDocument;
  claim: ReportClaim | null;
  citation: ReportCitation;
  link: ReportLink | null;
  kind: ProblemKind;
  severity: ProblemSeverity;
  message: string;
}

/** A document's links by key: citations look theirs up once each, not by a scan per citation. */
export function linksByKey(document: ReportDocument): Map<string, ReportLink> {
  return new Map(document.links.map((l) => [l.key, l]));
}

/** `HTTP 404`, `ENOTFOUND`, ...: the short fact behind a verdict. */
export function describeEvidence(link: ReportLink): string {
  const evidence = link.result?.verdict.evidence;
  if (!evidence) return 'not checked';
  const parts: string[] = [];
  if (evidence.status !== null) parts.push(`HTTP ${evidence.status}`);
  if (evidence.errorCode) parts.push(evidence.errorCode);
  if (evidence.redirects.length > 0) parts.push(`${evidence.redirects.length} redirects`);
  parts.push(`rule ${evidence.rule}`);
  return parts.join(', ');
}

/** What the archive stage found, in one phrase. */
export function describeArchive(citation: ReportCitation): string | null {
  const lookup = citation.archive;
  if (!lookup) return null;
  switch (lookup.kind) {
    case 'found':
      return lookup.validated
        ? `validated capture of ${lookup.timestamp.slice(0, 8)} (${Math.round(lookup.distanceDays)} days from the reference date)${lookup.drift ? '; the page has changed since' : ''}`
        : `capture of ${lookup.timestamp.slice(0, 8)}, not validated`;
    case 'not-archived':
      return `no capture: ${lookup.reason}`;
    case 'lookup-failed':
      return `archive lookup failed (${lookup.code}): ${lookup.message}`;
    case 'lookup-skipped':
      return `archive lookup skipped: ${lookup.reason}`;
  }
}

function classify(
  citation: ReportCitation,
  link: ReportLink | null,
): { kind: ProblemKind; severity: ProblemSeverity; message: string } | null {
  const verdict = link?.result?.verdict;
  switch (citation.state) {
    case 'no-url':
      return null;
    case 'unchecked':
      return { kind: 'unchecked', severity: 'note', message: 'not checked: the run ended before this link' };
    case 'rot':
    case 'suspect':
    case 'inconclusive':
    case 'skipped': {
      if (!verdict || !link) return null;
      const archive = describeArchive(citation);
      const base = `${verdict.kind}: ${verdict.reason} (${describeEvidence(link)})${archive ? `; ${archive}` : ''}`;
      if (citation.state === 'rot') return { kind: verdict.kind, severity: 'error', message: base };
      if (citation.state === 'suspect') {
        const failures = link.history?.consecutiveFailures ?? 1;
        return {
          kind: 'suspect',
          severity: 'warning',
          message: `suspected rot, not yet confirmed (failing audits so far: ${failures}): ${base}`,
        };
      }
      return {
        kind: verdict.kind,
        severity: 'note',
        message: `could not tell (${verdict.kind}): ${verdict.reason} (${describeEvidence(link)})${archive ? `; ${archive}` : ''}`,
      };
    }
    case 'live': {
      const evidence = citation.evidence;
      if (evidence?.kind !== 'read') return null;
      if (evidence.titleMatch.verdict === 'mismatch') {
        return {
          kind: 'title-mismatch',
          severity: 'warning',
          message: `the page title no longer matches the cited title (source titles: ${evidence.titles.join(' / ') || 'none'})`,
        };
      }
      if (evidence.verdict === 'not-found') {
        return {
          kind: 'evidence-not-found',
          severity: 'warning',
          message: `the source is live but no passage backing the claim was found (score ${evidence.score.toFixed(2)})`,
        };
      }
      return null;
    }
  }
}

/** Every citation with something to report, in document order. */
export function listProblems(report: Report): Problem[] {
  return report.documents.flatMap((document) => {
    const claims = new Map(document.claims.map((c) => [c.id, c]));
    const links = linksByKey(document);
    return document.citations.flatMap((citation) => {
      const link = citation.linkKey ? (links.get(citation.linkKey) ?? null) : null;
      const found = classify(citation, link);
      return found ? [{ document, claim: claims.get(citation.claimId) ?? null, citation, link, ...found }] : [];
    });
  });
}

/** Cuts text to `max` characters at a word boundary, marking the cut. */
export function excerpt(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function formatPercent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}
