import { CitationShapes, hasProseSentenceEnd, SENTENCE_BOUNDARY } from './plain-text-shapes.js';
import { isJsSpaceCode } from './text-normalize.js';

/**
 * Splits one paragraph of flattened-footnote text into claims and citation groups.
 *
 * URLs are the anchors: each ends a citation. A group's first citation starts at the first
 * sentence boundary before its URL where something citation-shaped begins (a byline, a quoted
 * title, a book title with its publication block); the claim is the text before it. After a
 * URL, `;`, `,` or a bare space followed by another citation continue the group; a sentence
 * end closes it. Citations without a URL are found inside a group, after a date, where the
 * next citation begins, or where the sentence ends.
 */

export interface UrlAnchor {
  /** View index where the URL text starts. */
  start: number;
  /** View index where the URL text as cleaned ends. */
  textEnd: number;
  /** View index after the punctuation/markup cleanup removed behind the URL. */
  junkEnd: number;
  /** That removed punctuation/markup (`.`, `;`, `./span>`). */
  junk: string;
}

export interface SegmentedCitation {
  start: number;
  end: number;
  /** Index into the anchors passed in; null for a citation without URL. */
  anchor: number | null;
}

export interface SegmentedGroup {
  claimStart: number;
  claimEnd: number;
  citations: SegmentedCitation[];
  /** True when no citation text was found before the URL, so the citation is the URL alone. */
  bare: boolean;
}

const SENTENCE_END_JUNK = /[.!?]/;
/** Longest stretch after a title in which a citation without URL must end. */
const MAX_CITATION_TAIL_CHARS = 400;

export function segmentParagraph(text: string, anchors: readonly UrlAnchor[]): SegmentedGroup[] {
  const paragraph: Paragraph = {
    text,
    shapes: new CitationShapes(text),
    boundaries: new SentenceBoundaries(text),
  };
  const groups: SegmentedGroup[] = [];
  let claimStart = 0;
  let next = 0;
  for (;;) {
    const start = findGroupStart(paragraph, claimStart, anchors[next]?.start ?? null);
    if (start === null) break;
    const parsed = readGroup(paragraph, anchors, next, start.citationStart);
    const group: SegmentedGroup = {
      claimStart,
      claimEnd: start.claimEnd,
      citations: parsed.citations,
      bare: start.bare,
    };
    next = parsed.nextAnchor;
    const previous = groups.at(-1);
    if (previous && text.slice(group.claimStart, group.claimEnd).trim() === '') {
      // A citation right after a closed group, with no claim text of its own, extends that group.
      previous.citations.push(...group.citations);
    } else {
      groups.push(group);
    }
    if (parsed.end <= claimStart) break;
    claimStart = parsed.end;
  }
  return groups;
}

interface Paragraph {
  text: string;
  shapes: CitationShapes;
  boundaries: SentenceBoundaries;
}

interface Boundary {
  /** Where the claim before it ends (after the sentence's punctuation). */
  claimEnd: number;
  /** Where a citation would start (after spaces and a `[4]` marker). */
  citationStart: number;
}

/**
 * Sentence boundaries of a paragraph in order. The last search is remembered: a paragraph
 * without boundaries (megabytes of glued URLs) is then scanned once, not once per group.
 */
class SentenceBoundaries {
  readonly #text: string;
  readonly #pattern = new RegExp(SENTENCE_BOUNDARY.source, SENTENCE_BOUNDARY.flags);
  #searchedFrom = Number.POSITIVE_INFINITY;
  #found: Boundary | null = null;
  #foundAt = -1;

  constructor(text: string) {
    this.#text = text;
  }

  /** The first boundary whose punctuation starts at or after `from`. */
  next(from: number): Boundary | null {
    const reusable = this.#searchedFrom <= from && (this.#found === null || this.#foundAt >= from);
    if (!reusable) {
      this.#pattern.lastIndex = from;
      const match = this.#pattern.exec(this.#text);
      this.#searchedFrom = from;
      this.#foundAt = match ? match.index : -1;
      this.#found = match
        ? { claimEnd: match.index + match[0].length, citationStart: match.index + match[0].length + match[1]!.length }
        : null;
    }
    return this.#found;
  }
}

interface GroupStart {
  claimEnd: number;
  citationStart: number;
  bare: boolean;
}

/**
 * The first sentence start after `from` where a group begins: a citation that ends at the URL
 * (`urlStart`), or a complete citation without URL before it. Without any URL left, only the
 * latter; null when there is none. With a URL but no citation text, the URL stands alone.
 */
function findGroupStart(paragraph: Paragraph, from: number, urlStart: number | null): GroupStart | null {
  const { text, boundaries } = paragraph;
  const limit = urlStart ?? text.length;
  const first = skipSpaces(text, from);
  if (startsGroup(paragraph, first, limit, urlStart)) return { claimEnd: from, citationStart: first, bare: false };
  for (let boundary = boundaries.next(from); boundary !== null; boundary = boundaries.next(boundary.claimEnd)) {
    const { claimEnd, citationStart } = boundary;
    if (citationStart >= limit) break;
    if (startsGroup(paragraph, citationStart, limit, urlStart)) return { claimEnd, citationStart, bare: false };
  }
  return urlStart === null ? null : { claimEnd: urlStart, citationStart: urlStart, bare: true };
}

