import { IntRows } from './int-rows.js';
import type { RangeList } from './structured-ranges.js';
import type { NoteReference, TextLink } from './structured-text.js';

/**
 * Compact lists for the ranges a large document has by the hundred thousand (a 50 MB Markdown
 * page: ~100k links, ~86k note references). The structure lives until the document is
 * assembled, so V8 promotes all of it to the old generation, where it stays after the
 * assembly as garbage no collection reaches before the peak. An object per range costs 56-96
 * bytes plus its array slot; a row of Int32 columns costs 4 bytes a field. The assembly reads
 * rows back as objects (`at`), a few at a time, and those die young.
 */

const REFERENCE_START = 0;
const REFERENCE_END = 1;
const REFERENCE_SOURCE_START = 2;

/** Note references in rows: start, end and source start, with the note's id (a shared string). */
export class NoteReferenceList implements RangeList<NoteReference> {
  private readonly rows = new IntRows(3);
  private readonly noteIds: string[] = [];

  get length(): number {
    return this.rows.length;
  }

  push(reference: NoteReference): void {
    const row = this.rows.add();
    this.rows.set(row, REFERENCE_START, reference.start);
    this.rows.set(row, REFERENCE_END, reference.end);
    this.rows.set(row, REFERENCE_SOURCE_START, reference.sourceStart);
    this.noteIds.push(reference.noteId);
  }

  at(index: number): NoteReference | undefined {
    if (index < 0 || index >= this.rows.length) return undefined;
    return {
      start: this.rows.get(index, REFERENCE_START),
      end: this.rows.get(index, REFERENCE_END),
      noteId: this.noteIds[index]!,
      sourceStart: this.rows.get(index, REFERENCE_SOURCE_START),
    };
  }

  *[Symbol.iterator](): IterableIterator<NoteReference> {
    for (let index = 0; index < this.rows.length; index++) yield this.at(index)!;
  }
}

const LINK_START = 0;
const LINK_END = 1;
const LINK_HREF_OFFSET = 2;
const LINK_HREF_LENGTH = 3;
const LINK_WRITTEN_LENGTH = 4;
const LINK_SOURCE_START = 5;
const LINK_SOURCE_END = 6;
/** `LINK_HREF_LENGTH` of a link kept as its own object (its href is not the source as written). */
const OWN_OBJECT = -1;

/**
 * Links in rows. A link whose href and href as written both stand at its destination in the
 * source (nearly all) is offsets only, read back as a `SourceLink`; any other is kept as given.
 */
export class LinkList implements RangeList<TextLink> {
  private readonly rows = new IntRows(7);
  /** Links kept as objects, by row. */
  private readonly own = new Map<number, TextLink>();

  constructor(private readonly source: string) {}

  get length(): number {
    return this.rows.length;
  }

  /** A link read from the source: its href is `hrefLength` characters at `hrefOffset`, as written `writtenLength`. */
  pushSourceLink(
    start: number,
    end: number,
    hrefOffset: number,
    hrefLength: number,
    writtenLength: number,
    sourceStart: number,
    sourceEnd: number,
  ): void {
    const row = this.rows.add();
    this.rows.set(row, LINK_START, start);
    this.rows.set(row, LINK_END, end);
    this.rows.set(row, LINK_HREF_OFFSET, hrefOffset);
    this.rows.set(row, LINK_HREF_LENGTH, hrefLength);
    this.rows.set(row, LINK_WRITTEN_LENGTH, writtenLength);
    this.rows.set(row, LINK_SOURCE_START, sourceStart);
    this.rows.set(row, LINK_SOURCE_END, sourceEnd);
  }

  push(link: TextLink): void {
    const row = this.rows.add();
    this.rows.set(row, LINK_START, link.start);
    this.rows.set(row, LINK_HREF_LENGTH, OWN_OBJECT);
    this.own.set(row, link);
  }

  at(index: number): TextLink | undefined {
    if (index < 0 || index >= this.rows.length) return undefined;
    const hrefLength = this.rows.get(index, LINK_HREF_LENGTH);
    if (hrefLength === OWN_OBJECT) return this.own.get(index);
    return new SourceLink(
      this.source,
      this.rows.get(index, LINK_START),
      this.rows.get(index, LINK_END),
      this.rows.get(index, LINK_HREF_OFFSET),
      hrefLength,
      this.rows.get(index, LINK_WRITTEN_LENGTH),
      this.rows.get(index, LINK_SOURCE_START),
      this.rows.get(index, LINK_SOURCE_END),
    );
  }

  *[Symbol.iterator](): IterableIterator<TextLink> {
    for (let index = 0; index < this.rows.length; index++) yield this.at(index)!;
  }
}

/** A link whose href and href as written are read from the source when asked for. */
class SourceLink implements TextLink {
  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
    readonly hrefOffset: number,
    private readonly hrefLength: number,
    private readonly writtenLength: number,
    readonly sourceStart: number,
    readonly sourceEnd: number,
  ) {}

  get href(): string {
    return this.source.slice(this.hrefOffset, this.hrefOffset + this.hrefLength);
  }

  get hrefText(): string {
    return this.source.slice(this.hrefOffset, this.hrefOffset + this.writtenLength);
  }
}
