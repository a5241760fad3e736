import type { Citation } from '../model/citation.js';
import type { Claim } from '../model/claim.js';
import type { ExtractedDocument, ExtractWarning } from '../model/document.js';
import { buildCitation, WARNING_CODES } from './build-citation.js';
import { LineIndex } from './line-index.js';
import { type SegmentedGroup, segmentParagraph, type UrlAnchor } from './plain-text-segmenter.js';
import { ParagraphView } from './plain-text-view.js';
import { hasIrregularSpace, normalizeSpaces } from './text-normalize.js';
import { type CleanedUrl, cleanUrl, findUrlCandidates } from './url-cleanup.js';

/**
 * Plain text with flattened footnotes: each citation follows the sentence it supports with no
 * separator, paragraphs are separated by blank lines, and short lines such as `Doctrine:` are
 * section headings. IDs are `k1..kN` for claims and `c1..cN` for citations, in document order.
 * A claim's `text` is what a reader sees (entities decoded, whitespace collapsed); citations
 * keep `raw` exactly as written.
 */
export function extractPlainText(text: string, path: string): ExtractedDocument {
  const extraction: Extraction = {
    text,
    lines: new LineIndex(text),
    claims: [],
    citations: [],
    warnings: [],
  };
  let section: string | null = null;
  for (const paragraph of splitParagraphs(text)) {
    const raw = text.slice(paragraph.start, paragraph.end);
    const heading = readHeading(raw);
    if (heading !== null) {
      section = heading;
      continue;
    }
    const view = new ParagraphView(raw);
    const anchors = locateUrls(view, raw);
    for (const group of segmentParagraph(view.text, anchors)) {
      addGroup(extraction, { view, start: paragraph.start, anchors, section }, group);
    }
  }
  const { claims, citations, warnings } = extraction;
  return { path, format: 'text', claims, citations, warnings };
}

interface Extraction {
  text: string;
  lines: LineIndex;
  claims: Claim[];
  citations: Citation[];
  warnings: ExtractWarning[];
}

interface ParagraphContext {
  view: ParagraphView;
  /** Offset of the paragraph in the document. */
  start: number;
  anchors: LocatedUrl[];
  section: string | null;
}

function addGroup(extraction: Extraction, paragraph: ParagraphContext, group: SegmentedGroup): void {
  const { text, lines, claims, citations, warnings } = extraction;
  const claim = buildClaim(`k${claims.length + 1}`, group, paragraph, lines);
  claims.push(claim);
  for (const segment of group.citations) {
    const rawStart = paragraph.start + paragraph.view.toRaw(segment.start);
    const raw = text.slice(rawStart, paragraph.start + paragraph.view.toRaw(segment.end));
    const located = segment.anchor === null ? null : paragraph.anchors[segment.anchor]!;
    const built = buildCitation({
      id: `c${citations.length + 1}`,
      claimId: claim.id,
      raw,
      offset: rawStart,
      url: located ? { cleaned: located.cleaned, offset: paragraph.start + located.rawStart } : null,
      lines,
    });
    citations.push(built.citation);
    claim.citationIds.push(built.citation.id);
    if (built.warning) warnings.push(built.warning);
  }
  // An array grown by `push` keeps spare slots (17 after one push); a document holds many claims.
  claim.citationIds = claim.citationIds.slice();
  if (group.bare) warnings.push(bareUrlWarning(citations.at(-1)!));
}

interface Range {
  start: number;
  end: number;
}

