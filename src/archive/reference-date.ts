import type { Citation } from '../model/citation.js';
import type { ReferenceDate } from '../model/snapshot.js';

/** A day or a range of days, both ends ISO `YYYY-MM-DD`, inclusive. */
export interface DayRange {
  from: string;
  to: string;
}

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['may', 5],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
]);

/**
 * Seasons as journals use them for issue dates: the meteorological (northern) season plus
 * one month, because seasonal issues often ship late. "Winter 2020" is the issue that
 * appears around January 2020, so it starts in December of the year before.
 */
const SEASONS: ReadonlyMap<string, { startMonth: number; months: number; startsPreviousYear: boolean }> = new Map([
  ['winter', { startMonth: 12, months: 4, startsPreviousYear: true }],
  ['spring', { startMonth: 3, months: 4, startsPreviousYear: false }],
  ['summer', { startMonth: 6, months: 4, startsPreviousYear: false }],
  ['autumn', { startMonth: 9, months: 4, startsPreviousYear: false }],
  ['fall', { startMonth: 9, months: 4, startsPreviousYear: false }],
]);

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

const MONTH_WORD =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/;
const ISO_MONTH = /\b(\d{4})-(\d{2})(?![\d-])/;
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_WORD},?\\s+(\\d{4})\\b`, 'i');
const MONTH_YEAR = new RegExp(`\\b${MONTH_WORD},?\\s+(\\d{4})\\b`, 'i');
const SEASON_YEAR = /\b(winter|spring|summer|autumn|fall)\s+(\d{4})\b/i;
const YEAR = /\b(\d{4})\b/;

/** A form's reading: the range, null when the form is present but names no real day, undefined when absent. */
type FormMatch = DayRange | null | undefined;

/** Most precise first. */
const FORMS: ReadonlyArray<(text: string) => FormMatch> = [
  matchIsoDay,
  matchMonthDayYear,
  matchDayMonthYear,
  matchSeason,
  matchMonthYear,
  matchIsoMonth,
  matchYear,
];

/**
 * Parses a date as citations write it ("accessed August 6, 2022", "Winter 2020", "2018",
 * "last updated September 23, 2014", "2021-03-04") to the range of days it may mean.
 * The surrounding words are ignored; the most precise form found wins. Null when no
 * date is present, or when the most precise one is impossible ("February 30, 2021"):
 * falling back to its month would pass a typo off as a reading.
 */
export function parseCitationDate(text: string): DayRange | null {
  for (const form of FORMS) {
    const match = form(text);
    if (match !== undefined) return match;
  }
  return null;
}

/**
 * The date a capture is chosen against: the citation's accessed date, else its published
 * date, else the document's date (`--as-of`, default the file's modification time).
 */
export function resolveReferenceDate(
  citation: Pick<Citation, 'accessed' | 'date'>,
  documentDate: Date | null,
): ReferenceDate | null {
  const candidates = [
    { source: 'accessed', text: citation.accessed },
    { source: 'published', text: citation.date },
  ] as const;
  for (const { source, text } of candidates) {
    const range = text === null ? null : parseCitationDate(text);
    if (range !== null) return { ...range, source, text };
  }
  if (documentDate === null || Number.isNaN(documentDate.getTime())) return null;
  const day = documentDate.toISOString().slice(0, 10);
  return { from: day, to: day, source: 'document', text: null };
}

function matchIsoDay(text: string): FormMatch {
  const m = ISO_DAY.exec(text);
  return m ? dayRange(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function matchIsoMonth(text: string): FormMatch {
  const m = ISO_MONTH.exec(text);
  return m ? monthRange(Number(m[1]), Number(m[2]), 1) : undefined;
}

function matchMonthDayYear(text: string): FormMatch {
  const m = MONTH_DAY_YEAR.exec(text);
  return m ? dayRange(Number(m[3]), monthNumber(m[1]), Number(m[2])) : undefined;
}

function matchDayMonthYear(text: string): FormMatch {
  const m = DAY_MONTH_YEAR.exec(text);
  return m ? dayRange(Number(m[3]), monthNumber(m[2]), Number(m[1])) : undefined;
}

function matchMonthYear(text: string): FormMatch {
  const m = MONTH_YEAR.exec(text);
  return m ? monthRange(Number(m[2]), monthNumber(m[1]), 1) : undefined;
}

function matchSeason(text: string): FormMatch {
  const m = SEASON_YEAR.exec(text);
  const season = m ? SEASONS.get(m[1]!.toLowerCase()) : undefined;
  if (!m || !season) return undefined;
  const year = Number(m[2]) - (season.startsPreviousYear ? 1 : 0);
  return monthRange(year, season.startMonth, season.months);
}

function matchYear(text: string): FormMatch {
  const m = YEAR.exec(text);
  return m ? monthRange(Number(m[1]), 1, 12) : undefined;
}

function monthNumber(word: string | undefined): number {
  // Every month name is unique in its first three letters ("sept" included).
  return MONTHS.get((word ?? '').toLowerCase().slice(0, 3)) ?? 0;
}

function dayRange(year: number, month: number, day: number): DayRange | null {
  if (!isPlausibleYear(year)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls Feb 30 into March: a changed month means the day did not exist.
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const iso = formatIsoDay(date);
  return { from: iso, to: iso };
}

/** `months` whole months starting at `startMonth` of `year` (may run into the next year). */
function monthRange(year: number, startMonth: number, months: number): DayRange | null {
  if (!isPlausibleYear(year) || startMonth < 1 || startMonth > 12) return null;
  const from = new Date(Date.UTC(year, startMonth - 1, 1));
  // Day 0 of the month after the range is the range's last day.
  const to = new Date(Date.UTC(year, startMonth - 1 + months, 0));
  return { from: formatIsoDay(from), to: formatIsoDay(to) };
}

function isPlausibleYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

function formatIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
