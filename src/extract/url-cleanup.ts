import type { CleanupStep } from '../model/citation.js';
import { isUrlEndingEntity, isWhitespaceCode, readEntityAt } from './text-normalize.js';

export type { CleanupStep };

export interface CleanedUrl {
  /** Valid http(s) URL without fragment (WHATWG-serialized), or null with `problem` set. */
  url: string | null;
  /** The part of the candidate that really is the URL, exactly as written (a prefix of the candidate). */
  text: string;
  /** Fragment without `#` (anchor or `:~:text=` directive), as written; null when absent or empty. */
  fragment: string | null;
  /** What was removed or rewritten, in the order it stands in the candidate. */
  steps: CleanupStep[];
  /** Why `url` is null; null when the URL is valid. */
  problem: string | null;
  /**
   * The removed text right after `text` that is punctuation or markup residue (`.`, `;`, `./span>`).
   * Segmenters read sentence ends from it.
   */
  junk: string;
  /** The removed text after `junk` that is prose glued onto the URL (`age` in `...descent.pdf.age`). */
  gluedProse: string;
}

export const CLEANUP_RULES = {
  whitespace: 'whitespace',
  htmlResidue: 'html-residue',
  entity: 'html-entity',
  quote: 'quote',
  gluedProse: 'prose-after-extension',
  gluedSentence: 'sentence-after-dot',
  trailingPunctuation: 'trailing-punctuation',
  unbalancedBracket: 'unbalanced-bracket',
  entityInUrl: 'entity-in-url',
} as const;

/** Characters that never stand unescaped inside a URL as an author writes one. */
const URL_ENDING_CHARS = /[<>"\u201c\u201d\u201e`]/;
/** Tags whose residue shows up glued to URLs in text flattened from HTML. */
const RESIDUE_TAGS = new Set([
  'a',
  'b',
  'i',
  'p',
  'em',
  'strong',
  'span',
  'div',
  'sup',
  'sub',
  'li',
  'ul',
  'ol',
  'br',
  'td',
  'tr',
  'font',
  'cite',
  'small',
  'u',
]);
/**
 * A file extension followed by letters that cannot continue the path (`.pdf.age`, `.phpThe`).
 * No `i` flag: with `u` it would make `\p{Lu}` match lower case too.
 */
const EXTENSION_BEFORE_PROSE = /\.([A-Za-z]{2,5}\d?)(?=\.\p{L}|\p{Lu}\p{Ll})/gu;
const CAPITALIZED_AFTER_DOT = /\.(?=\p{Lu}\p{Ll})/u;
const HAS_UPPER_CASE = /\p{Lu}/u;
/** One-pass pre-checks: most URLs have neither pattern anywhere. */
const ANY_DOT_BEFORE_CAPITAL = /\.\p{Lu}/u;
const ANY_EXTENSION_BEFORE_PROSE = new RegExp(EXTENSION_BEFORE_PROSE.source, 'u');
const DOCUMENT_EXTENSIONS = new Set(
  'pdf php php3 php4 php5 asp aspx htm html shtml jsp cfm doc docx xls xlsx ppt pptx txt csv xml json rtf epub'.split(
    ' ',
  ),
);
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '\u2019', '\u2018', '*', '\u2026']);
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
const MAX_CLEANUP_PASSES = 8;

/**
 * Separates a URL from the junk a document glued to it, recording every removal.
 * Each rule only shortens the candidate, and the rules run until nothing changes, so the
 * result is idempotent: `cleanUrl(cleanUrl(x).text).text === cleanUrl(x).text`.
 * Pure: callers may cache results by candidate.
 */
export function cleanUrl(candidate: string): CleanedUrl {
  const removals: CleanupStep[] = [];
  // These cut at the first occurrence of something a URL cannot contain, so once is enough.
  let text = cutAt(candidate, findWhitespaceCut(candidate), CLEANUP_RULES.whitespace, removals);
  text = cutAt(text, findHtmlResidueCut(text), CLEANUP_RULES.htmlResidue, removals);
  text = cutAt(text, findEntityCut(text), CLEANUP_RULES.entity, removals);
  text = cutAt(text, findQuoteCut(text), CLEANUP_RULES.quote, removals);
  // Trimming punctuation can expose glued prose and the other way round: repeat until stable.
  for (let pass = 0; pass < MAX_CLEANUP_PASSES; pass++) {
    const before = text.length;
    text = cutGluedProse(text, removals);
    text = trimTrailingPunctuation(text, removals);
    if (text.length === before) break;
  }
  // Removals were collected outermost first; report them in document order.
  const steps = removals.reverse();
  const removed = candidate.slice(text.length);
  const junkLength = measureJunk(removed);
  const { url, fragment, problem, decodeSteps } = validateUrl(text);
  return {
    url,
    text,
    fragment,
    steps: [...decodeSteps, ...steps],
    problem,
    junk: removed.slice(0, junkLength),
    gluedProse: removed.slice(junkLength),
  };
}

