import { isJsSpaceCode, normalizeFieldText } from './text-normalize.js';
import { findUrlCandidates } from './url-cleanup.js';

export interface CitationFields {
  authors: string[];
  title: string | null;
  /** Publication or publisher. */
  container: string | null;
  date: string | null;
  /** Date from "accessed ...", "last updated ...", "Retrieved ...". */
  accessed: string | null;
  /** Page or other place in the source (`133`, `I/4–5`). */
  locator: string | null;
}

const MONTH =
  '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const SEASON = '(?:Winter|Spring|Summer|Fall|Autumn)';
/** The date shapes Chicago, APA and Wikipedia notes use; longest forms first. */
const DATE_SOURCE = `(?:${MONTH} \\d{1,2}(?:–\\d{1,2})?, \\d{4}|\\d{1,2} ${MONTH} \\d{4}|(?:${MONTH}|${SEASON}) \\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{4})`;
const DATE = new RegExp(`(?<![\\w/])${DATE_SOURCE}(?![\\w/])`);
const DATES = new RegExp(DATE.source, 'g');
const WHOLE_DATE = new RegExp(`^${DATE_SOURCE}$`);
const ACCESSED = new RegExp(
  `(?:^|[,.;(]\\s*)(?:accessed(?: on)?|last (?:updated|modified|accessed)(?: on)?|retrieved(?: on)?|updated(?: on)?)\\s+(${DATE_SOURCE})`,
  'i',
);
const ARCHIVED_NOTE = new RegExp(
  `(?:^|,\\s*)(?:archived (?:in|at|by|on) the [^,]*|archived from the original(?: on ${DATE_SOURCE})?)(?=,|\\.|$)`,
  'i',
);
/** A literal pre-check, about three times cheaper than trying the full pattern at every position. */
const ARCHIVED_WORD = /archived/i;
const TRAILING_VOLUME = /\s+(?:[A-Z]\s)?\d+(?:,\s*no\.\s*\d+)?,?$/;
const PLACE_PREFIX = /^[^:,()]{2,40}:\s+/;
const PAGE_LOCATOR = /(?:^|[\s,])(pp?\.\s*[\p{N}\p{L}]+(?:[–-][\p{N}\p{L}]+)?)/u;
const NAME_PARTICLES = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'ag',
  'ould',
  'de',
  'del',
  'della',
  'der',
  'van',
  'von',
  'da',
  'dos',
  'du',
  'la',
  'le',
  'y',
]);
const MAX_AUTHOR_WORDS = 6;

/**
 * Reads Chicago-style notes (`Author, “Title,” Container Vol, no. N (Date): page, URL`) and the
 * common variants: no author, no URL, book style `Title (Place: Publisher, Year)`, access dates.
 * Each field is null (or empty) when the note does not carry it; nothing is guessed from context.
 */
export function parseCitationFields(citationText: string): CitationFields {
  const text = trimNote(normalizeFieldText(removeUrls(citationText)));
  const fields: CitationFields = {
    authors: [],
    title: null,
    container: null,
    date: null,
    accessed: null,
    locator: null,
  };
  if (text === '') return fields;
  const quoted = findQuotedTitle(text);
  let rest: string;
  if (quoted) {
    fields.authors = splitAuthors(trimNote(text.slice(0, quoted.start)));
    fields.title = cleanTitle(text.slice(quoted.start + 1, quoted.end));
    rest = text.slice(quoted.end + 1);
  } else {
    const book = findPublicationBlock(text);
    const head = trimNote(book ? text.slice(0, book.start) : '');
    if (book && head !== '') {
      const comma = head.indexOf(', ');
      // One capitalized word before a comma is more often a title's first word than an author.
      const maybeAuthors =
        comma === -1 || !head.slice(0, comma).includes(' ') ? [] : splitAuthors(head.slice(0, comma));
      fields.authors = maybeAuthors;
      fields.title = cleanTitle(maybeAuthors.length > 0 ? head.slice(comma + 2) : head);
      rest = text.slice(book.start);
    } else {
      rest = text;
    }
  }
  readRest(trimNote(rest), fields);
  return fields;
}

