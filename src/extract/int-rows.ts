/** Rows per chunk once the first chunk has grown: a chunk is never copied to grow. */
const CHUNK_BITS = 12;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_ROWS - 1;
/** A first chunk starts small and doubles up to `CHUNK_ROWS` (a `title` note is a few pieces). */
const INITIAL_ROWS = 32;

/**
 * Rows of `width` integers in Int32Array chunks: no object per row, and no array copied to grow
 * (doubling one array leaves its old copies to the next full GC). Used where a document has
 * rows by the hundred thousand: text pieces (structured-text.ts), links and note references
 * (structured-lists.ts).
 */
export class IntRows {
  private readonly chunks: Int32Array[] = [];
  private count = 0;

  constructor(private readonly width: number) {}

  get length(): number {
    return this.count;
  }

  /** Appends a row of zeroes and returns its index. */
  add(): number {
    const row = this.count++;
    const chunkIndex = row >> CHUNK_BITS;
    const needed = ((row & CHUNK_MASK) + 1) * this.width;
    const chunk = this.chunks[chunkIndex];
    if (chunk === undefined)
      this.chunks.push(new Int32Array((chunkIndex === 0 ? INITIAL_ROWS : CHUNK_ROWS) * this.width));
    else if (chunk.length < needed) {
      // Only a first chunk is ever short: double it.
      const grown = new Int32Array(Math.min(chunk.length * 2, CHUNK_ROWS * this.width));
      grown.set(chunk);
      this.chunks[chunkIndex] = grown;
    }
    return row;
  }

  set(row: number, column: number, value: number): void {
    this.chunks[row >> CHUNK_BITS]![(row & CHUNK_MASK) * this.width + column] = value;
  }

  get(row: number, column: number): number {
    return this.chunks[row >> CHUNK_BITS]![(row & CHUNK_MASK) * this.width + column]!;
  }
}
