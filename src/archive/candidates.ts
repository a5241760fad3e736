import type { CdxCapture } from './cdx.js';
import type { DayRange } from './reference-date.js';
import { timestampDay } from './wayback-time.js';

/**
 * Captures in the order to try them (IABot's rule): those on or before the end of the
 * reference range, closest first, then those after it, closest first. A capture on the
 * access day itself counts as "before": the hour the author read the page is unknown.
 * Without a reference date, newest first.
 */
export function orderCandidates(captures: readonly CdxCapture[], range: DayRange | null): CdxCapture[] {
  const byTimeDescending = [...captures].sort((a, b) => b.timestamp.localeCompare(a.timestamp));
  if (range === null) return byTimeDescending;
  const before = byTimeDescending.filter((capture) => timestampDay(capture.timestamp) <= range.to);
  const after = byTimeDescending.filter((capture) => timestampDay(capture.timestamp) > range.to).reverse();
  return [...before, ...after];
}