function readRest(initial: string, fields: CitationFields): void {
  let rest = initial;
  const accessed = ACCESSED.exec(rest);
  if (accessed) {
    fields.accessed = accessed[1]!;
    rest = rest.slice(0, accessed.index) + rest.slice(accessed.index + accessed[0].length);
  }
  rest = trimNote(ARCHIVED_WORD.test(rest) ? rest.replace(ARCHIVED_NOTE, '') : rest);
  const block = findPublicationBlock(rest);
  if (block) {
    const inside = rest.slice(block.start + 1, block.end);
    const before = trimNote(rest.slice(0, block.start));
    const after = rest.slice(block.end + 1);
    if (WHOLE_DATE.test(inside)) {
      // Journal style: `Container Vol, no. N (Date): page`.
      fields.date = inside;
      fields.container = nullIfEmpty(trimNote(before.replace(TRAILING_VOLUME, '')));
    } else {
      // Publisher style: `([Place: ]Publisher[,] Year)`.
      const year = findLastDate(inside);
      const publisher = year ? inside.slice(0, year.index) : inside;
      fields.date = year ? year[0] : null;
      fields.container = nullIfEmpty(trimNote(trimNote(publisher).replace(PLACE_PREFIX, ''))) ?? nullIfEmpty(before);
    }
    fields.locator = readColonLocator(after) ?? readPageLocator(after);
    return;
  }
  const date = DATE.exec(rest);
  if (date) {
    fields.date = date[0];
    fields.container = nullIfEmpty(trimNote(rest.slice(0, date.index)));
    fields.locator = readPageLocator(rest.slice(date.index + date[0].length));
  } else {
    fields.container = nullIfEmpty(rest);
  }
}

function findLastDate(text: string): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const match of text.matchAll(DATES)) last = match;
  return last;
}

/** `): 133`, `):148`, `: I/4–5`: the page after a parenthesized date or publisher block. */
function readColonLocator(after: string): string | null {
  const match = /^\s*:\s*([^,;\s](?:[^,;]*[^,;.\s])?)/.exec(after);
  return match ? match[1]! : null;
}

function readPageLocator(text: string): string | null {
  const match = PAGE_LOCATOR.exec(text);
  return match ? match[1]! : null;
}

/** The first opening quote with its closing partner; straight quotes only when no curly ones. */
function findQuotedTitle(text: string): { start: number; end: number } | null {
  const curly = text.indexOf('\u201c');
  if (curly !== -1) {
    const close = text.indexOf('\u201d', curly + 1);
    if (close !== -1) return { start: curly, end: close };
  }
  const straight = text.indexOf('"');
  if (straight !== -1) {
    const close = text.indexOf('"', straight + 1);
    if (close !== -1) return { start: straight, end: close };
  }
  return null;
}

/** The last top-level `( ... )` that holds a year: publisher block or journal date. */
function findPublicationBlock(text: string): { start: number; end: number } | null {
  let depth = 0;
  let open = -1;
  let found: { start: number; end: number } | null = null;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '(') {
      if (depth === 0) open = index;
      depth++;
    } else if (char === ')' && depth > 0) {
      depth--;
      if (depth === 0 && /\d{4}/.test(text.slice(open + 1, index))) found = { start: open, end: index };
    }
  }
  return found;
}

/**
 * `A`, `A and B`, `A, B, and C`. Each must look like a personal or corporate name (capitalized
 * words, at most a few), otherwise the text is not an author list and no authors are reported.
 */
export function splitAuthors(text: string): string[] {
  if (text === '') return [];
  const names = text
    .split(/,\s+(?:and\s+)?|\s+and\s+|\s*&\s*|;\s+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names.every(isNameLike) ? names : [];
}

export function isNameLike(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length > MAX_AUTHOR_WORDS) return false;
  return words.every((word) => startsUpperCase(word) || NAME_PARTICLES.has(word.toLowerCase().replace(/-.*$/, '')));
}

/** ASCII fast path first: this runs at every candidate byline of a document. */
function startsUpperCase(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return /^\p{Lu}/u.test(word);
}

/** Chicago puts the title's trailing comma inside the quotes: `“Title,”`. */
function cleanTitle(title: string): string | null {
  return nullIfEmpty(title.replace(/[,;:]+$/, '').trim());
}

function removeUrls(text: string): string {
  const candidates = findUrlCandidates(text);
  if (candidates.length === 0) return text;
  const last = candidates[candidates.length - 1]!;
  // Most notes end with their URL (and a `.`), which `trimNote` drops anyway: a plain slice
  // then keeps the fields as slices of the document instead of copies of the note.
  if (candidates.length === 1 && isAllNoteSeparators(text, last.end)) return text.slice(0, last.start);
  let out = '';
  let copied = 0;
  for (const candidate of candidates) {
    out += text.slice(copied, candidate.start);
    copied = candidate.end;
  }
  return out + text.slice(copied);
}

/** Separators and sentence punctuation around a note part. */
function trimNote(text: string): string {
  // A character loop: the regex form tries its end-anchored branch at every position of the note.
  let start = 0;
  let end = text.length;
  while (start < end && isNoteSeparator(text.charCodeAt(start))) start++;
  while (end > start && isNoteSeparator(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isAllNoteSeparators(text: string, from: number): boolean {
  for (let index = from; index < text.length; index++) if (!isNoteSeparator(text.charCodeAt(index))) return false;
  return true;
}

/** `[\s,.;:]`, one UTF-16 code unit at a time. */
function isNoteSeparator(code: number): boolean {
  return code === 0x2c || code === 0x2e || code === 0x3b || code === 0x3a || isJsSpaceCode(code);
}

function nullIfEmpty(text: string): string | null {
  return text === '' ? null : text;
}
