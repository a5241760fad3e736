import pLimit from 'p-limit';
import type { ArchiveConfig } from '../model/config.js';
import type { SnapshotLookup } from '../model/snapshot.js';
import { isArchiveBudgetError, isArchiveLookupError } from './archive-errors.js';
import { type ArchiveDeps, openArchiveSession, type SnapshotRequest } from './archive-session.js';
import { type LookupTarget, lookupSnapshot } from './find-snapshot.js';

export type { ArchiveCallKind, ArchiveLimiter } from './archive-limiter.js';
export { createArchiveLimiter } from './archive-limiter.js';
export type { ArchiveLogger } from './archive-requester.js';
export type { ArchiveDeps, SaveCredentials, SnapshotRequest } from './archive-session.js';
export { createArchiveLimiterFor, readSaveCredentials } from './archive-session.js';
export { type DayRange, parseCitationDate, resolveReferenceDate } from './reference-date.js';
export { type SaveDeps, saveLiveSources } from './save-page-now.js';
export { buildRawMementoUrl, buildSnapshotUrl } from './wayback-urls.js';

/**
 * Lookups in flight at once. The limiter sets the pace; a few in flight keep one slow
 * capture from holding up the queue without piling requests onto archive.org.
 */
export const ARCHIVE_CONCURRENCY = 4;

/**
 * Finds a validated Wayback capture for each request (keyed by citation id). Requests for
 * the same URL, capture and reference date share one lookup. Never throws for archive
 * faults: a failed lookup is `lookup-failed` (logged as a warning), and once the time
 * budget (`timeoutMs`) runs out or the run is aborted, the rest are `lookup-skipped`.
 *
 * A request with `archived` set validates that capture (`origin: 'cited'`) and, when it is
 * not a sound page, looks for another, listing the cited one first in `rejected`. Checking
 * the original URL is the checker's job; the pipeline reports both.
 */
export async function findSnapshots(
  requests: SnapshotRequest[],
  config: ArchiveConfig,
  deps: ArchiveDeps,
): Promise<Map<string, SnapshotLookup>> {
  const results = new Map<string, SnapshotLookup>();
  if (!config.enabled) {
    for (const request of requests)
      results.set(request.id, { kind: 'lookup-skipped', reason: 'archive lookups disabled' });
    return results;
  }
  const { send, clock } = openArchiveSession(config, deps);
  const logger = deps.logger ?? null;
  const groups = groupRequests(requests);
  let stopReason: string | null = null;

  const runLookup = async (target: LookupTarget): Promise<SnapshotLookup> => {
    if (deps.signal?.aborted) stopReason ??= 'run aborted';
    if (stopReason !== null) return { kind: 'lookup-skipped', reason: stopReason };
    try {
      return await lookupSnapshot(target, { send, config, clock, logger });
    } catch (error) {
      if (isArchiveBudgetError(error)) {
        stopReason ??= error.message;
        return { kind: 'lookup-skipped', reason: error.message };
      }
      if (deps.signal?.aborted) {
        stopReason ??= 'run aborted';
        return { kind: 'lookup-skipped', reason: stopReason };
      }
      const failure = describeFailure(error);
      logger?.warn({ url: target.url, ...failure }, 'archive lookup failed');
      return { kind: 'lookup-failed', ...failure };
    }
  };

  const limit = pLimit(ARCHIVE_CONCURRENCY);
  await Promise.all(
    [...groups.values()].map(({ target, members }) =>
      limit(async () => {
        const lookup = await runLookup(target);
        // Same days, but each citation keeps its own reference date's wording and source.
        for (const { id, referenceDate } of members) {
          results.set(id, lookup.kind === 'found' ? { ...lookup, referenceDate } : lookup);
        }
      }),
    ),
  );
  return results;
}

interface RequestGroup {
  target: LookupTarget;
  members: SnapshotRequest[];
}

function groupRequests(requests: SnapshotRequest[]): Map<string, RequestGroup> {
  const groups = new Map<string, RequestGroup>();
  for (const request of requests) {
    const { url, archived, referenceDate } = request;
    const key = JSON.stringify([url, archived, referenceDate?.from ?? null, referenceDate?.to ?? null]);
    const group = groups.get(key);
    if (group) group.members.push(request);
    else groups.set(key, { target: { url, archived, referenceDate }, members: [request] });
  }
  return groups;
}

/** A fault of one lookup as data; unexpected errors keep their message so nothing fails silently. */
function describeFailure(error: unknown): { code: string; message: string } {
  if (isArchiveLookupError(error)) return { code: error.code, message: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' ? code : 'ARCHIVE_INTERNAL',
    message: error instanceof Error ? error.message : String(error),
  };
}