/** Maximal runs of non-blank lines, trimmed of surrounding whitespace. */
export function* splitParagraphs(text: string): Generator<Range> {
  let start = -1;
  let end = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const first = firstNonSpace(text, lineStart, lineEnd);
    if (first === -1) {
      if (start !== -1) yield { start, end };
      start = -1;
    } else {
      if (start === -1) start = first;
      end = lastNonSpace(text, lineStart, lineEnd) + 1;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  if (start !== -1) yield { start, end };
}

const MAX_HEADING_WORDS = 6;
const MAX_HEADING_CHARS = 80;

/**
 * A one-line paragraph of a few words that does not end like a sentence (`Doctrine:`,
 * `JNIM statement, July 2022`). Longer lead-ins ending in `:` are prose, not headings.
 */
function readHeading(paragraph: string): string | null {
  if (paragraph.length > MAX_HEADING_CHARS || paragraph.includes('\n')) return null;
  if (/[.!?;,\u201d"\u2019\u2026]$/.test(paragraph) || findUrlCandidates(paragraph).length > 0) return null;
  const name = normalizeSpaces(paragraph)
    .replace(/^[\u2022*\-–]\s*/, '')
    .replace(/:$/, '')
    .trim();
  if (name === '' || name.split(/\s+/).length > MAX_HEADING_WORDS) return null;
  return name;
}

interface LocatedUrl extends UrlAnchor {
  cleaned: CleanedUrl;
  /** Offset of the URL text in the paragraph's raw text. */
  rawStart: number;
}

/**
 * Finds and cleans every URL of a paragraph. Candidates are found in the view (so decoded
 * quotes end them) but cleaned from the raw text, so cleanup steps record what the author
 * wrote. A URL hidden in text cleanup removed (`...a.pdf”https://b`) is looked at again.
 * Results are not cached per written text: on a 50 MB document such caches (URLs and fields)
 * held ~25 MB, a tenth of the memory budget, to save a few microseconds per repeated citation.
 */
function locateUrls(view: ParagraphView, raw: string): LocatedUrl[] {
  const located: LocatedUrl[] = [];
  const pending = findUrlCandidates(view.text).map((candidate) => ({ start: candidate.start, end: candidate.end }));
  for (let index = 0; index < pending.length; index++) {
    const candidate = pending[index]!;
    const rawStart = view.toRaw(candidate.start);
    const cleaned = cleanUrl(raw.slice(rawStart, view.toRaw(candidate.end)));
    const textEnd = view.toView(rawStart + cleaned.text.length);
    const junkEnd = view.toView(rawStart + cleaned.text.length + cleaned.junk.length);
    located.push({ start: candidate.start, textEnd, junkEnd, junk: cleaned.junk, cleaned, rawStart });
    if (textEnd >= candidate.end || textEnd <= candidate.start) continue;
    const hidden = findUrlCandidates(view.text.slice(textEnd, candidate.end));
    pending.splice(
      index + 1,
      0,
      ...hidden.map((found) => ({ start: textEnd + found.start, end: textEnd + found.end })),
    );
  }
  return located;
}

function buildClaim(id: string, group: SegmentedGroup, paragraph: ParagraphContext, lines: LineIndex): Claim {
  const slice = paragraph.view.text.slice(group.claimStart, group.claimEnd);
  const leading = slice.length - slice.trimStart().length;
  const offset = paragraph.start + paragraph.view.toRaw(group.claimStart + leading);
  const { line, column } = lines.position(offset);
  // JS `\s` covers no-break and typographic spaces, so one pass normalizes and collapses.
  const text = (hasIrregularSpace(slice) ? slice.replace(/\s+/g, ' ') : slice).trim();
  return { id, text, section: paragraph.section, line, column, offset, citationIds: [] };
}

function bareUrlWarning(citation: Citation): ExtractWarning {
  return {
    code: WARNING_CODES.bareUrl,
    message: 'no citation text found before this URL; the citation is the URL alone and its claim the text before it',
    line: citation.line,
    column: citation.column,
    text: citation.raw,
  };
}

function firstNonSpace(text: string, from: number, to: number): number {
  for (let index = from; index < to; index++) if (!/\s/.test(text[index]!)) return index;
  return -1;
}

function lastNonSpace(text: string, from: number, to: number): number {
  for (let index = to - 1; index >= from; index--) if (!/\s/.test(text[index]!)) return index;
  return -1;
}
