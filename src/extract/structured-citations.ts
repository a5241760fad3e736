import type { ArchivedRef, Citation } from '../model/citation.js';
import type { Claim } from '../model/claim.js';
import type { DocumentFormat, ExtractedDocument, ExtractWarning } from '../model/document.js';
import { buildCitation } from './build-citation.js';
import { LineIndex } from './line-index.js';
import {
  bareUrlLinks,
  type CitationSink,
  type ClaimHandle,
  citeNoteBody,
  classifyHref,
  type FoundUrl,
  foundUrlOf,
  type NoteBody,
  type RawTextOf,
} from './structured-notes.js';
import {
  groupBySentence,
  isCoveredBy,
  mergeRanges,
  type Range,
  sortedByStart,
  startingWithin,
} from './structured-ranges.js';
import {
  collapseWhitespace,
  type MappedText,
  type StructuredText,
  type TextBlock,
  type TextLink,
} from './structured-text.js';
import { isJsSpaceCode } from './text-normalize.js';
import { type CleanedUrl, cleanUrl } from './url-cleanup.js';
import { parseArchivedUrl } from './wayback-url.js';

/** Between two note markers of one group: only spaces, commas, semicolons and brackets. */
const GROUP_GAP = /^[\s,;[\]()]*$/;
/** Markers and brackets left at the edges of a claim once its citation markers are cut out. */
const CLAIM_LEADING_JUNK = new Set([...'])}.,;:']);
const CLAIM_TRAILING_JUNK = new Set([...'[({']);

export interface AssembleOptions {
  path: string;
  format: DocumentFormat;
  rawOf: RawTextOf;
}

type NoteAnchor =
  | { kind: 'reference'; start: number; end: number; noteId: string; body: Range; sourceStart: number }
  | { kind: 'inline'; start: number; end: number }
  | { kind: 'detached'; start: number; end: number; text: MappedText };

/**
 * Builds claims and citations from a structured document (ids `k1..`, `c1..`, as for plain
 * text). A run of adjacent note markers closes a claim that starts where the previous run
 * ended or at the block start; a plain link in running text supports the sentence around it.
 */
