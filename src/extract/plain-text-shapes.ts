import { splitAuthors } from './citation-fields.js';

/**
 * Recognizers for "a citation starts here" in flattened footnote text. Every recognizer looks
 * at a bounded window, and the next quote or parenthesis is found through a cache that only
 * moves forward, so testing every sentence start of a paragraph stays linear.
 */

/** Author lists longer than this are prose, not a byline. */
const MAX_AUTHORS_CHARS = 160;
/** Longest quoted title accepted (the sample's longest, an EU Council decision, is ~260). */
const MAX_TITLE_CHARS = 400;
/** Longest `Title (Place: Publisher, Year)` head accepted. */
const MAX_BOOK_TITLE_CHARS = 250;
/** Longest stretch between a title and its URL (container, date, access date, page). */
const MAX_AFTER_TITLE_CHARS = 400;

const CURLY_OPEN = '\u201c';
const CURLY_CLOSE = '\u201d';
const STRAIGHT = '"';
const YEAR = /(?<!\d)\d{4}(?!\d)/;
/**
 * Where a sentence ends and something that may be a citation begins: terminal punctuation,
 * closing quotes or brackets, optional whitespace and an optional `[4]`-style marker.
 * Group 1 is what lies between the claim's end and the citation's start.
 */
export const SENTENCE_BOUNDARY = /[.!?\u2026][\u201d\u2019"')\]]*(?=(\s*(?:\[\d{1,4}\]\s*)?)[\p{Lu}\u201c"\u2018(])/gu;

export interface CitationShape {
  kind: 'byline' | 'quoted-title' | 'book';
  /** Index just after the title (closing quote or publication block). */
  titleEnd: number;
}

export class CitationShapes {
  readonly #text: string;
  /** Per character: the last search start and what it found. */
  readonly #next = new Map<string, { from: number; found: number }>();
  readonly #shapes = new Map<number, CitationShape | null>();

  constructor(text: string) {
    this.#text = text;
  }

  /**
   * Does a citation start at `start`? `limit` bounds the search (the citation's URL, or the end
   * of the paragraph). With `requireNearLimit`, the title must end close to `limit` with no
   * prose sentence in between: the test for the first citation of a group, before its URL.
   */
  find(start: number, limit: number, requireNearLimit: boolean): CitationShape | null {
    const shape = this.#shapeAt(start);
    if (shape === null || shape.titleEnd > limit) return null;
    if (!requireNearLimit) return shape;
    if (limit - shape.titleEnd > MAX_AFTER_TITLE_CHARS) return null;
    return hasProseSentenceEnd(this.#text, shape.titleEnd, limit) ? null : shape;
  }

  /**
   * The shape at `start` regardless of any limit (each recognizer is bounded by its own window),
   * memoized: a group's citation starts are asked about several times while it is read.
   */
  #shapeAt(start: number): CitationShape | null {
    const known = this.#shapes.get(start);
    if (known !== undefined) return known;
    const end = this.#text.length;
    const shape = this.#findByline(start, end) ?? this.#findQuotedTitle(start, end) ?? this.#findBook(start, end);
    this.#shapes.set(start, shape);
    return shape;
  }

