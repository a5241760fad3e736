import { IntRows } from './int-rows.js';
import type { RangeList } from './structured-ranges.js';
import { hasIrregularSpace } from './text-normalize.js';

/**
 * The intermediate form the HTML and Markdown extractors share: the document's visible text,
 * mapped back to source offsets, with the links, note references and note bodies
 * found by the format's parser as ranges into that text. Claims and citations are then built
 * from it the same way for both formats (see structured-citations.ts).
 */

/** A link as the parser saw it: `start`/`end` are offsets in the visible text. */
export interface TextLink {
  start: number;
  end: number;
  /** The href after the parser decoded entities/escapes. */
  href: string;
  /** The href as written in the source (entities/escapes intact) and its offset, when known. */
  hrefText: string | null;
  hrefOffset: number | null;
  /** Source offsets of the whole link construct. */
  sourceStart: number;
  sourceEnd: number;
}

/** A marker in the running text that points to a note (`<sup><a href="#fn1">`, `[^1]`). */
export interface NoteReference {
  start: number;
  end: number;
  noteId: string;
  sourceStart: number;
}

/** A note whose body sits in the running text itself (`<span class="footnote">...</span>`). */
export interface InlineNote {
  start: number;
  end: number;
}

/** A note whose body is not visible text at all (a `title` attribute): its own little text. */
export interface DetachedNote {
  /** Where the marker sits in the visible text. */
  start: number;
  end: number;
  text: MappedText;
}

export interface TextBlock {
  start: number;
  end: number;
  section: string | null;
}

export interface StructuredText {
  text: MappedText;
  blocks: TextBlock[];
  /** Sorted by start. */
  links: RangeList<TextLink>;
  noteReferences: RangeList<NoteReference>;
  inlineNotes: InlineNote[];
  detachedNotes: DetachedNote[];
  /** Visible-text range of every element a note reference may point to, by id (a `Map` will do). */
  noteBodies: { get(noteId: string): { start: number; end: number } | undefined };
  /** Ranges shown in claims but never searched for URLs (code spans). */
  opaque: { start: number; end: number }[];
  /** What the parser found but could not place (an unused link definition). */
  findings: { code: string; message: string; sourceOffset: number; text: string }[];
}

/** Per piece: text start, source start, source end, flags. */
const TEXT_START = 0;
const SOURCE_START = 1;
const SOURCE_END = 2;
const FLAGS = 3;
const COLUMNS = 4;
/** Flag bit: offsets in the piece map one to one onto the source. */
const EXACT = 1;
/** How a piece's text is kept: as the source it stands for, as a line break, or as its own string. */
const SOURCE_TEXT = 0;
const LINE_BREAK = 2;
const OWN_TEXT = 4;
const KIND_BITS = 6;

/**
 * Visible text with a piecewise map to source offsets. Each appended piece is either copied
 * verbatim from the source (`exact`: offsets map one to one) or derived from it (a decoded
 * entity, a block separator), in which case every offset in it maps to the piece's start.
 *
 * The text is never joined into one string: nearly all of it is the source itself, so a piece
 * that reads as the source at its offset keeps only offsets, and `slice` reads it back from the
 * source. A joined copy of a 50 MB page cost 1.5x the input (two bytes a character once it
 * holds a curly quote), and every claim or field sliced from it kept all of it alive.
 */
export class MappedText {
  // A 50 MB page has ~600k text pieces: a JS object per piece would cost more than the text.
  private readonly pieces = new IntRows(COLUMNS);
  /** The text of `OWN_TEXT` pieces, by piece index. */
  private readonly ownTexts = new Map<number, string>();
  private textLength = 0;
  private last = '';

  constructor(private readonly source: string) {}

  get length(): number {
    return this.textLength;
  }

  append(piece: string, sourceStart: number, sourceEnd: number, exact: boolean): void {
    if (piece.length === 0) return;
    if (this.extendLast(piece, sourceStart, sourceEnd, exact)) return;
    const index = this.pieces.add();
    this.pieces.set(index, TEXT_START, this.textLength);
    this.pieces.set(index, SOURCE_START, sourceStart);
    this.pieces.set(index, SOURCE_END, sourceEnd);
    let flags = exact && sourceEnd - sourceStart === piece.length ? EXACT : 0;
    if (this.source.startsWith(piece, sourceStart)) flags |= SOURCE_TEXT;
    else if (piece === '\n') flags |= LINE_BREAK;
    else {
      flags |= OWN_TEXT;
      this.ownTexts.set(index, piece);
    }
    this.pieces.set(index, FLAGS, flags);
    this.textLength += piece.length;
    this.last = piece.charAt(piece.length - 1);
  }