function startsGroup(paragraph: Paragraph, start: number, limit: number, urlStart: number | null): boolean {
  if (start >= limit || !paragraph.shapes.find(start, limit, false)) return false;
  if (urlStart !== null && paragraph.shapes.find(start, urlStart, true)) return true;
  return findCitationEndBefore(paragraph, start, limit) !== null;
}

interface ReadGroup {
  citations: SegmentedCitation[];
  nextAnchor: number;
  /** Where the group ends: the next claim starts here. */
  end: number;
}

function readGroup(
  paragraph: Paragraph,
  anchors: readonly UrlAnchor[],
  firstAnchor: number,
  firstStart: number,
): ReadGroup {
  const { text } = paragraph;
  const citations: SegmentedCitation[] = [];
  let next = firstAnchor;
  let cursor = firstStart;
  for (;;) {
    const anchor = anchors[next];
    const limit = anchor ? anchor.start : text.length;
    const withoutUrl = findCitationEndBefore(paragraph, cursor, limit);
    if (withoutUrl) {
      citations.push({ start: cursor, end: withoutUrl.end, anchor: null });
      if (withoutUrl.next === null) return { citations, nextAnchor: next, end: withoutUrl.groupEnd };
      cursor = withoutUrl.next;
      continue;
    }
    if (!anchor) {
      citations.push({ start: cursor, end: trimCitationEnd(text, cursor, text.length, true), anchor: null });
      return { citations, nextAnchor: next, end: text.length };
    }
    citations.push({ start: cursor, end: anchor.textEnd, anchor: next });
    next++;
    const following = skipSpaces(text, anchor.junkEnd);
    if (!continuesGroup(paragraph, anchor, following, anchors[next]?.start ?? null)) {
      return { citations, nextAnchor: next, end: anchor.junkEnd };
    }
    cursor = following;
  }
}

/**
 * After a URL: a sentence end closes the group; otherwise another citation must follow. After
 * `;` a capitalized run up to the next URL, with no prose sentence in it, counts as one too
 * (Chicago's separator between notes; the note itself may have no recognizable shape).
 */
function continuesGroup(
  { text, shapes }: Paragraph,
  anchor: UrlAnchor,
  following: number,
  nextUrlStart: number | null,
): boolean {
  if (following >= text.length || SENTENCE_END_JUNK.test(anchor.junk)) return false;
  if (shapes.find(following, nextUrlStart ?? text.length, false)) return true;
  return (
    anchor.junk.includes(';') &&
    nextUrlStart !== null &&
    /[\p{Lu}\u201c"]/u.test(text[following]!) &&
    !hasProseSentenceEnd(text, following, nextUrlStart)
  );
}

interface CitationEnd {
  /** End of the citation text (separator excluded). */
  end: number;
  /** Start of the next citation in the same group, or null when the group ends here. */
  next: number | null;
  /** Where the group ends when `next` is null. */
  groupEnd: number;
}

/**
 * A citation that ends before `limit` without a URL of its own: after its title and a year,
 * either `, ` / `; ` and another citation follow, or a sentence ends.
 */
function findCitationEndBefore({ text, shapes }: Paragraph, start: number, limit: number): CitationEnd | null {
  const shape = shapes.find(start, limit, false);
  if (!shape) return null;
  let depth = 0;
  let sawYear = false;
  // A note's tail (container, date, page) is short; bounding the scan keeps segmentation linear.
  const end = Math.min(limit, shape.titleEnd + MAX_CITATION_TAIL_CHARS);
  for (let index = shape.titleEnd; index < end; index++) {
    const char = text[index]!;
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (isYearAt(text, index)) {
      sawYear = true;
      index += 3;
    } else if (depth === 0 && (char === ',' || char === ';') && (sawYear || char === ';')) {
      const following = skipSpaces(text, index + 1);
      if (following > index + 1 && following < limit && shapes.find(following, limit, false)) {
        return { end: trimCitationEnd(text, start, index), next: following, groupEnd: index };
      }
    } else if (char === '.' && sawYear && /[\d)]/.test(text[index - 1] ?? '') && endsSentence(text, index + 1, limit)) {
      return { end: trimCitationEnd(text, start, index), next: null, groupEnd: index + 1 };
    }
  }
  return null;
}

function isYearAt(text: string, index: number): boolean {
  if (!isDigit(text.charCodeAt(index)) || isDigit(text.charCodeAt(index - 1))) return false;
  for (let offset = 1; offset < 4; offset++) if (!isDigit(text.charCodeAt(index + offset))) return false;
  return !isDigit(text.charCodeAt(index + 4)) && text[index + 4] !== '/' && text[index - 1] !== '/';
}

/** After a `.`: the paragraph ends, or a new sentence starts before `limit`. */
function endsSentence(text: string, index: number, limit: number): boolean {
  const start = skipSpaces(text, index);
  if (start >= text.length) return true;
  return start < limit && /[\p{Lu}\u201c"]/u.test(text[start]!);
}

function trimCitationEnd(text: string, start: number, end: number, dropPeriod = false): number {
  let trimmed = end;
  const separators = dropPeriod ? /[\s,;.]/ : /[\s,;]/;
  while (trimmed > start && separators.test(text[trimmed - 1]!)) trimmed--;
  return trimmed;
}

function skipSpaces(text: string, index: number): number {
  let at = index;
  while (at < text.length && isJsSpaceCode(text.charCodeAt(at))) at++;
  return at;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
