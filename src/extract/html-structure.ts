import { Parser } from 'htmlparser2';
import { LinkList } from './structured-lists.js';
import { sortedByStart } from './structured-ranges.js';
import {
  collapseWhitespace,
  type DetachedNote,
  type InlineNote,
  MappedText,
  type NoteReference,
  type StructuredText,
  type TextBlock,
} from './structured-text.js';

/** Elements whose content is never prose a reader sees. */
const SKIPPED_ELEMENTS = new Set(['head', 'script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe']);
/** Elements that end one paragraph-like block and begin another. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'div', 'dl', 'dt',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul',
]); // biome-ignore format: a word list reads better packed
const HEADING_ELEMENTS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Inline elements that hold a whole note in the running text (Tufte sidenotes, `span.footnote`). */
const INLINE_NOTE_ELEMENTS = new Set(['span', 'small', 'aside']);
const INLINE_NOTE_CLASS = /(?:^|\s)(?:footnote|sidenote|marginnote|endnote|inline-?note|fn)(?:\s|$)/i;
/** Links back from a note to where it was referenced: navigation, not part of the citation. */
const BACKLINK_CLASS = /(?:^|\s)(?:mw-cite-backlink|footnote-back(?:ref|link)?|backlink|fn-?backref)(?:\s|$)/i;
const NOTE_REFERENCE_CLASS = /(?:^|\s)(?:footnote-?ref|fnref|noteref|reference|footnote)(?:\s|$)/i;
/** Outside `<sup>`, only a number or a note symbol marks a note (a letter is more often an index link). */
const NOTE_MARKER_TEXT = /^\s*[[(]?\s*(?:\d{1,4}|[*†‡§¶])\s*[\])]?\s*$/;
/** A `title` attribute is a note only when it carries a source. */
const URL_LIKE = /(?:https?:\/\/|www\.)\S/i;

interface Frame {
  name: string;
  start: number;
  skipped: boolean;
  id: string | null;
  href: string | null;
  hrefSpan: SourceSpan | null;
  sourceStart: number;
  isSup: boolean;
  inlineNote: boolean;
  titleNote: MappedText | null;
  noteReferenceClass: boolean;
  /** Note references made inside this `<sup>`, widened to the whole `<sup>` on close. */
  supReferences: NoteReference[] | null;
  /** Visible text, collected only for in-page links and headings. */
  label: string | null;
}

/**
 * Reads HTML with htmlparser2's streaming parser (the parser under cheerio) into visible text
 * plus ranges. A streaming pass instead of a cheerio DOM: a DOM costs about 9x the input in
 * heap (measured on 10 MB), over the 5x budget, while this pass keeps only text and ranges.
 */