function cutAt(text: string, index: number, rule: string, removals: CleanupStep[]): string {
  if (index < 0 || index >= text.length) return text;
  removals.push({ rule, removed: text.slice(index) });
  return text.slice(0, index);
}

/** Any whitespace ends a URL, no-break and typographic spaces included. */
function findWhitespaceCut(text: string): number {
  for (let index = 0; index < text.length; index++) if (isWhitespaceCode(text.charCodeAt(index))) return index;
  return -1;
}

/** `<` always starts markup; a `>` is residue together with a `/tag` in front of it (`./span>`). */
function findHtmlResidueCut(text: string): number {
  const lt = text.indexOf('<');
  const gt = text.indexOf('>');
  if (gt === -1) return lt;
  let start = gt;
  let nameStart = gt;
  while (nameStart > 0 && isAsciiLetter(text.charCodeAt(nameStart - 1))) nameStart--;
  const tag = text.slice(nameStart, gt).toLowerCase();
  if (RESIDUE_TAGS.has(tag) && text[nameStart - 1] === '/') start = nameStart - 1;
  return lt === -1 ? start : Math.min(lt, start);
}

function findEntityCut(text: string): number {
  for (let index = text.indexOf('&'); index !== -1; index = text.indexOf('&', index + 1)) {
    const entity = readEntityAt(text, index);
    if (entity && isUrlEndingEntity(entity)) return index;
  }
  return -1;
}

function findQuoteCut(text: string): number {
  const match = URL_ENDING_CHARS.exec(text);
  return match ? match.index : -1;
}

function cutGluedProse(text: string, removals: CleanupStep[]): string {
  // Both patterns need a dot followed by a letter after the scheme; most URLs end cleanly.
  const pathStart = findPathStart(text);
  const afterExtension = findProseAfterExtension(text, pathStart);
  const cut = afterExtension ?? findCapitalizedWordAfterDot(text, pathStart);
  if (cut === null) return text;
  const dotLength = text[cut] === '.' ? 1 : 0;
  const rule = afterExtension === null ? CLEANUP_RULES.gluedSentence : CLEANUP_RULES.gluedProse;
  removals.push({ rule, removed: text.slice(cut + dotLength) });
  if (dotLength) removals.push({ rule: CLEANUP_RULES.trailingPunctuation, removed: '.' });
  return text.slice(0, cut);
}

/** `...descent.pdf.age`, `...report.PDFThe`: index after the extension, or null. */
function findProseAfterExtension(text: string, pathStart: number): number | null {
  if (!ANY_EXTENSION_BEFORE_PROSE.test(text)) return null;
  const queryStart = text.indexOf('?', pathStart);
  const path = text.slice(pathStart, queryStart === -1 ? text.length : queryStart);
  for (const found of path.matchAll(EXTENSION_BEFORE_PROSE)) {
    if (DOCUMENT_EXTENSIONS.has(found[1]!.toLowerCase())) return pathStart + found.index + found[0].length;
  }
  return null;
}

/** Index of the first label starting upper-case after at least two labels without capitals. */
function findSentenceStartInHost(host: string): number | null {
  let labelStart = 0;
  for (let labels = 0; labelStart < host.length; labels++) {
    const dot = host.indexOf('.', labelStart);
    if (dot === -1) return null;
    if (/\p{Lu}/u.test(host.slice(labelStart, dot))) return null;
    if (labels >= 1 && /\p{Lu}/u.test(host[dot + 1] ?? '')) return dot;
    labelStart = dot + 1;
  }
  return null;
}

