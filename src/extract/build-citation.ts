import type { ArchivedRef, Citation } from '../model/citation.js';
import type { ExtractWarning } from '../model/document.js';
import { type CitationFields, parseCitationFields } from './citation-fields.js';
import type { LineIndex } from './line-index.js';
import { linkKeyOf } from './link-key.js';
import type { CleanedUrl, CleanupStep } from './url-cleanup.js';
import { parseArchivedUrl } from './wayback-url.js';

export const WARNING_CODES = {
  invalidUrl: 'invalid-url',
  bareUrl: 'bare-url-citation',
  noCitations: 'no-citations',
} as const;

export interface CitationSource {
  id: string;
  claimId: string;
  /** The citation exactly as written in the document. */
  raw: string;
  /** 0-based offset of `raw` in the document. */
  offset: number;
  /** The URL as cleaned from what the document holds, and where its `text` stands (null: not in the text, e.g. an href). */
  url: { cleaned: CleanedUrl; offset: number | null } | null;
  lines: LineIndex;
  /** Text to read bibliographic fields from, when it differs from `raw` (markup stripped). */
  fieldsText?: string;
  /** Fields already read (a caller that caches them per distinct citation text). */
  fields?: CitationFields;
  /** A Wayback capture the document gives beside the original URL (HTML/Markdown "Archived from the original"). */
  archived?: ArchivedRef | null;
}

export interface BuiltCitation {
  citation: Citation;
  /** Set when the citation's URL could not be made valid: the citation stays, with `url: null`. */
  warning: ExtractWarning | null;
}

/** Turns one located citation into the `Citation` record, the same way for every format. */
export function buildCitation(source: CitationSource): BuiltCitation {
  const { line, column } = source.lines.position(source.offset);
  const cleaned = source.url?.cleaned ?? null;
  // Most URLs serialize as written: sharing the written text (a slice of the document) saves a copy per citation.
  const url = cleaned !== null && cleaned.url === cleaned.text ? cleaned.text : (cleaned?.url ?? null);
  const fields = source.fields ?? parseCitationFields(source.fieldsText ?? source.raw);
  const citation: Citation = {
    id: source.id,
    claimId: source.claimId,
    raw: source.raw,
    line,
    column,
    offset: source.offset,
    url,
    urlText: cleaned?.text ?? null,
    urlOffset: source.url?.offset ?? null,
    fragment: cleaned?.fragment ?? null,
    linkKey: url === null ? null : linkKeyOf(url),
    // Fields listed one by one, not spread: a literal with a spread in it stores the properties
    // after it out of the object, which costs ~60 bytes more per citation.
    authors: [...fields.authors],
    title: fields.title,
    container: fields.container,
    date: fields.date,
    accessed: fields.accessed,
    locator: fields.locator,
    archived: source.archived ?? (url === null ? null : parseArchivedUrl(url)),
    cleanup: sharedCleanup(cleaned?.steps ?? []),
  };
  return { citation, warning: cleaned && url === null ? invalidUrlWarning(cleaned, source) : null };
}

/**
 * Most citations record no cleanup step or one (the `.` after a URL): such lists are made once
 * and shared between citations, frozen so that no one citation can change another's. A list
 * each (an array, its store and a step) was ~8 MB of the 50 MB Markdown bench's peak.
 */
const SHARED_CLEANUPS = new Map<string, CleanupStep[]>();
/** Distinct one-step lists worth sharing (a rule and the few characters it removed); more are copied. */
const MAX_SHARED_CLEANUPS = 256;
const MAX_SHARED_REMOVED_CHARS = 4;

function sharedCleanup(steps: readonly CleanupStep[]): CleanupStep[] {
  const only = steps[0];
  if (steps.length > 1 || (only && only.removed.length > MAX_SHARED_REMOVED_CHARS)) return [...steps];
  const key = only ? `${only.rule}\0${only.removed}` : '';
  const shared = SHARED_CLEANUPS.get(key);
  if (shared) return shared;
  const list = only ? [Object.freeze({ rule: only.rule, removed: only.removed })] : [];
  // Typed as the schema's mutable list; frozen, a write throws instead of changing every citation.
  const frozen = Object.freeze(list) as CleanupStep[];
  if (SHARED_CLEANUPS.size < MAX_SHARED_CLEANUPS) SHARED_CLEANUPS.set(key, frozen);
  return frozen;
}

function invalidUrlWarning(cleaned: CleanedUrl, source: CitationSource): ExtractWarning {
  const at = source.lines.position(source.url?.offset ?? source.offset);
  return {
    code: WARNING_CODES.invalidUrl,
    message: `URL-like text could not be made into a valid http(s) URL: ${cleaned.problem ?? 'unknown problem'}`,
    line: at.line,
    column: at.column,
    text: cleaned.text,
  };
}
