/**
 * Splits a large Markdown document into chunks that parse the same alone as together, so the
 * parser's working memory (micromark events, the whole tree) stays bounded: one parse of a
 * 10 MB document peaked at 1.7 GB RSS, 160x the input. Chunks end at a blank line followed by
 * an unindented line outside fenced code and raw HTML blocks; such a line starts a new
 * top-level block. So does an unindented footnote definition right after a one-line one (a
 * container start closes the definition before it): a notes list written without blank lines,
 * 25,000 definitions in one 4 MB block, was otherwise parsed at once (1.3 GB RSS). What does
 * cross chunks, footnote and link definitions, is found by a line scan first and given to
 * every chunk that refers to it as a stub definition appended after the chunk's own text.
 */

export interface MarkdownChunk {
  start: number;
  end: number;
}

export interface DefinitionIndex {
  /** Link definitions by identifier (as mdast normalizes labels): the destination as written and its offset. */
  links: Map<string, { label: string; destination: string; text: string; offset: number }>;
  /**
   * Footnote definitions by identifier. One entry per note serves the whole reading: its id is
   * shared by the note's references and body, and the reader keeps the body's range in it
   * (a map per purpose, identifier to id and id to body, cost ~7 MB each at 50 MB).
   */
  footnotes: Map<string, FootnoteEntry>;
}

export interface FootnoteEntry {
  readonly id: string;
  /** The note's range of visible text, once the reader has read it. */
  body: { start: number; end: number } | undefined;
}

/** Note ids live in one map with HTML-style ids; the prefix keeps `[^1]` apart from anything else. */
const FOOTNOTE_ID_PREFIX = 'footnote:';

/**
 * Small chunks keep peak memory low: on the 1 MB bench document, peak RSS was 356 MB in one
 * parse, 209 MB with 64 KB chunks and 161 MB with 16 KB chunks, at about the same CPU time.
 * Parsing the 50 MB one left ~58 MB in the heap with 8 KiB chunks, ~50 MB with 4 KiB and
 * ~53 MB with 2 KiB (less of a chunk's parse is still alive when V8 promotes what survived).
 */
