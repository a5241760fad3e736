import { isLive, isRot, type LinkResult } from '../model/link-result.js';
import type { LinkHistory } from './result-store.js';

/**
 * The history of one link from its recorded audits, oldest first, at most one per run
 * (both stores keep one result per run and key). The one definition both stores share.
 *
 * Streak rules, chosen so a flaky host can neither hide rot nor fake it:
 * - a rot verdict (`isRot`) extends the current failure streak;
 * - a live verdict (`alive`, `redirected`) ends it;
 * - an inconclusive or skipped verdict neither breaks nor extends it: "we could not tell"
 *   says nothing about the source, so `broken, timeout, broken` is two failing audits in a
 *   row, and `failingSince` stays at the first `broken`.
 * Results served from the cache (`fromCache`) are not new observations and are ignored.
 */
export function computeLinkHistory(key: string, audits: readonly LinkResult[]): LinkHistory {
  const observed = audits.filter((result) => !result.fromCache);
  let failingSince: string | null = null;
  let consecutiveFailures = 0;
  let lastOkAt: string | null = null;
  for (let i = observed.length - 1; i >= 0; i--) {
    const result = observed[i]!;
    if (isLive(result.verdict)) {
      lastOkAt = result.checkedAt;
      break;
    }
    if (isRot(result.verdict)) {
      consecutiveFailures++;
      failingSince = result.checkedAt;
    }
  }
  return {
    key,
    failingSince,
    consecutiveFailures,
    lastOkAt,
    lastCheckedAt: observed.at(-1)?.checkedAt ?? null,
    checks: observed.length,
  };
}