  /**
   * Extends the last piece by one that continues it in the source as well, if both are the
   * source as written: a claim or note read across them is then one slice of the source
   * instead of a joined copy. Offsets map the same either way.
   */
  private extendLast(piece: string, sourceStart: number, sourceEnd: number, exact: boolean): boolean {
    const last = this.pieces.length - 1;
    if (last < 0 || !exact || sourceEnd - sourceStart !== piece.length) return false;
    const flags = this.flagsOf(last);
    if (!(flags & EXACT) || (flags & KIND_BITS) !== SOURCE_TEXT || this.sourceEndOf(last) !== sourceStart) return false;
    if (!this.source.startsWith(piece, sourceStart)) return false;
    this.pieces.set(last, SOURCE_END, sourceEnd);
    this.textLength += piece.length;
    this.last = piece.charAt(piece.length - 1);
    return true;
  }

  /** The last character appended, or '' at the start. */
  lastChar(): string {
    return this.last;
  }

  /** The visible text from `start` to `end`, read back from the source piece by piece. */
  slice(start: number, end: number): string {
    const to = Math.min(end, this.textLength);
    if (start >= to) return '';
    let text = '';
    for (let index = this.pieceIndexAt(start), at = start; at < to; index++) {
      const pieceStart = this.textStartOf(index);
      const pieceEnd = index + 1 < this.pieces.length ? this.textStartOf(index + 1) : this.textLength;
      const from = at - pieceStart;
      const until = Math.min(to, pieceEnd) - pieceStart;
      const kind = this.flagsOf(index) & KIND_BITS;
      if (kind === SOURCE_TEXT) {
        const sourceStart = this.sourceStartOf(index);
        text += this.source.slice(sourceStart + from, sourceStart + until);
      } else if (kind === LINE_BREAK) text += '\n';
      else text += this.ownTexts.get(index)!.slice(from, until);
      at = pieceStart + until;
    }
    return text;
  }

  /** `slice` for a range, indexed by offsets of this text. */
  window(range: { start: number; end: number }): TextWindow {
    return new TextWindow(this.slice(range.start, range.end), range.start);
  }

  /** Source offset of the character at `textOffset` (or of the end, for `textOffset === length`). */
  sourceOffsetAt(textOffset: number): number {
    const index = this.pieceIndexAt(textOffset);
    if (index < 0) return 0;
    if (textOffset >= this.textLength) return this.sourceEndOf(index);
    const sourceStart = this.sourceStartOf(index);
    return this.flagsOf(index) & EXACT ? sourceStart + (textOffset - this.textStartOf(index)) : sourceStart;
  }

  /** Source offset just after the character before `textEnd`. */
  sourceEndAt(textEnd: number): number {
    if (textEnd <= 0) return this.sourceOffsetAt(0);
    const index = this.pieceIndexAt(textEnd - 1);
    if (index < 0) return 0;
    return this.flagsOf(index) & EXACT
      ? this.sourceStartOf(index) + (textEnd - this.textStartOf(index))
      : this.sourceEndOf(index);
  }

  private textStartOf(index: number): number {
    return this.pieces.get(index, TEXT_START);
  }

  private sourceStartOf(index: number): number {
    return this.pieces.get(index, SOURCE_START);
  }

  private sourceEndOf(index: number): number {
    return this.pieces.get(index, SOURCE_END);
  }

  private flagsOf(index: number): number {
    return this.pieces.get(index, FLAGS);
  }

  private pieceIndexAt(textOffset: number): number {
    let low = 0;
    let high = this.pieces.length - 1;
    if (high < 0) return -1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.textStartOf(mid) <= textOffset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** A stretch of visible text as one string, read with the offsets of the whole text. */
export class TextWindow {
  constructor(
    readonly value: string,
    /** Offset of `value` in the whole text. */
    readonly base: number,
  ) {}

  charAt(offset: number): string {
    return this.value.charAt(offset - this.base);
  }

  charCodeAt(offset: number): number {
    return this.value.charCodeAt(offset - this.base);
  }

  slice(start: number, end: number): string {
    return this.value.slice(start - this.base, end - this.base);
  }
}

/**
 * Whitespace runs become one space, ends trimmed. Most text needs no change, and returning it
 * as is keeps it a cheap slice of the document instead of a copy.
 */
export function collapseWhitespace(value: string): string {
  // `hasIrregularSpace` also flags a zero-width space, which `\s` leaves alone: then the slower
  // branch gives the same result.
  return hasIrregularSpace(value) ? value.replace(/\s+/g, ' ').trim() : value.trim();
}
