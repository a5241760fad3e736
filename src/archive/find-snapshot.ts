import type { Clock } from '../deps.js';
import type { ArchivedRef } from '../model/citation.js';
import type { ArchiveConfig } from '../model/config.js';
import type { ReferenceDate, SnapshotLookup } from '../model/snapshot.js';
import { isArchiveBudgetError, isArchiveLookupError } from './archive-errors.js';
import type { ArchiveLogger, ArchiveRequester } from './archive-requester.js';
import { type AvailabilityHint, queryAvailability } from './availability.js';
import { orderCandidates } from './candidates.js';
import { type CaptureSearch, type CdxCapture, findNewestCapture, searchCaptures } from './cdx.js';
import type { DayRange } from './reference-date.js';
import { type CaptureRef, type CaptureValidation, validateCapture } from './validate-capture.js';
import { dayToTimestamp, distanceDays, formatTimestamp, timestampDay } from './wayback-time.js';
import { buildSnapshotUrl } from './wayback-urls.js';

/** What one lookup needs to know about the URL (shared by every citation of that URL and date). */
export interface LookupTarget {
  url: string;
  archived: ArchivedRef | null;
  referenceDate: ReferenceDate | null;
}

export interface LookupContext {
  send: ArchiveRequester;
  config: ArchiveConfig;
  clock: Clock;
  logger: ArchiveLogger | null;
}

type Rejection = { timestamp: string; reason: string };
type ValidCapture = Extract<CaptureValidation, { ok: true }>;
type Found = Extract<SnapshotLookup, { kind: 'found' }>;

/**
 * Finds and validates the capture standing for what the author cited. Archive faults are
 * thrown (`ArchiveLookupError`, `ArchiveBudgetError`); the caller turns them into records.
 *
 * Hints (never trusted alone, always validated by fetching the capture):
 * - CDX answered but had no usable capture: one Availability call, as a second opinion
 *   before saying "not archived"; its empty answer means "unknown" and changes nothing.
 * - CDX could not answer (5xx, timeouts, unreadable): the memento redirect
 *   `/web/<ts>id_/<url>`, served by playback, a separate rate-limit pool.
 */
export async function lookupSnapshot(target: LookupTarget, ctx: LookupContext): Promise<SnapshotLookup> {
  const rejected: Rejection[] = [];
  let range: DayRange | null = target.referenceDate;
  if (target.archived !== null) {
    const cited = await validateCapture(ctx.send, ctx.config.waybackBaseUrl, target.archived, {
      exactTimestamp: false,
    });
    if (cited.ok) return found(ctx, target, range, cited, { origin: 'cited', rejected, drift: null });
    rejected.push({ timestamp: target.archived.timestamp, reason: `cited capture: ${cited.reason}` });
    // Look for a sound capture near the cited one when the citation carries no date of its own.
    const citedDay = timestampDay(target.archived.timestamp);
    range ??= citedDay === '' ? null : { from: citedDay, to: citedDay };
  }

  let search: CaptureSearch;
  try {
    search = await searchCaptures(ctx.send, ctx.config.waybackBaseUrl, target.url, range, ctx.config.windowDays);
  } catch (error) {
    if (!isArchiveLookupError(error) || error.code === 'ARCHIVE_BLOCKED') throw error;
    ctx.logger?.warn({ url: target.url, code: error.code }, 'CDX unavailable; trying the memento redirect');
    const timestamp = referenceTimestamp(range) ?? formatTimestamp(ctx.clock.now());
    const hint = await tryMementoRedirect(ctx, { timestamp, original: target.url });
    if (hint === null) throw error;
    return found(ctx, target, range, hint, { origin: 'memento-redirect', rejected, drift: null });
  }

  return search.captures.length === 0
    ? await useAvailabilityHint(ctx, target, range, rejected)
    : await chooseCandidate(ctx, target, range, search, rejected);
}

/** CDX had nothing: validate what Availability names, if anything, before saying "not archived". */
async function useAvailabilityHint(
  ctx: LookupContext,
  target: LookupTarget,
  range: DayRange | null,
  rejected: Rejection[],
): Promise<SnapshotLookup> {
  const { hint, note } = await askAvailability(ctx, target.url, range);
  if (hint !== null) {
    const capture = { ...hint, original: target.url };
    const validated = await validateCapture(ctx.send, ctx.config.waybackBaseUrl, capture, { exactTimestamp: true });
    if (validated.ok) return found(ctx, target, range, validated, { origin: 'availability', rejected, drift: null });
    rejected.push({ timestamp: hint.timestamp, reason: `availability hint: ${validated.reason}` });
  }
  return notArchived(`no 200/203/206 capture in CDX${note}`, rejected);
}

