import { judgePage } from '../check/page-rules.js';
import type { HttpResponse } from '../model/http.js';
import type { ArchiveRequester } from './archive-requester.js';
import { formatTimestamp, parseTimestamp } from './wayback-time.js';
import { buildRawMementoUrl, isSameArchivedPage, parseMementoUrl } from './wayback-urls.js';

/** The capture to look at: a CDX row, an Availability hint, or a capture the citation names. */
export interface CaptureRef {
  timestamp: string;
  original: string;
}

export type CaptureValidation =
  | {
      ok: true;
      /** The capture of the asked URL (after any Wayback redirect to the nearest one). */
      timestamp: string;
      original: string;
      /** `id_` URL of the bytes judged sound: the capture itself, or where its archived redirects led. */
      rawUrl: string;
      hops: number;
    }
  | { ok: false; reason: string };

export interface ValidateOptions {
  /**
   * The timestamp is a real capture's (from CDX or Availability): a Wayback redirect to a
   * capture more than a day away means it is not there. Off for cited and partial timestamps.
   */
  exactTimestamp: boolean;
}

/** Archived redirect hops followed (each one a playback fetch). */
export const MAX_ARCHIVED_HOPS = 5;
export const MEMENTO_MAX_BODY_BYTES = 2 * 1024 * 1024;
/** The edgi client's window for accepting a Wayback redirect to a nearby capture. */
const EXACT_TIMESTAMP_SLACK_MS = 24 * 60 * 60 * 1000;

/**
 * Fetches `/web/<ts>id_/<url>` and decides whether it is a real archived page: it must be a
 * memento (`Memento-Datetime`; without it the answer is the Wayback Machine's own), its
 * archived status below 400, and the checker's page rules must find no soft-404, login wall,
 * redirect to the site root or bot wall. Archived redirects are followed a bounded number of
 * hops. Transport faults and budget exhaustion propagate: they say nothing about the capture.
 */
export async function validateCapture(
  send: ArchiveRequester,
  base: string,
  capture: CaptureRef,
  options: ValidateOptions,
): Promise<CaptureValidation> {
  let timestamp = capture.timestamp;
  let target = capture.original;
  let redirected = false;
  /** Set at the first memento: archived redirects after it lead elsewhere, the capture stays this one. */
  let captured: string | null = null;
  for (let hop = 0; hop <= MAX_ARCHIVED_HOPS; hop += 1) {
    const response = await send('fetch', {
      url: buildRawMementoUrl(base, timestamp, target),
      method: 'GET',
      maxBodyBytes: MEMENTO_MAX_BODY_BYTES,
    });
    const mementoDatetime = response.headers['memento-datetime'];
    const location = response.headers.location;
    if (mementoDatetime !== undefined) captured ??= fullTimestamp(timestamp, mementoDatetime);
    if (response.status >= 300 && response.status < 400 && location !== undefined) {
      const next = parseMementoUrl(location, base);
      if (next === null) return reject(`redirect leaves the archive: ${location}`);
      if (mementoDatetime === undefined) {
        // The Wayback Machine itself offers the nearest capture: the asked one does not exist.
        if (options.exactTimestamp && !isWithinSlack(next.timestamp, capture.timestamp)) {
          return reject(`the Wayback Machine has no capture at ${capture.timestamp} (offered ${next.timestamp})`);
        }
        redirected ||= !isSameArchivedPage(next.original, target);
      } else {
        redirected = true;
      }
      timestamp = next.timestamp;
      target = next.original;
      continue;
    }
    if (mementoDatetime === undefined) {
      return reject(`not a memento: the Wayback Machine answered ${response.status} without Memento-Datetime`);
    }
    if (response.status >= 300) return reject(`archived status ${response.status}`);
    const judgement = judgePage({
      requestedUrl: capture.original,
      finalUrl: target,
      status: response.status,
      headers: restoreOriginalHeaders(response),
      body: response.body.toString('utf8'),
      redirected,
    });
    if (judgement.kind !== 'ok')
      return reject(`archived ${judgement.kind} page (${judgement.rule}: ${judgement.detail})`);
    return {
      ok: true,
      timestamp: captured ?? timestamp,
      original: capture.original,
      rawUrl: buildRawMementoUrl(base, timestamp, target),
      hops: hop,
    };
  }
  return reject(`more than ${MAX_ARCHIVED_HOPS} archived redirects`);
}

function reject(reason: string): CaptureValidation {
  return { ok: false, reason };
}

function isWithinSlack(offered: string, asked: string): boolean {
  const offeredMs = parseTimestamp(offered);
  const askedMs = parseTimestamp(asked);
  return offeredMs !== null && askedMs !== null && Math.abs(offeredMs - askedMs) <= EXACT_TIMESTAMP_SLACK_MS;
}

/** In `id_` mode the archived page's own headers come as `x-archive-orig-*`: judge the page by those. */
function restoreOriginalHeaders(response: HttpResponse): Record<string, string> {
  const headers = { ...response.headers };
  for (const [name, value] of Object.entries(response.headers)) {
    if (name.startsWith('x-archive-orig-')) headers[name.slice('x-archive-orig-'.length)] = value;
  }
  return headers;
}

/** A cited partial timestamp (`2019`) answered directly: the memento's own datetime is the real one. */
function fullTimestamp(timestamp: string, mementoDatetime: string): string {
  if (timestamp.length === 14) return timestamp;
  const ms = Date.parse(mementoDatetime);
  return Number.isNaN(ms) ? timestamp : formatTimestamp(ms);
}