export function assembleStructuredDocument(
  structured: StructuredText,
  source: string,
  options: AssembleOptions,
): ExtractedDocument {
  const text = structured.text;
  const lines = new LineIndex(source);
  const claims: Claim[] = [];
  const citations: Citation[] = [];
  const warnings: ExtractWarning[] = [];

  const sink: CitationSink = {
    addClaim(range, section) {
      return { range, section, claim: null };
    },
    addCitation(handle, raw, rawOffset, fieldsText, cited) {
      const claim = handle.claim ?? materializeClaim(handle);
      const { citation, warning } = buildCitation({
        id: `c${citations.length + 1}`,
        claimId: claim.id,
        raw,
        offset: rawOffset,
        url: cited ? cleanFoundUrl(cited.url) : null,
        lines,
        fieldsText,
        archived: cited?.archive ? archivedRefOf(cited.archive) : null,
      });
      if (warning) warnings.push(warning);
      citations.push(citation);
      claim.citationIds = withCitationId(claim.citationIds, citation.id);
    },
    warn(code, message, sourceOffset, value) {
      const at = sourceOffset === null ? null : lines.position(sourceOffset);
      warnings.push({ code, message, line: at?.line ?? null, column: at?.column ?? null, text: value });
    },
  };

  // A long list of ids was grown by `push` (spare slots): trimmed to size once its claim is done.
  const trimLastCitationIds = () => {
    const last = claims[claims.length - 1];
    if (last && last.citationIds.length > COPIED_ID_LISTS) last.citationIds = last.citationIds.slice();
  };

  const materializeClaim = (handle: ClaimHandle): Claim => {
    trimLastCitationIds();
    const raw = text.slice(handle.range.start, handle.range.end);
    const trimmed = trimClaimEdges(raw);
    const offset = structured.text.sourceOffsetAt(handle.range.start + raw.indexOf(trimmed.charAt(0)));
    const at = lines.position(offset);
    const claim: Claim = {
      id: `k${claims.length + 1}`,
      text: collapseWhitespace(trimmed),
      section: handle.section,
      line: at.line,
      column: at.column,
      offset,
      citationIds: [],
    };
    claims.push(claim);
    handle.claim = claim;
    return claim;
  };

  const bodyOf = (noteId: string, at: number): Range | null => {
    const body = structured.noteBodies.get(noteId);
    // A "note" that contains its own marker is a page section, not a note.
    return body && !(body.start <= at && at < body.end) ? body : null;
  };
  const referencedBodies = new Array<Range | null>(structured.noteReferences.length);
  let referenceIndex = 0;
  for (const reference of structured.noteReferences)
    referencedBodies[referenceIndex++] = bodyOf(reference.noteId, reference.start);
  const usedBodies = mergeRanges(referencedBodies);
  const mainBody = (range: Range): NoteBody => ({
    text: structured.text,
    range,
    links: startingWithin(structured.links, range),
    blockEdges: startingWithin(structured.blocks, range).map((block) => block.start),
    opaque: startingWithin(structured.opaque, range),
  });
  const noteReferences = sortedByStart(structured.noteReferences);
  const inlineNotes = sortedByStart(structured.inlineNotes);
  const detachedNotes = sortedByStart(structured.detachedNotes);
  const opaque = sortedByStart(structured.opaque);

  const anchorsIn = (block: Range): NoteAnchor[] => {
    const anchors: NoteAnchor[] = [];
    for (const reference of startingWithin(noteReferences, block)) {
      const body = bodyOf(reference.noteId, reference.start);
      if (body) anchors.push({ kind: 'reference', ...reference, body });
      else {
        const message = `note reference #${reference.noteId} points to no note in the document`;
        sink.warn('missing-note', message, reference.sourceStart, `#${reference.noteId}`);
      }
    }
    for (const note of startingWithin(inlineNotes, block)) anchors.push({ kind: 'inline', ...note });
    for (const note of startingWithin(detachedNotes, block)) anchors.push({ kind: 'detached', ...note });
    return anchors.sort(byStart);
  };

  const citeNoteGroups = (block: TextBlock, anchors: readonly NoteAnchor[]) => {
    let claimStart = block.start;
    for (const group of groupAdjacent(anchors, text)) {
      const claim = sink.addClaim({ start: claimStart, end: group[0]!.start }, block.section);
      for (const anchor of group) {
        const body =
          anchor.kind === 'reference'
            ? mainBody(anchor.body)
            : anchor.kind === 'inline'
              ? mainBody(anchor)
              : detachedBody(anchor.text);
        if (citeNoteBody(source, body, claim, sink, options.rawOf) > 0) continue;
        const marker = text.slice(anchor.start, anchor.end).trim();
        const offset = structured.text.sourceOffsetAt(anchor.start);
        sink.warn('empty-note', `the note behind "${marker}" cites nothing`, offset, marker);
      }
      claimStart = group[group.length - 1]!.end;
    }
  };

  const relativeLinks: TextLink[] = [];
  const citeRunningLinks = (block: TextBlock, anchors: readonly NoteAnchor[]) => {
    const inlineNoteRanges = anchors.filter((anchor) => anchor.kind === 'inline');
    const outsideNotes = (link: TextLink) =>
      !inlineNoteRanges.some((note) => note.start <= link.start && link.start < note.end);
    const marked = startingWithin(structured.links, block).filter(outsideNotes);
    const bare = bareUrlLinks(source, structured.text, block, [...marked, ...startingWithin(opaque, block)]);
    const sources = [...marked, ...bare.filter(outsideNotes)].filter((link) => {
      const kind = classifyHref(link.href);
      if (kind === 'relative') relativeLinks.push(link);
      return kind === 'source';
    });
    for (const { sentence, links } of groupBySentence(text.window(block), block, sources)) {
      const claim = sink.addClaim(sentence, block.section);
      for (const link of links) {
        const fieldsText = text.slice(link.start, link.end);
        const { raw, offset } = options.rawOf(text, link, [link], fieldsText);
        sink.addCitation(claim, raw || link.href, offset, fieldsText, { url: foundUrlOf(link), archive: null });
      }
    }
  };

  for (const block of structured.blocks) {
    if (isCoveredBy(usedBodies, block)) continue;
    const anchors = anchorsIn(block);
    citeNoteGroups(block, anchors);
    citeRunningLinks(block, anchors);
  }
  if (relativeLinks.length > 0) {
    const first = relativeLinks[0]!;
    sink.warn(
      'relative-links',
      `${relativeLinks.length} relative link(s) in the running text were not checked: no base URL`,
      first.sourceStart,
      first.href,
    );
  }
  for (const finding of structured.findings)
    sink.warn(finding.code, finding.message, finding.sourceOffset, finding.text);
  trimLastCitationIds();
  return {
    path: options.path,
    format: options.format,
    claims,
    citations,
    warnings,
  };
}

