import type { LinkResult } from '../model/link-result.js';
import { isInconclusive, isLive, isRot } from '../model/link-result.js';
import type { LinkHistorySummary, LinkState } from '../model/report.js';

const DAY_MS = 86_400_000;

/** How many failing audits, spread over how many days, make rot confirmed. */
export interface ConfirmPolicy {
  runs: number;
  days: number;
}

export interface DecidedLinkState {
  state: LinkState;
  suspect: boolean;
}

/**
 * Applies the confirmation policy: a rot verdict is `rot` only after `runs` failing audits
 * in a row whose first failure is at least `days` old at `nowIso`; before that `suspect`.
 * Without a history, the current result is the only failure seen.
 */
export function decideLinkState(
  result: LinkResult | null,
  history: LinkHistorySummary | null,
  policy: ConfirmPolicy,
  nowIso: string,
): DecidedLinkState {
  if (!result) return { state: 'unchecked', suspect: false };
  const verdict = result.verdict;
  if (isLive(verdict)) return { state: 'live', suspect: false };
  if (isInconclusive(verdict)) return { state: 'inconclusive', suspect: false };
  if (!isRot(verdict)) return { state: 'skipped', suspect: false };
  const failures = Math.max(history?.consecutiveFailures ?? 1, 1);
  const since = Date.parse(history?.failingSince ?? result.checkedAt);
  const spanMs = Date.parse(nowIso) - since;
  const confirmed = failures >= policy.runs && (policy.days <= 0 || spanMs >= policy.days * DAY_MS);
  return confirmed ? { state: 'rot', suspect: false } : { state: 'suspect', suspect: true };
}
