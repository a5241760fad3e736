import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderCandidates } from '../../../src/archive/candidates.js';
import type { CdxCapture } from '../../../src/archive/cdx.js';
import { parseCitationDate } from '../../../src/archive/reference-date.js';
import { formatTimestamp, parseTimestamp, timestampDay } from '../../../src/archive/wayback-time.js';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const instant = fc.date({
  min: new Date('1996-01-01T00:00:00Z'),
  max: new Date('2030-12-31T23:59:59Z'),
  noInvalidDate: true,
});

describe('properties', () => {
  it('every real day, written as citations write it, parses back to itself', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom('accessed ', 'Retrieved ', 'last updated ', ''), (date, prefix) => {
        const iso = date.toISOString().slice(0, 10);
        const written = `${prefix}${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
        expect(parseCitationDate(written)).toEqual({ from: iso, to: iso });
        expect(parseCitationDate(iso)).toEqual({ from: iso, to: iso });
      }),
    );
  });

  it('timestamps round-trip', () => {
    fc.assert(
      fc.property(instant, (date) => {
        const ms = Math.floor(date.getTime() / 1000) * 1000;
        expect(parseTimestamp(formatTimestamp(ms))).toBe(ms);
      }),
    );
  });

  it('the first candidate is the latest capture up to the reference day when one exists, else the earliest after', () => {
    fc.assert(
      fc.property(fc.uniqueArray(instant, { minLength: 1, maxLength: 20 }), instant, (dates, reference) => {
        const captures: CdxCapture[] = dates.map((d) => ({
          timestamp: formatTimestamp(d.getTime()),
          original: 'https://ex.org/',
          statuscode: '200',
          mimetype: 'text/html',
          digest: 'D',
        }));
        const day = reference.toISOString().slice(0, 10);
        const ordered = orderCandidates(captures, { from: day, to: day });
        expect(ordered).toHaveLength(captures.length);
        const stamps = captures.map((c) => c.timestamp).sort();
        const before = stamps.filter((t) => timestampDay(t) <= day);
        const expected = before.length > 0 ? before.at(-1) : stamps.find((t) => timestampDay(t) > day);
        expect(ordered[0]?.timestamp).toBe(expected);
      }),
    );
  });
});
