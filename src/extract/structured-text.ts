import { hasIrregularSpace } from './text-normalize.js';

/**
 * The intermediate form the HTML and Markdown extractors share: the document's visible text as
 * one string, mapped back to source offsets, with the links, note references and note bodies
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
  links: TextLink[];
  noteReferences: NoteReference[];
  inlineNotes: InlineNote[];
  detachedNotes: DetachedNote[];
  /** Visible-text range of every element a note reference may point to, by id. */
  noteBodies: Map<string, { start: number; end: number }>;
  /** Ranges shown in claims but never searched for URLs (code spans). */
  opaque: { start: number; end: number }[];
  /** What the parser found but could not place (an unused link definition). */
  findings: { code: string; message: string; sourceOffset: number; text: string }[];
}

const INITIAL_PIECES = 64;
const PIECES_PER_BATCH = 4096;

/**
 * Visible text with a piecewise map to source offsets. Each appended piece is either copied
 * verbatim from the source (`exact`: offsets map one to one) or derived from it (a decoded
 * entity, a block separator), in which case every offset in it maps to the piece's start.
 */
export class MappedText {
  // Typed arrays and pieces joined in batches: a 50 MB page has millions of text pieces, and
  // a JS array entry plus a sliced string per piece cost more than the text itself.
  private textStarts = new Int32Array(INITIAL_PIECES);
  private sourceStarts = new Int32Array(INITIAL_PIECES);
  private sourceEnds = new Int32Array(INITIAL_PIECES);
  private exact = new Uint8Array(INITIAL_PIECES);
  private count = 0;
  private textLength = 0;
  private readonly joinedBatches: string[] = [];
  private readonly pending: string[] = [];
  private last = '';
  private joined: string | null = null;

  get length(): number {
    return this.textLength;
  }

  append(piece: string, sourceStart: number, sourceEnd: number, exact: boolean): void {
    if (piece.length === 0) return;
    if (this.count === this.textStarts.length) this.grow();
    const index = this.count++;
    this.textStarts[index] = this.textLength;
    this.sourceStarts[index] = sourceStart;
    this.sourceEnds[index] = sourceEnd;
    this.exact[index] = exact && sourceEnd - sourceStart === piece.length ? 1 : 0;
    this.textLength += piece.length;
    this.pending.push(piece);
    if (this.pending.length >= PIECES_PER_BATCH) this.joinPending();
    this.last = piece.charAt(piece.length - 1);
    this.joined = null;
  }

  /** The last character appended, or '' at the start. */
  lastChar(): string {
    return this.last;
  }

  toString(): string {
    if (this.joined === null) {
      this.joinPending();
      this.joined = this.joinedBatches.join('');
      // One string from now on: keeping the batches too would double the memory.
      this.joinedBatches.length = 0;
      this.joinedBatches.push(this.joined);
    }
    return this.joined;
  }

  /** Source offset of the character at `textOffset` (or of the end, for `textOffset === length`). */
  sourceOffsetAt(textOffset: number): number {
    const index = this.pieceIndexAt(textOffset);
    if (index < 0) return 0;
    if (textOffset >= this.textLength) return this.sourceEnds[index]!;
    const sourceStart = this.sourceStarts[index]!;
    return this.exact[index] ? sourceStart + (textOffset - this.textStarts[index]!) : sourceStart;
  }

  /** Source offset just after the character before `textEnd`. */
  sourceEndAt(textEnd: number): number {
    if (textEnd <= 0) return this.sourceOffsetAt(0);
    const index = this.pieceIndexAt(textEnd - 1);
    if (index < 0) return 0;
    return this.exact[index]
      ? this.sourceStarts[index]! + (textEnd - this.textStarts[index]!)
      : this.sourceEnds[index]!;
  }

  private joinPending(): void {
    if (this.pending.length === 0) return;
    this.joinedBatches.push(this.pending.join(''));
    this.pending.length = 0;
  }

  private grow(): void {
    const size = this.textStarts.length * 2;
    const textStarts = new Int32Array(size);
    const sourceStarts = new Int32Array(size);
    const sourceEnds = new Int32Array(size);
    const exact = new Uint8Array(size);
    textStarts.set(this.textStarts);
    sourceStarts.set(this.sourceStarts);
    sourceEnds.set(this.sourceEnds);
    exact.set(this.exact);
    this.textStarts = textStarts;
    this.sourceStarts = sourceStarts;
    this.sourceEnds = sourceEnds;
    this.exact = exact;
  }

  private pieceIndexAt(textOffset: number): number {
    const starts = this.textStarts;
    let low = 0;
    let high = this.count - 1;
    if (high < 0) return -1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= textOffset) low = mid;
      else high = mid - 1;
    }
    return low;
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
