import type { ClaimStatus, ClaimSupport, ReportCitation } from '../model/report.js';

/**
 * What one citation contributes to its claim. `pending` covers everything we could not
 * decide yet (inconclusive, suspect, skipped, unchecked): never counted as rot.
 */
export type SourceClass = 'live' | 'archived' | 'rot' | 'pending' | 'none';

type CitationView = Pick<ReportCitation, 'url' | 'archived' | 'state' | 'archive' | 'evidence'>;

function hasValidatedCapture(citation: CitationView): boolean {
  return citation.archive?.kind === 'found' && citation.archive.validated;
}

/**
 * Classifies a citation's source. A citation that already points at an archive counts as
 * live when its original still lives, and as archived when its capture holds.
 */
export function classifySource(citation: CitationView, originalState: ReportCitation['state'] | null): SourceClass {
  if (citation.url === null || citation.state === 'no-url') return 'none';
  if (citation.archived) {
    if (originalState === 'live') return 'live';
    if (hasValidatedCapture(citation)) return 'archived';
    if (citation.archive === null && citation.state === 'live') return 'archived';
    return citation.state === 'rot' ? 'rot' : 'pending';
  }
  if (citation.state === 'live') return 'live';
  if (citation.state === 'rot') return hasValidatedCapture(citation) ? 'archived' : 'rot';
  return 'pending';
}

function hasSupportingEvidence(citation: CitationView): boolean {
  return citation.evidence?.kind === 'read' && citation.evidence.verdict === 'supports';
}

export interface DecidedClaimStatus {
  status: ClaimStatus;
  support: ClaimSupport;
  reason: string;
}

/**
 * supported: at least one live source; archived-only: every source rotted and at least one
 * validated capture; unsupported: every source rotted, no capture; at-risk: no live source
 * and some could not be decided; unsourced: no citation carries a URL.
 */
export function decideClaimStatus(
  citations: ReadonlyArray<{ citation: CitationView; source: SourceClass }>,
): DecidedClaimStatus {
  const sourced = citations.filter((c) => c.source !== 'none');
  const count = (cls: SourceClass) => sourced.filter((c) => c.source === cls).length;
  const total = sourced.length;
  if (total === 0) return { status: 'unsourced', support: null, reason: 'no citation carries a URL' };
  const live = count('live');
  const archived = count('archived');
  const rot = count('rot');
  const withEvidence = (cls: SourceClass) =>
    sourced.some((c) => c.source === cls && hasSupportingEvidence(c.citation)) ? 'with-evidence' : 'link-only';
  if (live > 0) {
    return { status: 'supported', support: withEvidence('live'), reason: `${live} of ${total} sources live` };
  }
  if (archived + rot === total) {
    if (archived > 0) {
      return {
        status: 'archived-only',
        support: withEvidence('archived'),
        reason: `every source rotted; ${archived} with a validated capture`,
      };
    }
    return { status: 'unsupported', support: null, reason: `every source rotted (${rot}), no capture found` };
  }
  const pending = count('pending');
  return {
    status: 'at-risk',
    support: null,
    reason: `no live source; ${pending} of ${total} could not be decided`,
  };
}