/** Cleans a URL as written (so `urlText` matches the document); falls back to the parser-decoded form. */
function cleanFoundUrl(found: FoundUrl): { cleaned: CleanedUrl; offset: number | null } {
  const written = cleanUrl(found.text);
  if (written.url !== null || found.text === found.decoded) return { cleaned: written, offset: found.offset };
  const decoded = cleanUrl(found.decoded);
  return decoded.url === null ? { cleaned: written, offset: found.offset } : { cleaned: decoded, offset: null };
}

/**
 * Up to this many ids, a claim's list grows by a copy one longer. `push` gives an array 17
 * slots at once, and the claim outlives V8's young generation: the grown store was promoted
 * with it and, once trimmed, left as old-generation garbage (~14 MB of the 50 MB Markdown
 * bench's peak). The short copies die young.
 */
const COPIED_ID_LISTS = 16;

function withCitationId(ids: string[], id: string): string[] {
  if (ids.length >= COPIED_ID_LISTS) {
    ids.push(id);
    return ids;
  }
  return ids.concat(id);
}

function archivedRefOf(archive: FoundUrl): ArchivedRef | null {
  const cleaned = cleanUrl(archive.decoded).url;
  return cleaned === null ? null : parseArchivedUrl(cleaned);
}

/** A note that is its own text (a `title` attribute): no links marked up, no inner blocks. */
function detachedBody(text: MappedText): NoteBody {
  return { text, range: { start: 0, end: text.length }, links: [], blockEdges: [], opaque: [] };
}

function byStart(a: Range, b: Range): number {
  return a.start - b.start;
}

function groupAdjacent(anchors: readonly NoteAnchor[], text: MappedText): NoteAnchor[][] {
  const groups: NoteAnchor[][] = [];
  for (const anchor of anchors) {
    const current = groups[groups.length - 1];
    const previous = current?.[current.length - 1];
    if (current && previous && GROUP_GAP.test(text.slice(previous.end, anchor.start))) current.push(anchor);
    else groups.push([anchor]);
  }
  return groups;
}

/**
 * `raw` without leading `[\s\])}.,;:]` and trailing `[\s[({]` runs. A character loop: as a
 * regex, the end-anchored branch is tried at every position of the claim.
 */
function trimClaimEdges(raw: string): string {
  let start = 0;
  let end = raw.length;
  while (start < end && isClaimEdge(raw, start, CLAIM_LEADING_JUNK)) start++;
  while (end > start && isClaimEdge(raw, end - 1, CLAIM_TRAILING_JUNK)) end--;
  return start === 0 && end === raw.length ? raw : raw.slice(start, end);
}

function isClaimEdge(raw: string, index: number, junk: ReadonlySet<string>): boolean {
  return isJsSpaceCode(raw.charCodeAt(index)) || junk.has(raw[index]!);
}
