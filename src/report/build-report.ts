import { linkKeyOf } from '../extract/link-key.js';
import type { ExtractedDocument } from '../model/document.js';
import type { SourceEvidence } from '../model/evidence.js';
import type { LinkResult } from '../model/link-result.js';
import {
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportCitation,
  type ReportClaim,
  type ReportDocument,
  type ReportLink,
  type ReportWarning,
  type RunInfo,
  type SuggestedFix,
} from '../model/report.js';
import type { SaveOutcome, SnapshotLookup } from '../model/snapshot.js';
import type { LinkHistory } from '../store/result-store.js';
import { diffBaseline } from './baseline.js';
import { classifySource, decideClaimStatus } from './claim-status.js';
import { type ConfirmPolicy, decideLinkState } from './link-state.js';
import { summarizeDocuments } from './summarize.js';

/** Citation ids are unique within a document; stages keyed across documents use this. */
export function citationRef(path: string, citationId: string): string {
  return `${path}#${citationId}`;
}

export interface ReportInput {
  run: RunInfo;
  documents: ReadonlyArray<{ document: ExtractedDocument; modifiedAt: string | null }>;
  /** Check results by link key. */
  links: ReadonlyMap<string, LinkResult>;
  /** Store history by link key (after this run's results were recorded). */
  histories: ReadonlyMap<string, Pick<LinkHistory, 'failingSince' | 'consecutiveFailures'>>;
  /** Archive lookups by `citationRef`. */
  snapshots: ReadonlyMap<string, SnapshotLookup>;
  /** Save Page Now outcomes by link URL (`--save-live`). */
  saves: ReadonlyMap<string, SaveOutcome>;
  /** Claim-to-source evidence by `citationRef`. */
  evidence: ReadonlyMap<string, SourceEvidence>;
  confirm: ConfirmPolicy;
  baseline: Report | null;
  /** Run-level warnings (network, interruption, stages), besides those of each document. */
  warnings: readonly ReportWarning[];
}

/** The original-URL key of a citation that points at a Wayback capture. */
export function originalKeyOf(citation: ExtractedDocument['citations'][number]): string | null {
  return citation.archived ? linkKeyOf(citation.archived.original) : null;
}

function versionDateOf(timestamp: string): string {
  const t = timestamp.padEnd(8, '0');
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
}

function suggestFix(
  citation: ExtractedDocument['citations'][number],
  state: ReportCitation['state'],
  archive: SnapshotLookup | null,
): SuggestedFix | null {
  if (citation.url === null || citation.archived || (state !== 'rot' && state !== 'suspect')) return null;
  if (archive?.kind !== 'found' || !archive.validated) return null;
  const written = citation.urlText ?? citation.url;
  const replacementText = citation.raw.includes(written)
    ? citation.raw.replace(written, archive.snapshotUrl)
    : `${citation.raw} ${archive.snapshotUrl}`;
  return {
    kind: 'use-archive',
    replacementUrl: archive.snapshotUrl,
    originalUrl: citation.url,
    versionDate: versionDateOf(archive.timestamp),
    replacementText,
  };
}

function buildDocument(
  input: ReportInput,
  document: ExtractedDocument,
  modifiedAt: string | null,
  warnings: ReportWarning[],
): ReportDocument {
  const nowIso = input.run.finishedAt;
  const linkStates = new Map<string, ReportLink>();
  const linkFor = (key: string, url: string, citationId: string, role: ReportLink['role']): ReportLink => {
    let link = linkStates.get(key);
    if (link && role === 'cited') link.role = 'cited';
    if (!link) {
      const result = input.links.get(key) ?? null;
      const history = input.histories.get(key) ?? null;
      const summary = history
        ? { failingSince: history.failingSince, consecutiveFailures: history.consecutiveFailures }
        : null;
      const decided = decideLinkState(result, summary, input.confirm, nowIso);
      link = {
        key,
        url: result?.url ?? url,
        result,
        ...decided,
        citationIds: [],
        history: summary,
        role,
        saved: input.saves.get(url) ?? null,
      };
      linkStates.set(key, link);
    }
    if (!link.citationIds.includes(citationId)) link.citationIds.push(citationId);
    return link;
  };

  const citations: ReportCitation[] = document.citations.map((citation) => {
    const ref = citationRef(document.path, citation.id);
    const link =
      citation.linkKey && citation.url ? linkFor(citation.linkKey, citation.url, citation.id, 'cited') : null;
    const originalKey = originalKeyOf(citation);
    if (originalKey && citation.archived) linkFor(originalKey, citation.archived.original, citation.id, 'original');
    const archive = input.snapshots.get(ref) ?? null;
    const state: ReportCitation['state'] = link ? link.state : 'no-url';
    if (archive?.kind === 'lookup-failed') {
      warnings.push({
        code: 'archive-lookup-failed',
        message: `archive lookup failed (${archive.code}): ${archive.message}`,
        path: document.path,
        line: citation.line,
        column: citation.column,
        citationId: citation.id,
      });
    }
    return {
      ...citation,
      state,
      verdict: link?.result?.verdict.kind ?? null,
      originalLinkKey: originalKey,
      archive,
      evidence: input.evidence.get(ref) ?? null,
      fix: suggestFix(citation, state, archive),
    };
  });

  const byId = new Map(citations.map((c) => [c.id, c]));
  const claims: ReportClaim[] = document.claims.map((claim) => {
    const own = claim.citationIds.flatMap((id) => {
      const citation = byId.get(id);
      if (!citation) return [];
      const originalState = citation.originalLinkKey ? (linkStates.get(citation.originalLinkKey)?.state ?? null) : null;
      return [{ citation, source: classifySource(citation, originalState) }];
    });
    return { ...claim, ...decideClaimStatus(own) };
  });

  for (const warning of document.warnings) {
    const { code, message, line, column } = warning;
    warnings.push({ code, message, path: document.path, line, column, citationId: null });
  }
  return {
    path: document.path,
    format: document.format,
    modifiedAt,
    claims,
    citations,
    links: [...linkStates.values()],
  };
}

/** Builds the one Report every renderer reads. Pure: same input, same report. */
export function buildReport(input: ReportInput): Report {
  const warnings: ReportWarning[] = [...input.warnings];
  const documents = input.documents.map(({ document, modifiedAt }) =>
    buildDocument(input, document, modifiedAt, warnings),
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    run: input.run,
    documents,
    warnings,
    summary: summarizeDocuments(documents),
    baseline: input.baseline ? diffBaseline(input.baseline, documents) : null,
  };
}