export const MARKDOWN_CHUNK_CHARS = 4 * 1024;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RAW_HTML_START = /^ {0,3}<(?:(script|pre|style|textarea)[\s>]|(!--))/i;
const LINK_DEFINITION = /^ {0,3}\[((?:[^[\]\\\n]|\\.){1,999})\]:[ \t]*(<[^<>\n]*>|\S+)/;
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:/;
/** A footnote definition on one line whose text opens no code fence or HTML block. */
const ONE_LINE_FOOTNOTE = /^\[\^[^\]\s]+\]:[ \t]*[^\s<`~][^\n]*\n$/;
const FOOTNOTE_REFERENCE = /\[\^([^\]\s]+)\]/g;
const BRACKETED = /\[((?:[^[\]\\\n]|\\.){1,999})\]/g;

/** The identifier micromark gives a label: whitespace collapsed, case folded. */
export function identifierOf(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}

/** The id a footnote is known by among the notes of a document, from its identifier. */
export function footnoteIdOf(identifier: string): string {
  return FOOTNOTE_ID_PREFIX + identifier;
}

/** The identifier of a note id made by `footnoteIdOf`. */
export function footnoteIdentifierOf(noteId: string): string {
  return noteId.slice(FOOTNOTE_ID_PREFIX.length);
}

/** Chunk boundaries and the definitions found on the way, in one pass over the lines. */
export function scanMarkdown(
  source: string,
  chunkChars = MARKDOWN_CHUNK_CHARS,
): { chunks: MarkdownChunk[]; definitions: DefinitionIndex } {
  const chunks: MarkdownChunk[] = [];
  const definitions: DefinitionIndex = { links: new Map(), footnotes: new Map() };
  let chunkStart = 0;
  let fence: string | null = null;
  let rawHtmlEnd: string | null = null;
  let previousBlank = false;
  let previousOneLineFootnote = false;
  // An HTML block (`<div>` ...) runs to the next blank line and swallows footnote lines too.
  let htmlSinceBlank = false;
  for (let lineStart = 0; lineStart < source.length; ) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? source.length : newline + 1;
    const line = source.slice(lineStart, lineEnd);
    const blank = line.trim() === '';
    if (fence !== null) {
      const closing = FENCE.exec(line);
      if (closing && closing[1]!.charAt(0) === fence.charAt(0) && closing[1]!.length >= fence.length) fence = null;
    } else if (rawHtmlEnd !== null) {
      if (line.toLowerCase().includes(rawHtmlEnd)) rawHtmlEnd = null;
    } else {
      const startsBlock =
        (previousBlank && !blank && !/^\s/.test(line)) ||
        (previousOneLineFootnote && FOOTNOTE_DEFINITION.test(line) && !/^\s/.test(line));
      const canSplit = startsBlock && lineStart - chunkStart >= chunkChars;
      if (canSplit) {
        chunks.push({ start: chunkStart, end: lineStart });
        chunkStart = lineStart;
      }
      const opening = FENCE.exec(line);
      const html = RAW_HTML_START.exec(line);
      if (opening) fence = opening[1]!;
      else if (html) rawHtmlEnd = html[2] ? '-->' : `</${html[1]!.toLowerCase()}>`;
      if (html && line.toLowerCase().includes(rawHtmlEnd ?? '\0', html[0].length)) rawHtmlEnd = null;
      recordDefinition(line, lineStart, definitions);
    }
    previousBlank = blank;
    htmlSinceBlank = !blank && (htmlSinceBlank || /^ {0,3}</.test(line));
    previousOneLineFootnote = fence === null && rawHtmlEnd === null && !htmlSinceBlank && ONE_LINE_FOOTNOTE.test(line);
    lineStart = lineEnd;
  }
  if (chunkStart < source.length || chunks.length === 0) chunks.push({ start: chunkStart, end: source.length });
  return { chunks, definitions };
}

function recordDefinition(line: string, lineStart: number, definitions: DefinitionIndex): void {
  const footnote = FOOTNOTE_DEFINITION.exec(line);
  if (footnote) {
    const identifier = identifierOf(footnote[1]!);
    if (!definitions.footnotes.has(identifier))
      definitions.footnotes.set(identifier, { id: footnoteIdOf(identifier), body: undefined });
    return;
  }
  const link = LINK_DEFINITION.exec(line);
  if (!link) return;
  const identifier = identifierOf(link[1]!);
  if (definitions.links.has(identifier)) return;
  const destination = link[2]!;
  const bracketed = destination.startsWith('<');
  const offset = lineStart + link[0].length - destination.length + (bracketed ? 1 : 0);
  const text = bracketed ? destination.slice(1, -1) : destination;
  definitions.links.set(identifier, { label: link[1]!, destination, text, offset });
}

/**
 * Stub definitions for the footnotes and link labels a chunk mentions, to append after it
 * (after a blank line) so its references resolve as in the whole document. The stubs' own
 * nodes lie past the chunk's end, and callers drop them.
 */
export function definitionStubs(chunk: string, definitions: DefinitionIndex): string {
  const stubs = new Set<string>();
  for (const match of chunk.matchAll(FOOTNOTE_REFERENCE)) {
    if (definitions.footnotes.has(identifierOf(match[1]!))) stubs.add(`[^${match[1]}]: .`);
  }
  for (const match of chunk.matchAll(BRACKETED)) {
    const definition = definitions.links.get(identifierOf(match[1]!));
    if (definition) stubs.add(`[${definition.label}]: ${definition.destination}`);
  }
  return stubs.size === 0 ? '' : `\n\n${[...stubs].join('\n\n')}\n`;
}
