import type { Claim } from '../model/claim.js';
import { linkKeyOf } from './link-key.js';
import type { Range } from './structured-ranges.js';
import type { MappedText, TextLink, TextWindow } from './structured-text.js';
import { cleanUrl, findUrlCandidates } from './url-cleanup.js';
import { parseArchivedUrl } from './wayback-url.js';

/** A claim created on its first citation, so a note marker that cites nothing leaves no empty claim. */
export interface ClaimHandle {
  range: Range;
  section: string | null;
  claim: Claim | null;
}

/** Where citations, claims and warnings go while a document is assembled. */
export interface CitationSink {
  addClaim(range: Range, section: string | null): ClaimHandle;
  /** `fieldsText` is the citation as a reader sees it (no markup), to read authors, title... from. */
  addCitation(claim: ClaimHandle, raw: string, rawOffset: number, fieldsText: string, cited: CitedUrl | null): void;
  warn(code: string, message: string, sourceOffset: number | null, value: string | null): void;
}

/**
 * A citation's `raw` (the text as written for a visible-text range) and its source offset;
 * `visible` is the range's visible text, already read (a `raw` made from it can share it).
 */
export type RawTextOf = (
  text: MappedText,
  range: Range,
  links: readonly TextLink[],
  visible: string,
) => { raw: string; offset: number };

/** A URL as found: as written in the source, as decoded by the parser, and where it stands. */
export interface FoundUrl {
  text: string;
  decoded: string;
  offset: number | null;
}

/** The URL a citation points to and, when the note also gives one, its Wayback copy. */
export interface CitedUrl {
  url: FoundUrl;
  archive: FoundUrl | null;
}

/** A note's text: a range of some visible text, the links in it and where its inner blocks start. */
export interface NoteBody {
  text: MappedText;
  range: Range;
  links: readonly TextLink[];
  blockEdges: readonly number[];
  /** Ranges not to search for bare URLs (code spans). */
  opaque: readonly Range[];
}

const HAS_WORDS = /\p{L}{2}/u;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Links that are not sources: mail, phone, scripts, inline data. */
const NON_SOURCE_SCHEME = /^(?:mailto|tel|sms|javascript|data|about|blob):/i;
const OPENERS = new Set(['(', '[', '\u201c']);
const CLOSERS = new Set([')', ']', '\u201d']);
const SPLIT_SCAN = /[()[\]\u201c\u201d;]/;

/**
 * Turns one note into citations: one per `; `-separated source (as in flattened footnotes),
 * one per inner block, and one per linked URL within a source. A Wayback link next to the
 * original (Wikipedia's "Archived from the original") becomes the original's `archived`.
 * Returns how many citations were made.
 */
export function citeNoteBody(
  source: string,
  body: NoteBody,
  claim: ClaimHandle,
  sink: CitationSink,
  rawOf: RawTextOf,
): number {
  const text = body.text.window(body.range);
  let produced = 0;
  for (const segment of splitCitations(text, body.range, body.links, body.blockEdges)) {
    const segmentLinks = body.links.filter((link) => link.start >= segment.start && link.start < segment.end);
    const found = [...segmentLinks, ...bareUrlLinks(source, body.text, segment, [...segmentLinks, ...body.opaque])]
      .sort((a, b) => a.start - b.start)
      .filter((link) => {
        const kind = classifyHref(link.href);
        if (kind === 'relative') {
          sink.warn(
            'relative-link',
            `a note links to "${link.href}", which has no host to check`,
            link.sourceStart,
            link.href,
          );
        }
        return kind === 'source';
      });
    const fieldsText = text.slice(segment.start, segment.end);
    const { raw, offset: rawOffset } = rawOf(body.text, segment, segmentLinks, fieldsText);
    if (found.length === 0) {
      if (!HAS_WORDS.test(raw)) continue;
      sink.addCitation(claim, raw, rawOffset, fieldsText, null);
      produced++;
      continue;
    }
    for (const cited of pairWithArchives(found.map(foundUrlOf))) {
      sink.addCitation(claim, raw, rawOffset, fieldsText, cited);
      produced++;
    }
  }
  return produced;
}

export function foundUrlOf(link: TextLink): FoundUrl {
  return { text: link.hrefText ?? link.href, decoded: link.href, offset: link.hrefOffset };
}

