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

/**
 * Visible text with a piecewise map to source offsets. Each appended piece is either copied
 * verbatim from the source (`exact`: offsets map one to one) or derived from it (a decoded
 * entity, a block separator), in which case every offset in it maps to the piece's start.
 */
export class MappedText {
  private readonly parts: string[] = [];
  private readonly textStarts: number[] = [];
  private readonly sourceStarts: number[] = [];
  private readonly sourceEnds: number[] = [];
  private readonly exact: boolean[] = [];
  private textLength = 0;
  private joined: string | null = null;

  get length(): number {
    return this.textLength;
  }

  append(piece: string, sourceStart: number, sourceEnd: number, exact: boolean): void {
    if (piece.length === 0) return;
    this.parts.push(piece);
    this.textStarts.push(this.textLength);
    this.sourceStarts.push(sourceStart);
    this.sourceEnds.push(sourceEnd);
    this.exact.push(exact && sourceEnd - sourceStart === piece.length);
    this.textLength += piece.length;
    this.joined = null;
  }

  /** The last character appended, or '' at the start. */
  lastChar(): string {
    const last = this.parts[this.parts.length - 1];
    return last === undefined ? '' : last.charAt(last.length - 1);
  }

  toString(): string {
    if (this.joined === null) {
      this.joined = this.parts.join('');
      // One string from now on: keeping the pieces too would double the memory.
      this.parts.length = 0;
      this.parts.push(this.joined);
    }
    return this.joined;
  }

  /** Source offset of the character at `textOffset` (or of the end, for `textOffset === length`). */
  sourceOffsetAt(textOffset: number): number {
    const index = this.pieceIndexAt(textOffset);
    if (index < 0) return 0;
    const pieceStart = this.textStarts[index]!;
    const sourceStart = this.sourceStarts[index]!;
    if (textOffset >= this.textLength) return this.sourceEnds[index]!;
    return this.exact[index] ? sourceStart + (textOffset - pieceStart) : sourceStart;
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

  private pieceIndexAt(textOffset: number): number {
    const starts = this.textStarts;
    let low = 0;
    let high = starts.length - 1;
    if (high < 0) return -1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= textOffset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** Any whitespace other than a lone space: what collapsing would change. */
const UNCOLLAPSED_SPACE = /[^\S ]| {2}/;

/**
 * Whitespace runs become one space, ends trimmed. Most text needs no change, and returning it
 * as is keeps it a cheap slice of the document instead of a copy.
 */
export function collapseWhitespace(value: string): string {
  return UNCOLLAPSED_SPACE.test(value) ? value.replace(/\s+/g, ' ').trim() : value.trim();
}
