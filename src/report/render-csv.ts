import type { Report } from '../model/report.js';
import { csvCell } from './escape.js';

const COLUMNS = [
  'document',
  'citation_id',
  'claim_id',
  'line',
  'column',
  'section',
  'claim_status',
  'claim_support',
  'raw',
  'url',
  'link_key',
  'link_state',
  'verdict',
  'reason',
  'http_status',
  'final_url',
  'error_code',
  'rule',
  'checked_at',
  'from_cache',
  'failing_since',
  'consecutive_failures',
  'archive',
  'capture_url',
  'capture_timestamp',
  'capture_validated',
  'evidence',
  'evidence_score',
  'title_match',
  'replacement_url',
] as const;

type Row = Record<(typeof COLUMNS)[number], string | number | boolean | null>;

/** One row per citation, for dashboards; every cell is safe against formula injection. */
export function renderCsv(report: Report): string {
  const rows: Row[] = report.documents.flatMap((document) => {
    const claims = new Map(document.claims.map((c) => [c.id, c]));
    const links = new Map(document.links.map((l) => [l.key, l]));
    return document.citations.map((citation) => {
      const claim = claims.get(citation.claimId);
      const link = citation.linkKey ? links.get(citation.linkKey) : undefined;
      const verdict = link?.result?.verdict;
      const archive = citation.archive;
      const evidence = citation.evidence;
      return {
        document: document.path,
        citation_id: citation.id,
        claim_id: citation.claimId,
        line: citation.line,
        column: citation.column,
        section: claim?.section ?? null,
        claim_status: claim?.status ?? null,
        claim_support: claim?.support ?? null,
        raw: citation.raw,
        url: citation.url,
        link_key: citation.linkKey,
        link_state: citation.state,
        verdict: verdict?.kind ?? null,
        reason: verdict?.reason ?? null,
        http_status: verdict?.evidence.status ?? null,
        final_url: verdict?.evidence.finalUrl ?? null,
        error_code: verdict?.evidence.errorCode ?? null,
        rule: verdict?.evidence.rule ?? null,
        checked_at: link?.result?.checkedAt ?? null,
        from_cache: link?.result?.fromCache ?? null,
        failing_since: link?.history?.failingSince ?? null,
        consecutive_failures: link?.history?.consecutiveFailures ?? null,
        archive: archive?.kind ?? null,
        capture_url: archive?.kind === 'found' ? archive.snapshotUrl : null,
        capture_timestamp: archive?.kind === 'found' ? archive.timestamp : null,
        capture_validated: archive?.kind === 'found' ? archive.validated : null,
        evidence: evidence ? (evidence.kind === 'read' ? evidence.verdict : `unreadable:${evidence.reason}`) : null,
        evidence_score: evidence?.kind === 'read' ? Number(evidence.score.toFixed(4)) : null,
        title_match: evidence?.kind === 'read' ? evidence.titleMatch.verdict : null,
        replacement_url: citation.fix?.replacementUrl ?? null,
      };
    });
  });
  const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