  /** `text.indexOf(char, from)` (Infinity when absent), cached while queries move forward. */
  #nextIndexOf(char: string, from: number): number {
    const cached = this.#next.get(char);
    // Nothing lies between the cached start and its hit, so the hit answers any start in between.
    if (cached !== undefined && cached.from <= from && from <= cached.found) return cached.found;
    const index = this.#text.indexOf(char, from);
    const found = index === -1 ? Number.POSITIVE_INFINITY : index;
    this.#next.set(char, { from, found });
    return found;
  }

  #nextOpeningQuote(from: number): number {
    return Math.min(this.#nextIndexOf(CURLY_OPEN, from), this.#nextIndexOf(STRAIGHT, from));
  }

  /** `Author[, Author][ and Author], “Title,”` */
  #findByline(start: number, limit: number): CitationShape | null {
    const quote = this.#nextOpeningQuote(start);
    if (quote <= start || quote >= Math.min(limit, start + MAX_AUTHORS_CHARS)) return null;
    const text = this.#text;
    let beforeQuote = quote;
    while (beforeQuote > start && /\s/.test(text[beforeQuote - 1]!)) beforeQuote--;
    if (text[beforeQuote - 1] !== ',') return null;
    if (hasProseSentenceEnd(text, start, quote) || splitAuthors(text.slice(start, beforeQuote - 1)).length === 0) {
      return null;
    }
    const title = this.#findQuotedTitle(quote, limit);
    return title === null ? null : { kind: 'byline', titleEnd: title.titleEnd };
  }

  /**
   * `“Title,” Container` or `“Title” Container`. A quotation that ends a sentence inside its
   * quotes (`...regrettable.”`) is prose, and so is one glued to the next word.
   */
  #findQuotedTitle(start: number, limit: number): CitationShape | null {
    const text = this.#text;
    const open = text[start];
    if (open !== CURLY_OPEN && open !== STRAIGHT) return null;
    const close = this.#nextIndexOf(open === STRAIGHT ? STRAIGHT : CURLY_CLOSE, start + 1);
    if (close >= limit || close - start > MAX_TITLE_CHARS || close === start + 1) return null;
    const last = text[close - 1]!;
    if (last === '.' || last === '!') return null;
    const after = text[close + 1];
    if (after !== undefined && !/[\s,.:;(]/.test(after)) return null;
    return { kind: 'quoted-title', titleEnd: close + 1 };
  }

  /** `Title (Place: Publisher, Year)` and `Title (Publisher, Year): page`. */
  #findBook(start: number, limit: number): CitationShape | null {
    const end = Math.min(limit, start + MAX_BOOK_TITLE_CHARS);
    const firstParen = this.#nextIndexOf('(', start);
    if (firstParen - start < 3 || firstParen >= end || this.#nextOpeningQuote(start) < firstParen) return null;
    const text = this.#text;
    let depth = 0;
    let open = -1;
    for (let index = firstParen; index < end; index++) {
      const char = text[index]!;
      if (char === CURLY_OPEN || char === STRAIGHT || char === '\n') return null;
      if (char === '(') {
        if (depth === 0) open = index;
        depth++;
      } else if (char === ')' && depth > 0) {
        depth--;
        if (depth > 0 || !YEAR.test(text.slice(open, index))) continue;
        const after = text[index + 1];
        if (after !== undefined && !/[\s,.:;]/.test(after)) return null;
        return hasProseSentenceEnd(text, start, open) ? null : { kind: 'book', titleEnd: index + 1 };
      }
    }
    return null;
  }
}

/**
 * A real sentence end in `[from, to)`: two lower-case letters, `.`/`!`/`?`, optional closing
 * quotes or brackets, then a capital or an opening quote, spaced (optionally past a `[4]`
 * marker) or glued. Hand-written because it runs at every candidate citation start.
 */
export function hasProseSentenceEnd(text: string, from: number, to: number): boolean {
  for (let index = from + 2; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x2e && code !== 0x21 && code !== 0x3f) continue;
    if (!isLowerCase(text, index - 1) || !isLowerCase(text, index - 2)) continue;
    let next = index + 1;
    while (next < to && CLOSERS_AFTER_SENTENCE.includes(text[next]!)) next++;
    const spaced = next < to && isSpace(text.charCodeAt(next));
    while (next < to && isSpace(text.charCodeAt(next))) next++;
    if (spaced && text[next] === '[') {
      const close = text.indexOf(']', next);
      if (close !== -1 && close - next <= 5 && /^\[\d{1,4}\]$/.test(text.slice(next, close + 1))) {
        next = close + 1;
        while (next < to && isSpace(text.charCodeAt(next))) next++;
      }
    }
    if (next < to && startsSentenceAt(text, next, spaced)) return true;
  }
  return false;
}

const CLOSERS_AFTER_SENTENCE = '\u201d\u2019"\')]';

function startsSentenceAt(text: string, index: number, spaced: boolean): boolean {
  const char = text[index]!;
  if (char === '\u201c' || char === '"' || (spaced && char === '\u2018')) return true;
  const code = char.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return UPPER_CASE.test(char);
}

function isLowerCase(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x80) return code >= 0x61 && code <= 0x7a;
  return LOWER_CASE.test(text[index]!);
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x202f ||
    (code >= 0x2000 && code <= 0x200a)
  );
}

const UPPER_CASE = /\p{Lu}/u;
const LOWER_CASE = /\p{Ll}/u;