/**
 * Pairs each Wayback URL with the original it archives (same link key), or failing that with
 * the nearest original before it that has no archive yet; unpaired Wayback URLs are cited as
 * they stand.
 */
export function pairWithArchives(urls: readonly FoundUrl[]): CitedUrl[] {
  const cited: CitedUrl[] = [];
  const keyOf = (url: string) => {
    const cleaned = cleanUrl(url).url;
    return cleaned === null ? null : linkKeyOf(cleaned);
  };
  for (const url of urls) {
    const archived = parseArchivedUrl(url.decoded);
    if (!archived) {
      cited.push({ url, archive: null });
      continue;
    }
    const originalKey = keyOf(archived.original);
    const partner =
      cited.find((entry) => entry.archive === null && keyOf(entry.url.decoded) === originalKey) ??
      [...cited].reverse().find((entry) => entry.archive === null && !parseArchivedUrl(entry.url.decoded));
    if (partner) partner.archive = url;
    else cited.push({ url, archive: null });
  }
  return cited;
}

/**
 * Splits a note at its inner block starts and at `; ` outside brackets, quotes and links, and
 * trims each piece; pieces with nothing but punctuation are dropped.
 */
export function splitCitations(
  text: TextWindow,
  range: Range,
  links: readonly TextLink[],
  blockEdges: readonly number[],
): Range[] {
  const cuts = new Set(blockEdges);
  // Jump between the characters that matter rather than walking each one: notes are much of a document.
  const interesting = new RegExp(SPLIT_SCAN.source, 'g');
  interesting.lastIndex = range.start - text.base;
  let depth = 0;
  for (
    let match = interesting.exec(text.value);
    match !== null && match.index + text.base < range.end;
    match = interesting.exec(text.value)
  ) {
    const char = match[0];
    const index = match.index + text.base;
    if (OPENERS.has(char)) depth++;
    else if (CLOSERS.has(char)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && /\s/.test(text.charAt(index + 1))) {
      if (!links.some((link) => link.start <= index && index < link.end)) cuts.add(index + 1);
    }
  }
  const edges = [
    range.start,
    ...[...cuts].filter((cut) => cut > range.start && cut < range.end).sort((a, b) => a - b),
    range.end,
  ];
  const segments: Range[] = [];
  for (let index = 0; index + 1 < edges.length; index++) {
    let start = edges[index]!;
    let end = edges[index + 1]!;
    while (start < end && isSpaceOrSemicolon(text.charCodeAt(start))) start++;
    while (end > start && isSpaceOrSemicolon(text.charCodeAt(end - 1))) end--;
    if (/[\p{L}\p{N}]/u.test(text.slice(start, end))) segments.push({ start, end });
  }
  return segments;
}

/** `source` for links that may be cited (http(s) and other absolute or protocol-relative URLs). */
export function classifyHref(href: string): 'source' | 'not-a-source' | 'relative' {
  if (NON_SOURCE_SCHEME.test(href)) return 'not-a-source';
  return HAS_SCHEME.test(href) || href.startsWith('//') ? 'source' : 'relative';
}

/**
 * URLs typed as text inside a range, outside links and `excluded` ranges, as links of their
 * own; `hrefText` is the source as written (entities intact), for `urlText`.
 */
export function bareUrlLinks(source: string, mapped: MappedText, range: Range, excluded: readonly Range[]): TextLink[] {
  const found: TextLink[] = [];
  for (const candidate of findUrlCandidates(mapped.slice(range.start, range.end))) {
    const start = range.start + candidate.start;
    const end = range.start + candidate.end;
    if (excluded.some((other) => start < other.end && other.start < end)) continue;
    const sourceStart = mapped.sourceOffsetAt(start);
    const sourceEnd = mapped.sourceEndAt(end);
    const written =
      sourceEnd - sourceStart === candidate.text.length ? candidate.text : source.slice(sourceStart, sourceEnd);
    found.push({
      start,
      end,
      href: candidate.text,
      hrefText: written,
      hrefOffset: sourceStart,
      sourceStart,
      sourceEnd,
    });
  }
  return found;
}

function isSpaceOrSemicolon(code: number): boolean {
  return code === 0x3b || code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0;
}
