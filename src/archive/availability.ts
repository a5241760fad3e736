import { ArchiveLookupError } from './archive-errors.js';
import type { ArchiveRequester } from './archive-requester.js';
import { USABLE_CAPTURE_STATUSES } from './cdx.js';

/** The one capture the Availability API names as closest to the asked time. */
export interface AvailabilityHint {
  timestamp: string;
  status: string;
}

const AVAILABILITY_MAX_BODY_BYTES = 64 * 1024;

export function buildAvailabilityUrl(base: string, url: string, timestamp: string | null): string {
  const params = new URLSearchParams({ url });
  if (timestamp !== null) params.append('timestamp', timestamp);
  return `${base.replace(/\/+$/, '')}/wayback/available?${params.toString()}`;
}

/**
 * Reads `{"archived_snapshots": {"closest": {...}}}`. Null for the empty
 * `{"archived_snapshots": {}}`, which means "unknown" (the API is often empty for URLs
 * that are archived), and for a closest capture whose status is not a usable page.
 */
export function parseAvailability(body: string): AvailabilityHint | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ArchiveLookupError('ARCHIVE_BAD_RESPONSE', 'Availability answer is not JSON', { cause: error });
  }
  const snapshots = (parsed as { archived_snapshots?: unknown } | null)?.archived_snapshots;
  if (typeof snapshots !== 'object' || snapshots === null) {
    throw new ArchiveLookupError('ARCHIVE_BAD_RESPONSE', 'Availability answer lacks archived_snapshots');
  }
  const closest = (snapshots as { closest?: Record<string, unknown> }).closest;
  if (closest === undefined) return null;
  const timestamp = String(closest.timestamp ?? '');
  const status = String(closest.status ?? '');
  if (closest.available === false || !/^\d{14}$/.test(timestamp) || !USABLE_CAPTURE_STATUSES.has(status)) return null;
  return { timestamp, status };
}

export async function queryAvailability(
  send: ArchiveRequester,
  base: string,
  url: string,
  timestamp: string | null,
): Promise<AvailabilityHint | null> {
  // Availability is answered from the CDX index: it spends from the search budget.
  const response = await send('search', {
    url: buildAvailabilityUrl(base, url, timestamp),
    method: 'GET',
    headers: { accept: 'application/json' },
    maxBodyBytes: AVAILABILITY_MAX_BODY_BYTES,
  });
  if (response.status !== 200) {
    throw new ArchiveLookupError(`ARCHIVE_HTTP_${response.status}`, `Availability API answered ${response.status}`);
  }
  return parseAvailability(response.body.toString('utf8'));
}