/**
 * `...example.org.Thomas` or `.../senegal.Thomas`: a sentence glued after a dot, in a lower-case
 * host (which keeps at least two labels) or in the last path segment of a URL without query or
 * fragment. Authors write hosts and file names in one case; a sentence starts with a capital.
 */
function findCapitalizedWordAfterDot(text: string, pathStart: number): number | null {
  if (!ANY_DOT_BEFORE_CAPITAL.test(text)) return null;
  const schemeEnd = text.indexOf('://');
  const hostStart = schemeEnd === -1 ? 0 : schemeEnd + 3;
  const host = text.slice(hostStart, pathStart);
  const inHost = HAS_UPPER_CASE.test(host) ? findSentenceStartInHost(host) : null;
  if (inHost !== null) return hostStart + inHost;
  if (pathStart >= text.length || /[?#]/.test(text.slice(pathStart))) return null;
  const segmentStart = text.lastIndexOf('/') + 1;
  const inSegment = CAPITALIZED_AFTER_DOT.exec(text.slice(segmentStart));
  return inSegment ? segmentStart + inSegment.index : null;
}

/**
 * Drops sentence punctuation and closing brackets that do not close anything inside the URL,
 * so `...Front%20(MLF)` keeps its `)` but `(see https://x.org/a).` loses `).`.
 */
function trimTrailingPunctuation(text: string, removals: CleanupStep[]): string {
  let end = text.length;
  let removedEnd = end;
  let rule: string = CLEANUP_RULES.trailingPunctuation;
  const flush = (nextRule: string): void => {
    if (removedEnd > end && nextRule !== rule) {
      removals.push({ rule, removed: text.slice(end, removedEnd) });
      removedEnd = end;
    }
    rule = nextRule;
  };
  const schemeEnd = text.indexOf('://');
  const minimumEnd = schemeEnd === -1 ? 0 : schemeEnd + 3;
  // Closers minus openers per bracket kind, counted once when a closer ends the text and kept
  // up to date while trimming (linear, not n²); most URLs end in neither.
  const unclosed = new Map<string, number>();
  while (end > minimumEnd) {
    const char = text[end - 1]!;
    if (TRAILING_PUNCTUATION.has(char)) {
      flush(CLEANUP_RULES.trailingPunctuation);
      end--;
      continue;
    }
    const opener = CLOSERS[char];
    if (opener === undefined) break;
    if (!unclosed.has(char)) unclosed.set(char, countChar(text, char) - countChar(text, opener));
    const excess = unclosed.get(char)!;
    if (excess > 0) {
      unclosed.set(char, excess - 1);
      flush(CLEANUP_RULES.unbalancedBracket);
      end--;
      continue;
    }
    break;
  }
  flush('');
  return text.slice(0, end);
}

/** Index after `scheme://host` (or 0), so cleanup never eats into the scheme separator. */
function findPathStart(text: string): number {
  const schemeEnd = text.indexOf('://');
  if (schemeEnd === -1 || schemeEnd > 10) return 0;
  let index = schemeEnd + 3;
  for (let code = text.charCodeAt(index); index < text.length; code = text.charCodeAt(++index)) {
    if (code === 0x2f /* / */ || code === 0x3f /* ? */ || code === 0x23 /* # */) break;
  }
  return index;
}

function countChar(text: string, char: string): number {
  let count = 0;
  for (let index = text.indexOf(char); index !== -1; index = text.indexOf(char, index + 1)) count++;
  return count;
}

/** Length of the leading punctuation/markup part of what was removed; the rest is prose. */
function measureJunk(removed: string): number {
  let index = 0;
  while (index < removed.length) {
    const code = removed.charCodeAt(index);
    if (code === 0x26 /* & */) {
      const entity = readEntityAt(removed, index);
      if (entity) {
        index += entity.length;
        continue;
      }
    }
    if (code === 0x3c /* < */ || code === 0x2f /* / */) {
      const tag = /^<?\/?[a-zA-Z]{1,10}\s*\/?>/.exec(removed.slice(index, index + 16));
      if (tag) {
        index += tag[0].length;
        continue;
      }
    }
    if (/[\p{P}\p{S}]/u.test(removed[index]!)) {
      index++;
      continue;
    }
    break;
  }
  return index;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const DEFANGED = /^(?:hxxps?|hxtps?|htxps?|h\[tt\]ps?|ttps?|htps?|htt)(?::|\/\/)/i;

interface Validation {
  url: string | null;
  fragment: string | null;
  problem: string | null;
  decodeSteps: CleanupStep[];
}

function validateUrl(text: string): Validation {
  const decodeSteps: CleanupStep[] = [];
  const decoded = !text.includes('&')
    ? text
    : text.replace(/&(?:amp|#0*38|#x0*26);/gi, (entity) => {
        decodeSteps.push({ rule: CLEANUP_RULES.entityInUrl, removed: entity });
        return '&';
      });
  const invalid = (problem: string): Validation => ({ url: null, fragment: null, problem, decodeSteps });
  if (text.length === 0) return invalid('nothing URL-like is left after cleanup');
  let absolute = decoded;
  if (/^www\d{0,3}\./i.test(decoded)) absolute = `http://${decoded}`;
  else if (DEFANGED.test(decoded)) return invalid(`defanged or misspelled scheme in "${text}"`);
  const scheme = SCHEME.exec(absolute);
  if (!scheme) return invalid(`no http(s) scheme in "${text}"`);
  const schemeName = scheme[1]!.toLowerCase();
  if (schemeName !== 'http' && schemeName !== 'https') return invalid(`scheme "${schemeName}" is not http(s)`);
  // WHATWG parsing forgives `http:/x` and `http:x`; an author who wrote that meant something else.
  if (!absolute.slice(scheme[0].length).startsWith('//')) return invalid(`malformed "${schemeName}://" in "${text}"`);
  const hashIndex = absolute.indexOf('#');
  const withoutFragment = hashIndex === -1 ? absolute : absolute.slice(0, hashIndex);
  let parsed: URL;
  try {
    parsed = new URL(withoutFragment);
  } catch {
    return invalid(`not a valid URL: "${text}"`);
  }
  if (parsed.hostname === '' || /^\.|\.\.|\.$/.test(parsed.hostname)) return invalid(`no valid host in "${text}"`);
  const fragment = hashIndex === -1 ? '' : absolute.slice(hashIndex + 1);
  return { url: parsed.href, fragment: fragment === '' ? null : fragment, problem: null, decodeSteps };
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** A span of URL-like text in prose: from a scheme (or broken scheme, or `www.`) to the next whitespace. */
export interface UrlCandidate {
  start: number;
  end: number;
  text: string;
}

/**
 * Broken forms (`hxxp://`, `http:/`, `htp://`) are found too, so callers can warn about them
 * instead of losing them. One pass of a regex without nested quantifiers: linear time.
 */
const CANDIDATE_START =
  /(?:h(?:tt|xx|t|xt|tx)ps?|(?<![a-z])ttps?)(?::\/{1,3}|\/\/)|(?<![\p{L}\p{N}_.@/-])www\d{0,3}\./giu;

const MAY_HOLD_URL = /:\/|\/\/|www\d{0,3}\./i;

export function findUrlCandidates(text: string): UrlCandidate[] {
  const candidates: UrlCandidate[] = [];
  // Most prose holds no URL; one cheap scan avoids running the full pattern over it.
  if (!MAY_HOLD_URL.test(text)) return candidates;
  const starts = new RegExp(CANDIDATE_START.source, CANDIDATE_START.flags);
  for (let match = starts.exec(text); match !== null; match = starts.exec(text)) {
    const start = match.index;
    const end = findCandidateEnd(text, start + match[0].length);
    candidates.push({ start, end, text: text.slice(start, end) });
    starts.lastIndex = end;
  }
  return candidates;
}

/**
 * The next whitespace, or the start of a second URL glued on (`...x.pdf”https://b`,
 * `...pagehttps://b`). Not after `/ = ? & # % ( : + , ;`: there the embedded URL belongs to
 * this one, as in Wayback links (`/web/2020/https://...`) and redirects (`?to=https://...`).
 * A character loop rather than a regex search, which would look past the end of the URL.
 */
function findCandidateEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isWhitespaceCode(code)) return index;
    if ((code === 0x68 || code === 0x48) /* h H */ && GLUED_SCHEME.test(text.slice(index, index + 8))) {
      if (!EMBEDDING_CHARS.includes(text[index - 1]!)) return index;
    }
  }
  return text.length;
}

const GLUED_SCHEME = /^https?:\/\//i;
const EMBEDDING_CHARS = '/=?&#%(:+,;';
