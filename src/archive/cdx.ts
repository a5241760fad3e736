import { ArchiveLookupError } from './archive-errors.js';
import type { ArchiveRequester } from './archive-requester.js';
import type { DayRange } from './reference-date.js';
import { dayToTimestamp, shiftDay } from './wayback-time.js';

/** One CDX row, fields as requested with `fl=`. */
export interface CdxCapture {
  timestamp: string;
  original: string;
  statuscode: string;
  mimetype: string;
  digest: string;
}

/** A `from`/`to` window of CDX timestamps; null bounds mean open-ended. */
export interface CdxWindow {
  from: string | null;
  to: string | null;
}

/** Only these archived statuses are pages (IABot's list): 203 and 206 are complete enough to cite. */
export const USABLE_CAPTURE_STATUSES: ReadonlySet<string> = new Set(['200', '203', '206']);
const CDX_FIELDS = ['timestamp', 'original', 'statuscode', 'mimetype', 'digest'] as const;
/** Java regex for the server-side filter; rows are filtered again here. */
const CDX_STATUS_FILTER = 'statuscode:20[036]';
/** One row per day is plenty to pick from and keeps popular URLs' answers small. */
const CDX_COLLAPSE = 'timestamp:8';
export const CDX_MAX_BODY_BYTES = 4 * 1024 * 1024;
export function buildCdxQueryUrl(
  base: string,
  url: string,
  window: CdxWindow,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({ url, output: 'json', fl: CDX_FIELDS.join(',') });
  params.append('filter', CDX_STATUS_FILTER);
  params.append('collapse', CDX_COLLAPSE);
  if (window.from !== null) params.append('from', window.from);
  if (window.to !== null) params.append('to', window.to);
  for (const [key, value] of Object.entries(extra)) params.append(key, value);
  return `${base.replace(/\/+$/, '')}/cdx/search/cdx?${params.toString()}`;
}

/**
 * Reads a CDX `output=json` answer: a header row naming the fields, then rows; `[]` when
 * nothing matched; a blank row and a resume key at the end with `showResumeKey`. Keeps
 * usable statuses only, drops repeated rows (recordings show identical rows), sorts by time.
 */
export function parseCdxJson(body: string): CdxCapture[] {
  if (body.trim() === '') return [];
  let rows: unknown;
  try {
    rows = JSON.parse(body);
  } catch (error) {
    throw new ArchiveLookupError('ARCHIVE_BAD_RESPONSE', 'CDX answer is not JSON', { cause: error });
  }
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row))) {
    throw new ArchiveLookupError('ARCHIVE_BAD_RESPONSE', 'CDX answer is not an array of rows');
  }
  const [header, ...data] = rows as unknown[][];
  if (header === undefined) return [];
  const column = new Map(header.map((name, index) => [String(name), index]));
  const missing = CDX_FIELDS.filter((field) => !column.has(field));
  if (missing.length > 0) {
    throw new ArchiveLookupError('ARCHIVE_BAD_RESPONSE', `CDX header row lacks ${missing.join(', ')}`);
  }
  const seen = new Set<string>();
  const captures: CdxCapture[] = [];
  for (const row of data) {
    // The blank separator and the resume key are shorter than a data row.
    if (row.length < header.length) continue;
    const read = (field: (typeof CDX_FIELDS)[number]) => String(row[column.get(field)!] ?? '');
    const capture: CdxCapture = {
      timestamp: read('timestamp'),
      original: read('original'),
      statuscode: read('statuscode'),
      mimetype: read('mimetype'),
      digest: read('digest'),
    };
    const key = `${capture.timestamp} ${capture.original} ${capture.digest}`;
    if (!/^\d{14}$/.test(capture.timestamp) || !USABLE_CAPTURE_STATUSES.has(capture.statuscode) || seen.has(key)) {
      continue;
    }
    seen.add(key);
    captures.push(capture);
  }
  return captures.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

export interface CaptureSearch {
  captures: CdxCapture[];
  /** The window that produced them (the last one tried when none did). */
  window: CdxWindow;
  /** CDX calls spent. */
  queries: number;
}

/**
 * The windows tried in order: ±windowDays around the reference range, then (one widening)
 * the whole history. A page archived at all shows up in the second; the first keeps the
 * answer small for pages captured daily. Without a reference date, the whole history.
 */
export function planCdxWindows(range: DayRange | null, windowDays: number): CdxWindow[] {
  const open: CdxWindow = { from: null, to: null };
  if (range === null) return [open];
  const around: CdxWindow = {
    from: dayToTimestamp(shiftDay(range.from, -windowDays), 'start'),
    to: dayToTimestamp(shiftDay(range.to, windowDays), 'end'),
  };
  return [around, open];
}

/** Asks CDX for usable captures around the reference range, widening once when the answer is empty. */
export async function searchCaptures(
  send: ArchiveRequester,
  base: string,
  url: string,
  range: DayRange | null,
  windowDays: number,
): Promise<CaptureSearch> {
  const windows = planCdxWindows(range, windowDays);
  let queries = 0;
  for (const window of windows) {
    queries += 1;
    const captures = await queryCdx(send, buildCdxQueryUrl(base, url, window));
    if (captures.length > 0) return { captures, window, queries };
  }
  return { captures: [], window: windows[windows.length - 1]!, queries };
}

/** The newest usable capture of `url`, for the drift hint. */
export async function findNewestCapture(send: ArchiveRequester, base: string, url: string): Promise<CdxCapture | null> {
  const open: CdxWindow = { from: null, to: null };
  // fastLatest + limit=-1 is the CDX server's cheap "last row" for exact matches.
  const captures = await queryCdx(send, buildCdxQueryUrl(base, url, open, { fastLatest: 'true', limit: '-1' }));
  return captures[captures.length - 1] ?? null;
}

async function queryCdx(send: ArchiveRequester, queryUrl: string): Promise<CdxCapture[]> {
  const response = await send('search', {
    url: queryUrl,
    method: 'GET',
    headers: { accept: 'application/json' },
    maxBodyBytes: CDX_MAX_BODY_BYTES,
  });
  if (response.status === 403) {
    // Blocked sites and robots exclusions: the archive may hold captures but will not serve them.
    const detail = response.headers['x-archive-wayback-runtime-error'] ?? 'access denied';
    throw new ArchiveLookupError('ARCHIVE_BLOCKED', `CDX refused the URL: ${detail}`);
  }
  if (response.status !== 200) {
    throw new ArchiveLookupError(`ARCHIVE_HTTP_${response.status}`, `CDX answered ${response.status}`);
  }
  if (response.truncated) {
    throw new ArchiveLookupError('ARCHIVE_BAD_RESPONSE', `CDX answer exceeds ${CDX_MAX_BODY_BYTES} bytes`);
  }
  return parseCdxJson(response.body.toString('utf8'));
}
