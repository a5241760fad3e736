import { EXIT as EXIT_CODES } from '../exit-codes.js';
import type { ReportConfig } from '../model/config.js';
import type { Report } from '../model/report.js';
import { uniqueLinks } from './summarize.js';

// The documented exit codes have one definition, next to the CLI that returns them.
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

export interface ExitDecision {
  code: ExitCode;
  reason: string;
}

export type ExitPolicy = Pick<ReportConfig, 'failOn' | 'maxRotRate' | 'maxInconclusiveRate'>;

function pct(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/**
 * 4 when the run could not audit (offline, interrupted, too many inconclusive links);
 * else 1 when rot fails the policy; else 0. With a baseline only new rot counts, and
 * suspect (unconfirmed) rot never fails.
 */
export function decideExitCode(report: Report, policy: ExitPolicy): ExitDecision {
  const { summary, run } = report;
  if (run.network.state === 'offline') {
    return { code: EXIT_CODES.couldNotAudit, reason: run.network.message || 'network unreachable' };
  }
  if (run.interrupted) return { code: EXIT_CODES.couldNotAudit, reason: 'the run was interrupted before it finished' };
  if (summary.inconclusiveRate !== null && summary.inconclusiveRate > policy.maxInconclusiveRate) {
    return {
      code: EXIT_CODES.couldNotAudit,
      reason: `${summary.inconclusive} of ${summary.uniqueLinks} links inconclusive (${pct(summary.inconclusiveRate)} > ${pct(policy.maxInconclusiveRate)}): too few answers to judge`,
    };
  }
  if (policy.failOn === 'never') return { code: EXIT_CODES.ok, reason: 'policy: never fail' };

  const failingKeys = new Set(
    report.baseline
      ? report.baseline.newRot.map((l) => l.key)
      : uniqueLinks(report.documents)
          .filter((l) => l.state === 'rot')
          .map((l) => l.key),
  );
  const scope = report.baseline ? 'new rotten links' : 'rotten links';
  if (policy.failOn === 'unsupported') {
    const unsupported = report.documents.flatMap((d) => {
      const failingCitations = new Set(
        d.citations.filter((c) => c.linkKey !== null && failingKeys.has(c.linkKey)).map((c) => c.id),
      );
      return d.claims.filter(
        (claim) => claim.status === 'unsupported' && claim.citationIds.some((id) => failingCitations.has(id)),
      );
    });
    return unsupported.length > 0
      ? { code: EXIT_CODES.policyFailed, reason: `${unsupported.length} claims unsupported (${scope})` }
      : { code: EXIT_CODES.ok, reason: 'no unsupported claim' };
  }
  if (policy.maxRotRate !== null && !report.baseline) {
    const rate = summary.rotRate ?? 0;
    return rate > policy.maxRotRate
      ? { code: EXIT_CODES.policyFailed, reason: `rot rate ${pct(rate)} > ${pct(policy.maxRotRate)}` }
      : { code: EXIT_CODES.ok, reason: `rot rate ${pct(rate)} within ${pct(policy.maxRotRate)}` };
  }
  return failingKeys.size > 0
    ? { code: EXIT_CODES.policyFailed, reason: `${failingKeys.size} ${scope}` }
    : { code: EXIT_CODES.ok, reason: `no ${scope}` };
}