/** Validates candidates in preference order (at most `maxCandidates`); the first sound one is the pick. */
async function chooseCandidate(
  ctx: LookupContext,
  target: LookupTarget,
  range: DayRange | null,
  search: CaptureSearch,
  rejected: Rejection[],
): Promise<SnapshotLookup> {
  const candidates = orderCandidates(search.captures, range);
  const tried = candidates.slice(0, ctx.config.maxCandidates);
  for (const candidate of tried) {
    let validated: CaptureValidation;
    try {
      validated = await validateCapture(ctx.send, ctx.config.waybackBaseUrl, candidate, { exactTimestamp: true });
    } catch (error) {
      if (!isArchiveLookupError(error) && !isArchiveBudgetError(error)) throw error;
      // The capture exists in the index but could not be fetched: report it, unconfirmed.
      ctx.logger?.warn(
        { url: target.url, timestamp: candidate.timestamp, error: error.message },
        'capture not fetched',
      );
      return found(ctx, target, range, candidate, { origin: 'cdx', rejected, drift: null });
    }
    if (validated.ok) {
      const drift = await detectDrift(ctx, target.url, candidate, search);
      return found(ctx, target, range, validated, { origin: 'cdx', rejected, drift });
    }
    rejected.push({ timestamp: candidate.timestamp, reason: validated.reason });
  }
  const untried = candidates.length - tried.length;
  const note = untried > 0 ? ` (${untried} more not tried, maxCandidates ${ctx.config.maxCandidates})` : '';
  return notArchived(`every capture tried was rejected${note}`, rejected);
}

/**
 * The Availability second opinion. Its empty answer is "unknown", and so is its failure:
 * CDX, the authoritative index, has already answered.
 */
async function askAvailability(
  ctx: LookupContext,
  url: string,
  range: DayRange | null,
): Promise<{ hint: AvailabilityHint | null; note: string }> {
  try {
    const hint = await queryAvailability(ctx.send, ctx.config.availabilityBaseUrl, url, referenceTimestamp(range));
    return { hint, note: hint === null ? ' (Availability: unknown)' : '' };
  } catch (error) {
    if (!isArchiveLookupError(error)) throw error;
    ctx.logger?.debug({ url, code: error.code }, 'Availability hint failed');
    return { hint: null, note: ` (Availability: failed, ${error.code})` };
  }
}

/**
 * The memento redirect: `/web/<ts>id_/<url>` makes the Wayback Machine redirect to the
 * capture nearest `ts`, which is then validated like any other. Null when that capture
 * is not a sound page or playback fails as well.
 */
async function tryMementoRedirect(ctx: LookupContext, capture: CaptureRef): Promise<ValidCapture | null> {
  try {
    const validated = await validateCapture(ctx.send, ctx.config.waybackBaseUrl, capture, { exactTimestamp: false });
    return validated.ok ? validated : null;
  } catch (error) {
    if (!isArchiveLookupError(error)) throw error;
    ctx.logger?.debug({ url: capture.original, code: error.code }, 'memento redirect hint failed too');
    return null;
  }
}

/**
 * Drift hint: the chosen capture's digest against the newest usable capture's. When the
 * search window already reaches today its last row is the newest; otherwise one more
 * search call. Null when that call fails: drift is a hint, not worth a failed lookup.
 */
async function detectDrift(
  ctx: LookupContext,
  url: string,
  chosen: CdxCapture,
  search: CaptureSearch,
): Promise<boolean | null> {
  let newest: CdxCapture | null;
  if (search.window.to === null || search.window.to >= formatTimestamp(ctx.clock.now())) {
    newest = search.captures[search.captures.length - 1] ?? null;
  } else {
    try {
      newest = await findNewestCapture(ctx.send, ctx.config.waybackBaseUrl, url);
    } catch (error) {
      if (!isArchiveLookupError(error) && !isArchiveBudgetError(error)) throw error;
      ctx.logger?.debug({ url, error: error.message }, 'newest capture unknown; drift not assessed');
      return null;
    }
  }
  return newest === null ? null : newest.digest !== chosen.digest;
}

/** A found record; validated when the capture comes with the `rawUrl` its validation read. */
function found(
  ctx: LookupContext,
  target: LookupTarget,
  range: DayRange | null,
  capture: CaptureRef | ValidCapture,
  extra: { origin: NonNullable<Found['origin']>; rejected: Rejection[]; drift: boolean | null },
): Found {
  const validated = 'rawUrl' in capture;
  return {
    kind: 'found',
    // The normal replay form of the page the citation named: what an editor pastes.
    snapshotUrl: buildSnapshotUrl(
      ctx.config.waybackBaseUrl,
      capture.timestamp,
      target.archived?.original ?? target.url,
    ),
    timestamp: capture.timestamp,
    distanceDays: range === null ? 0 : distanceDays(capture.timestamp, range),
    validated,
    drift: extra.drift,
    referenceDate: target.referenceDate,
    rejected: extra.rejected,
    origin: extra.origin,
    ...(validated ? { rawUrl: capture.rawUrl } : {}),
  };
}

function notArchived(summary: string, rejected: Rejection[]): SnapshotLookup {
  const details = rejected.map((r) => `${r.timestamp}: ${r.reason}`).join('; ');
  return { kind: 'not-archived', reason: details === '' ? summary : `${summary}: ${details}` };
}

/** The time hints are asked about: the end of the reference range, or the newest capture. */
function referenceTimestamp(range: DayRange | null): string | null {
  return range === null ? null : dayToTimestamp(range.to, 'end');
}
