import type { DayRange } from './reference-date.js';

/** Wayback timestamps are UTC `YYYYMMDDhhmmss`; prefixes (`2014`, `201403`) mean the period's start. */
const TIMESTAMP_PATTERN = /^\d{4,14}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds since the epoch of a (possibly partial) Wayback timestamp; null when malformed. */
export function parseTimestamp(timestamp: string): number | null {
  if (!TIMESTAMP_PATTERN.test(timestamp)) return null;
  const padded = timestamp.padEnd(14, '0');
  const part = (start: number, end: number) => Number(padded.slice(start, end));
  // A prefix like `2014` pads to month 00 and day 00: read those as the first of the period.
  const ms = Date.UTC(
    part(0, 4),
    Math.max(part(4, 6), 1) - 1,
    Math.max(part(6, 8), 1),
    part(8, 10),
    part(10, 12),
    part(12, 14),
  );
  return Number.isNaN(ms) ? null : ms;
}

/** The 14-digit Wayback timestamp of an instant. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** CDX `from`/`to` bound for an ISO day: the first or the last second of it. */
export function dayToTimestamp(isoDay: string, edge: 'start' | 'end'): string {
  return isoDay.replace(/-/g, '') + (edge === 'start' ? '000000' : '235959');
}

/** The ISO day `days` away from `isoDay` (negative for earlier). */
export function shiftDay(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO day (UTC) a timestamp falls on. */
export function timestampDay(timestamp: string): string {
  const ms = parseTimestamp(timestamp);
  return ms === null ? '' : new Date(ms).toISOString().slice(0, 10);
}

/**
 * Whole calendar days between a capture and the reference range: 0 inside the range,
 * otherwise the days to its nearest end.
 */
export function distanceDays(timestamp: string, range: DayRange): number {
  const day = timestampDay(timestamp);
  if (day >= range.from && day <= range.to) return 0;
  const edge = day < range.from ? range.from : range.to;
  return Math.round(Math.abs(Date.parse(`${day}T00:00:00Z`) - Date.parse(`${edge}T00:00:00Z`)) / DAY_MS);
}
