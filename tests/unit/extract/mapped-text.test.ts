import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MappedText } from '../../../src/extract/structured-text.js';

const SOURCE = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A piece: a stretch of SOURCE as written, or a derived string standing for one. */
const pieceArb = fc.record({
  start: fc.integer({ min: 0, max: SOURCE.length - 1 }),
  length: fc.integer({ min: 1, max: 6 }),
  derived: fc.option(fc.constantFrom('\n', 'é', '&', 'xy'), { nil: null }),
});

/** The text and source offsets of every character, piece by piece, as MappedText documents them. */
function modelOf(pieces: readonly { text: string; sourceStart: number; sourceEnd: number; exact: boolean }[]) {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const piece of pieces) {
    for (let i = 0; i < piece.text.length; i++) {
      starts.push(piece.exact ? piece.sourceStart + i : piece.sourceStart);
      ends.push(piece.exact ? piece.sourceStart + i + 1 : piece.sourceEnd);
    }
  }
  return { text: pieces.map((piece) => piece.text).join(''), starts, ends };
}

describe('MappedText', () => {
  it('maps every offset as its pieces say, with pieces that continue each other in the source merged', () => {
    fc.assert(
      fc.property(fc.array(pieceArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (drawn, contiguous) => {
        let cursor = 0;
        const pieces = drawn.map(({ start, length, derived }) => {
          const sourceStart = contiguous ? cursor % SOURCE.length : start;
          const sourceEnd = Math.min(SOURCE.length, sourceStart + length);
          cursor = sourceEnd;
          const text = derived ?? SOURCE.slice(sourceStart, sourceEnd);
          return { text, sourceStart, sourceEnd, exact: derived === null };
        });
        const mapped = new MappedText(SOURCE);
        for (const piece of pieces) mapped.append(piece.text, piece.sourceStart, piece.sourceEnd, piece.exact);
        const model = modelOf(pieces);
        expect(mapped.length).toBe(model.text.length);
        expect(mapped.slice(0, mapped.length)).toBe(model.text);
        for (let offset = 0; offset < model.text.length; offset++) {
          expect(mapped.sourceOffsetAt(offset)).toBe(model.starts[offset]);
          expect(mapped.sourceEndAt(offset + 1)).toBe(model.ends[offset]);
          expect(mapped.slice(offset, model.text.length)).toBe(model.text.slice(offset));
        }
        expect(mapped.sourceOffsetAt(model.text.length)).toBe(pieces[pieces.length - 1]!.sourceEnd);
      }),
      { numRuns: 300 },
    );
  });
});
