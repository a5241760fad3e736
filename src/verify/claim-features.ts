import { isStopword, normalizeText, replaceNumberWords, splitWords } from './text.js';

/**
 * The specific, checkable parts of a claim: the numbers (scale and percent normalised),
 * years and dates, names (capitalised words not opening a sentence) and quoted phrases.
 * A source that shares the topic words but not these is only topically related.
 */
export interface ClaimFeatures {
  /** Canonical number strings, e.g. "3500000", "12.5%". Years are in `dates`, not here. */
  numbers: string[];
  /** Years (1500–2099) and "month year" dates, canonical ("2019", "2019-03"). */
  dates: string[];
  /** Lower-cased names, one token each. */
  names: string[];
  /** Normalised quoted phrases of at least two words. */
  quotes: string[];
}

const SCALES: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
};

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const NUMBER_RE =
  /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(%|percent\b|per cent\b|thousand\b|million\b|billion\b|trillion\b|bn\b|mn\b)?/gi;
const MONTH_YEAR_RE = new RegExp(`\\b(${MONTHS.join('|')})\\s+(?:\\d{1,2},?\\s+)?((?:1[5-9]|20)\\d{2})\\b`, 'gi');

/** Canonical numbers and years found in `text` (any case, any spacing). */
export function extractQuantities(text: string): { numbers: string[]; years: string[] } {
  const numbers = new Set<string>();
  const years = new Set<string>();
  for (const m of replaceNumberWords(text).matchAll(NUMBER_RE)) {
    const integer = (m[1] ?? '').replace(/,/g, '');
    const fraction = m[2];
    const unit = (m[3] ?? '').toLowerCase();
    if (!fraction && !unit && /^(1[5-9]|20)\d{2}$/.test(integer)) {
      years.add(integer);
      continue;
    }
    const value = Number(fraction ? `${integer}.${fraction}` : integer);
    if (unit === '%' || unit.startsWith('per')) {
      numbers.add(`${value}%`);
      continue;
    }
    const scale = SCALES[unit] ?? 1;
    // Small bare integers ("two of 3 studies", list numbering) say little; keep from 10 on.
    if (scale === 1 && !fraction && value < 10) continue;
    numbers.add(String(Math.round(value * scale * 1000) / 1000));
  }
  return { numbers: [...numbers], years: [...years] };
}

function extractDates(text: string, years: readonly string[]): string[] {
  const dates = new Set(years);
  for (const m of text.matchAll(MONTH_YEAR_RE)) {
    const month = MONTHS.indexOf((m[1] ?? '').toLowerCase()) + 1;
    dates.add(`${m[2]}-${String(month).padStart(2, '0')}`);
  }
  return [...dates];
}

/** Dates present in a text, in the same canonical forms as `ClaimFeatures.dates`. */
export function extractDatesFrom(text: string): string[] {
  return extractDates(text, extractQuantities(text).years);
}

function extractNames(text: string): string[] {
  const names = new Set<string>();
  const tokens = text.match(/[\p{L}][\p{L}\p{M}'-]*|[.!?:;]/gu) ?? [];
  let sentenceStart = true;
  for (const token of tokens) {
    if (/^[.!?:;]$/.test(token)) {
      sentenceStart = true;
      continue;
    }
    const lower = normalizeText(token);
    const capitalised = /^\p{Lu}/u.test(token);
    const acronym = /^\p{Lu}{2,}$/u.test(token);
    if (capitalised && (!sentenceStart || acronym) && !isStopword(lower) && !MONTHS.includes(lower)) {
      names.add(lower);
    }
    sentenceStart = false;
  }
  return [...names];
}

function extractQuotes(text: string): string[] {
  const quotes = new Set<string>();
  for (const m of text.matchAll(/["\u201c]([^"\u201c\u201d]{3,300})["\u201d]/g)) {
    const phrase = normalizeText(m[1] ?? '');
    if (splitWords(phrase).length >= 2) quotes.add(phrase);
  }
  return [...quotes];
}

export function extractClaimFeatures(claimText: string): ClaimFeatures {
  const { numbers, years } = extractQuantities(claimText);
  return {
    numbers,
    dates: extractDates(claimText, years),
    names: extractNames(claimText),
    quotes: extractQuotes(claimText),
  };
}