export function readHtmlStructure(source: string): StructuredText {
  const text = new MappedText(source);
  const blocks: TextBlock[] = [];
  const links = new LinkList(source);
  const noteReferences: NoteReference[] = [];
  const inlineNotes: InlineNote[] = [];
  const detachedNotes: DetachedNote[] = [];
  const noteBodies = new Map<string, { start: number; end: number }>();
  const stack: Frame[] = [];
  // Where this start tag's href and title values stand; reset at every tag.
  let hrefSpan: SourceSpan | null = null;
  let titleSpan: SourceSpan | null = null;
  let skipDepth = 0;
  let section: string | null = null;
  let blockStart = 0;
  // Whether the current block holds more than the whitespace between tags, or any element.
  let blockHasText = false;
  let blockHasElement = false;
  const labelled: Frame[] = [];

  // A block of nothing but the whitespace between tags (half the blocks of a typical page) can
  // hold no claim or citation: it is not kept.
  const endBlock = (sourceOffset: number): TextBlock | null => {
    let block: TextBlock | null = null;
    if (text.length > blockStart && (blockHasText || blockHasElement)) {
      block = { start: blockStart, end: text.length, section };
      blocks.push(block);
    }
    if (text.length > 0 && text.lastChar() !== '\n') text.append('\n', sourceOffset, sourceOffset, false);
    blockStart = text.length;
    blockHasText = false;
    blockHasElement = false;
    return block;
  };

  const parser: Parser = new Parser(
    {
      onattribute(name, _value) {
        if (name === 'href') hrefSpan = attributeValueSpan(source, parser.startIndex, parser.endIndex);
        else if (name === 'title') titleSpan = attributeValueSpan(source, parser.startIndex, parser.endIndex);
      },
      onopentag(name, attributes) {
        const sourceStart = parser.startIndex;
        const spans = { href: hrefSpan, title: titleSpan };
        hrefSpan = null;
        titleSpan = null;
        const className = attributes.class ?? '';
        const skipped =
          SKIPPED_ELEMENTS.has(name) || BACKLINK_CLASS.test(className) || attributes.role === 'doc-backlink';
        if (skipped) skipDepth++;
        if (skipDepth > 0 && !skipped) {
          stack.push(emptyFrame(name, text.length, sourceStart, false));
          return;
        }
        if (BLOCK_ELEMENTS.has(name)) endBlock(sourceStart);
        blockHasElement = true;
        if (name === 'br') text.append('\n', sourceStart, parser.endIndex + 1, false);
        const frame = emptyFrame(name, text.length, sourceStart, skipped);
        frame.id = attributes.id ?? null;
        frame.isSup = name === 'sup';
        if (frame.isSup) frame.supReferences = [];
        if (name === 'a' && attributes.href !== undefined) {
          frame.href = attributes.href;
          frame.hrefSpan = spans.href;
        }
        frame.inlineNote = INLINE_NOTE_ELEMENTS.has(name) && INLINE_NOTE_CLASS.test(className) && !frame.id;
        const title = attributes.title;
        if (title !== undefined && URL_LIKE.test(title) && !frame.inlineNote) {
          const span = spans.title ?? { start: sourceStart, end: sourceStart };
          frame.titleNote = mapDecodedText(source, source.slice(span.start, span.end), title, span.start);
        }
        frame.noteReferenceClass = NOTE_REFERENCE_CLASS.test(className) || attributes.role === 'doc-noteref';
        if (HEADING_ELEMENTS.has(name) || frame.href?.trim().startsWith('#')) {
          frame.label = '';
          labelled.push(frame);
        }
        stack.push(frame);
      },
      ontext(data) {
        if (skipDepth > 0) return;
        text.append(data, parser.startIndex, parser.endIndex + 1, true);
        blockHasText ||= !isBlank(data);
        for (const frame of labelled) frame.label += data;
      },
      onclosetag(name) {
        const frame = stack.pop();
        if (!frame) return;
        const sourceEnd = parser.endIndex + 1;
        if (frame.skipped) {
          skipDepth--;
          return;
        }
        if (skipDepth > 0) return;
        if (frame.label !== null) labelled.splice(labelled.indexOf(frame), 1);
        const bodyEnd = text.length;
        if (frame.href !== null) closeLink(frame, sourceEnd);
        if (frame.supReferences && frame.supReferences.length > 0) widenToSup(frame);
        if (frame.inlineNote && text.length > frame.start) inlineNotes.push({ start: frame.start, end: text.length });
        if (frame.titleNote) detachedNotes.push({ start: frame.start, end: text.length, text: frame.titleNote });
        if (HEADING_ELEMENTS.has(name)) section = collapseWhitespace(frame.label ?? '') || section;
        const block = BLOCK_ELEMENTS.has(name) ? endBlock(sourceEnd) : null;
        if (frame.id && !noteBodies.has(frame.id)) {
          // A note is most often one block (`<li id>`): its block is its range, not a copy.
          const same = block !== null && block.start === frame.start && block.end === bodyEnd;
          noteBodies.set(frame.id, same ? block : { start: frame.start, end: bodyEnd });
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );

  function closeLink(frame: Frame, sourceEnd: number): void {
    const href = frame.href!.trim();
    if (href.startsWith('#')) {
      const sup = nearestSup();
      if (href.length > 1 && (sup || frame.noteReferenceClass || NOTE_MARKER_TEXT.test(frame.label ?? ''))) {
        const reference = {
          start: frame.start,
          end: text.length,
          noteId: href.slice(1),
          sourceStart: frame.sourceStart,
        };
        noteReferences.push(reference);
        sup?.supReferences?.push(reference);
      }
      return;
    }
    const written = frame.hrefSpan ? source.slice(frame.hrefSpan.start, frame.hrefSpan.end) : null;
    if (written !== null && written === href) {
      // Without entities or spaces around it, the attribute value is the source as written: offsets only.
      const at = frame.hrefSpan!.start;
      links.pushSourceLink(frame.start, text.length, at, href.length, href.length, frame.sourceStart, sourceEnd);
      return;
    }
    links.push({
      start: frame.start,
      end: text.length,
      href,
      // Without entities the attribute value is the text as written: one string kept, not two.
      hrefText: written === frame.href ? frame.href : written,
      hrefOffset: frame.hrefSpan?.start ?? null,
      sourceStart: frame.sourceStart,
      sourceEnd,
    });
  }

  function nearestSup(): Frame | null {
    for (let i = stack.length - 1; i >= 0; i--) {
      const frame = stack[i]!;
      if (frame.isSup) return frame;
      if (BLOCK_ELEMENTS.has(frame.name)) return null;
    }
    return null;
  }

  function widenToSup(sup: Frame): void {
    const references = sup.supReferences!;
    references[0]!.start = sup.start;
    references[0]!.sourceStart = sup.sourceStart;
    references[references.length - 1]!.end = text.length;
  }

  parser.end(source);
  endBlock(source.length);
  // Links are listed as they close: a link inside another (invalid, but parsed) comes first.
  return {
    text,
    blocks,
    links: sortedByStart(links),
    noteReferences,
    inlineNotes,
    detachedNotes,
    noteBodies,
    opaque: [],
    findings: [],
  };
}

/** Only the whitespace a note's split trims away (see `splitCitations`). */
function isBlank(data: string): boolean {
  for (let index = 0; index < data.length; index++) {
    const code = data.charCodeAt(index);
    if (code !== 0x20 && code !== 0xa0 && (code < 0x09 || code > 0x0d)) return false;
  }
  return true;
}

function emptyFrame(name: string, start: number, sourceStart: number, skipped: boolean): Frame {
  return {
    name,
    start,
    skipped,
    id: null,
    href: null,
    hrefSpan: null,
    sourceStart,
    isSup: false,
    inlineNote: false,
    titleNote: null,
    noteReferenceClass: false,
    supReferences: null,
    label: null,
  };
}

const ENTITY = /^&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});?/i;

/**
 * Maps text the parser decoded back onto the source it was decoded from: runs copied as they
 * are map one to one, each entity maps to where it is written.
 */
function mapDecodedText(source: string, written: string, decoded: string, sourceStart: number): MappedText {
  const mapped = new MappedText(source);
  let i = 0;
  let j = 0;
  let runStart = 0;
  const flushRun = () => {
    if (i > runStart) mapped.append(written.slice(runStart, i), sourceStart + runStart, sourceStart + i, true);
  };
  while (i < written.length && j < decoded.length) {
    const entity = written.charAt(i) === '&' ? ENTITY.exec(written.slice(i, i + 40)) : null;
    // An entity the parser left alone (unknown name) stands in the decoded text as written.
    if (entity && !decoded.startsWith(entity[0], j)) {
      flushRun();
      const char = String.fromCodePoint(decoded.codePointAt(j)!);
      mapped.append(char, sourceStart + i, sourceStart + i + entity[0].length, false);
      i += entity[0].length;
      j += char.length;
      runStart = i;
    } else {
      i++;
      j++;
    }
  }
  flushRun();
  // Whatever did not align (an entity decoding to several characters) still belongs to the value.
  if (j < decoded.length) mapped.append(decoded.slice(j), sourceStart + i, sourceStart + written.length, false);
  return mapped;
}

interface SourceSpan {
  start: number;
  end: number;
}

/** Where an attribute's value stands in the source, given where its name starts: `name = "value"`. */
function attributeValueSpan(source: string, nameStart: number, attributeEnd: number): SourceSpan {
  const equals = source.indexOf('=', nameStart);
  if (equals === -1 || equals > attributeEnd) return { start: nameStart, end: nameStart };
  let start = equals + 1;
  while (start < attributeEnd && /\s/.test(source.charAt(start))) start++;
  const quote = source.charAt(start);
  if (quote === '"' || quote === "'") {
    const close = source.indexOf(quote, start + 1);
    return { start: start + 1, end: close === -1 ? attributeEnd : close };
  }
  const unquoted = /[\s>]/.exec(source.slice(start, attributeEnd + 1));
  return { start, end: unquoted ? start + unquoted.index : attributeEnd };
}
