import { LINK_VERDICT_KINDS, type LinkVerdictKind } from '../model/link-result.js';
import {
  CLAIM_STATUSES,
  type ClaimStatus,
  LINK_STATES,
  type LinkState,
  type ReportDocument,
  type ReportLink,
  type ReportSummary,
} from '../model/report.js';

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * Cited links across documents, each key once (the same URL cited in two documents is one
 * link). Originals behind cited captures are left out: they are context, not citations.
 */
export function uniqueLinks(documents: readonly ReportDocument[]): ReportLink[] {
  const byKey = new Map<string, ReportLink>();
  for (const document of documents) {
    for (const link of document.links) {
      if (link.role === 'cited' && !byKey.has(link.key)) byKey.set(link.key, link);
    }
  }
  return [...byKey.values()];
}

/** Counts per verdict, link state and claim status; rot and inconclusive rates. */
export function summarizeDocuments(documents: readonly ReportDocument[]): ReportSummary {
  const links = uniqueLinks(documents);
  const verdicts = zeroCounts<LinkVerdictKind>(LINK_VERDICT_KINDS);
  const linkStates = zeroCounts<LinkState>(LINK_STATES);
  for (const link of links) {
    linkStates[link.state] += 1;
    if (link.result) verdicts[link.result.verdict.kind] += 1;
  }
  const claimStatuses = zeroCounts<ClaimStatus>(CLAIM_STATUSES);
  const support = { withEvidence: 0, linkOnly: 0 };
  const archive = { found: 0, validated: 0, notArchived: 0, failed: 0, skipped: 0 };
  const evidence = { supports: 0, weak: 0, notFound: 0, unreadable: 0 };
  let citations = 0;
  let citationsWithUrl = 0;
  let claims = 0;
  for (const document of documents) {
    claims += document.claims.length;
    for (const claim of document.claims) {
      claimStatuses[claim.status] += 1;
      if (claim.support === 'with-evidence') support.withEvidence += 1;
      if (claim.support === 'link-only') support.linkOnly += 1;
    }
    for (const citation of document.citations) {
      citations += 1;
      if (citation.url !== null) citationsWithUrl += 1;
      const lookup = citation.archive;
      if (lookup?.kind === 'found') {
        archive.found += 1;
        if (lookup.validated) archive.validated += 1;
      } else if (lookup?.kind === 'not-archived') archive.notArchived += 1;
      else if (lookup?.kind === 'lookup-failed') archive.failed += 1;
      else if (lookup?.kind === 'lookup-skipped') archive.skipped += 1;
      const ev = citation.evidence;
      if (ev?.kind === 'unreadable') evidence.unreadable += 1;
      else if (ev?.verdict === 'supports') evidence.supports += 1;
      else if (ev?.verdict === 'weak') evidence.weak += 1;
      else if (ev?.verdict === 'not-found') evidence.notFound += 1;
    }
  }
  const conclusive = linkStates.live + linkStates.rot + linkStates.suspect;
  const checked = links.length - linkStates.unchecked;
  return {
    documents: documents.length,
    claims,
    citations,
    citationsWithUrl,
    uniqueLinks: links.length,
    verdicts,
    linkStates,
    claimStatuses,
    support,
    rotRate: ratio(linkStates.rot, conclusive),
    inconclusive: linkStates.inconclusive,
    inconclusiveRate: ratio(linkStates.inconclusive, checked),
    archive,
    evidence,
  };
}
