import type { DocumentFormat } from '../model/document.js';
import type { ReportCitation, SuggestedFix } from '../model/report.js';
import { escapeHtml } from './escape.js';

export interface AppliedFix {
  citationId: string;
  line: number;
  originalUrl: string;
  replacementUrl: string;
}

export interface SkippedFix {
  citationId: string;
  line: number;
  reason: string;
}

export interface FixedDocument {
  text: string;
  applied: AppliedFix[];
  skipped: SkippedFix[];
}

interface Edit {
  start: number;
  end: number;
  insert: string;
}

type FixableCitation = Pick<ReportCitation, 'id' | 'line' | 'urlText' | 'urlOffset'> & { fix: SuggestedFix };

/** Plain text: the capture goes right after the original, which stays as the author wrote it. */
function editText(c: FixableCitation, urlText: string, offset: number): Edit[] {
  const end = offset + urlText.length;
  return [{ start: end, end, insert: ` (archived ${c.fix.versionDate}: ${c.fix.replacementUrl})` }];
}

/**
 * Markdown: the link target becomes the capture and a note keeps the original, after the
 * link construct (`](url)`, `<url>`) or, in a reference definition, at the end of its line.
 */
function editMarkdown(text: string, c: FixableCitation, urlText: string, offset: number): Edit[] {
  const end = offset + urlText.length;
  const note = `(originally ${c.fix.originalUrl}, archived ${c.fix.versionDate})`;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndRaw = text.indexOf('\n', end);
  const lineEnd = lineEndRaw === -1 ? text.length : lineEndRaw;
  const replace: Edit = { start: offset, end, insert: c.fix.replacementUrl };
  if (/^ {0,3}\[[^\]^][^\]]*\]:\s*<?$/.test(text.slice(lineStart, offset))) {
    return [replace, { start: lineEnd, end: lineEnd, insert: ` <!-- citecheck: ${note} -->` }];
  }
  const next = text[end];
  const after = next === ')' || next === '>' ? end + 1 : end;
  return [replace, { start: after, end: after, insert: ` ${note}` }];
}

/**
 * HTML, following Robust Links: `href` becomes the capture, and the tag keeps the original
 * in `data-originalurl` with `data-versionurl` and `data-versiondate`. A URL in text gets a
 * robust link to the capture after it.
 */
function editHtml(text: string, c: FixableCitation, urlText: string, offset: number): Edit[] {
  const end = offset + urlText.length;
  const attrs =
    `data-originalurl="${escapeHtml(c.fix.originalUrl)}" data-versionurl="${escapeHtml(c.fix.replacementUrl)}" ` +
    `data-versiondate="${escapeHtml(c.fix.versionDate)}"`;
  const tagStart = text.lastIndexOf('<', offset);
  const lastClose = text.lastIndexOf('>', offset);
  const tagEnd = text.indexOf('>', end);
  const inTag = tagStart > lastClose && tagEnd !== -1 && /href\s*=\s*["']?$/i.test(text.slice(tagStart, offset));
  if (inTag) {
    const closeAt = text[tagEnd - 1] === '/' ? tagEnd - 1 : tagEnd;
    return [
      { start: offset, end, insert: escapeHtml(c.fix.replacementUrl) },
      { start: closeAt, end: closeAt, insert: ` ${attrs}` },
    ];
  }
  const anchor = ` <a href="${escapeHtml(c.fix.replacementUrl)}" ${attrs}>[archived ${escapeHtml(c.fix.versionDate)}]</a>`;
  return [{ start: end, end, insert: anchor }];
}

/**
 * Writes each validated capture into the document text. Pure: offsets come from the report,
 * and a citation whose URL is no longer at its offset (the file changed) is skipped, not guessed.
 */
export function fixDocument(
  text: string,
  format: DocumentFormat,
  citations: ReadonlyArray<Pick<ReportCitation, 'id' | 'line' | 'urlText' | 'urlOffset' | 'fix'>>,
): FixedDocument {
  const applied: AppliedFix[] = [];
  const skipped: SkippedFix[] = [];
  const edits: Edit[] = [];
  const seenOffsets = new Set<number>();
  for (const citation of citations) {
    const { fix, urlText, urlOffset } = citation;
    if (!fix) continue;
    if (urlText === null || urlOffset === null) {
      skipped.push({ citationId: citation.id, line: citation.line, reason: 'the citation has no URL position' });
      continue;
    }
    if (text.slice(urlOffset, urlOffset + urlText.length) !== urlText) {
      skipped.push({ citationId: citation.id, line: citation.line, reason: 'the document changed since the report' });
      continue;
    }
    if (seenOffsets.has(urlOffset)) continue;
    seenOffsets.add(urlOffset);
    const fixable = { ...citation, fix };
    if (format === 'html') edits.push(...editHtml(text, fixable, urlText, urlOffset));
    else if (format === 'markdown') edits.push(...editMarkdown(text, fixable, urlText, urlOffset));
    else edits.push(...editText(fixable, urlText, urlOffset));
    applied.push({
      citationId: citation.id,
      line: citation.line,
      originalUrl: fix.originalUrl,
      replacementUrl: fix.replacementUrl,
    });
  }
  // Apply from the end so earlier offsets stay valid; at one offset, replacements before inserts.
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.insert + out.slice(edit.end);
  return { text: out, applied, skipped };
}
