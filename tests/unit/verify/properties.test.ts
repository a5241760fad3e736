import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTexts } from '../../../src/verify/compare-texts.js';
import { findEvidence } from '../../../src/verify/find-evidence.js';
import { matchTitle } from '../../../src/verify/match-title.js';
import type { SourceText } from '../../../src/verify/source-text.js';
import { normalizeText } from '../../../src/verify/text.js';
import { checkTextFragment } from '../../../src/verify/text-fragment.js';

const WORDS = ['river', 'Elbe', 'nitrate', 'rose', 'fell', '12.5%', '2019', 'not', 'stations', 'the', 'of', '"quoted'];
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => `${w.join(' ')}.`);
const text = fc.array(sentence, { maxLength: 8 }).map((s) => s.join(' '));

function source(blocks: string[]): SourceText {
  return {
    kind: 'text',
    format: 'plain',
    contentType: null,
    url: 'x',
    titles: [],
    pages: [{ page: null, label: null, blocks }],
  };
}

describe('verify properties', () => {
  it('compareTexts is symmetric, within 0..1, and 1 for a text with itself', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ab = compareTexts(a, b);
        expect(ab.similarity).toBe(compareTexts(b, a).similarity);
        expect(ab.similarity).toBeGreaterThanOrEqual(0);
        expect(ab.similarity).toBeLessThanOrEqual(1);
        expect(compareTexts(a, a).similarity).toBe(1);
      }),
    );
  });
  it('findEvidence scores within 0..1, best passage first, and quotes passages from the source', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 10 }), sentence, (blocks, claim) => {
        const result = findEvidence(claim, source(blocks));
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(1);
        expect(result.passages[0]?.score ?? 0).toBe(result.score);
        const all = blocks.join(' ');
        for (const p of result.passages) expect(all).toContain(p.text);
      }),
    );
  });
  it('a claim copied from a source sentence is never not-found', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 10 }), fc.nat(), (blocks, pick) => {
        const claim = blocks[pick % blocks.length] as string;
        fc.pre(/[a-z]{3}/i.test(claim.replace(/\b(the|of|not)\b/g, '')));
        expect(findEvidence(claim, source(blocks)).verdict).not.toBe('not-found');
      }),
    );
  });
  it('a title always matches itself', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => /[a-z0-9]/i.test(s)),
        (title) => {
          expect(matchTitle(title, [title]).verdict).toBe('match');
        },
      ),
    );
  });
  it('a text fragment made from a substring of the source is found', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (body, a, b) => {
        const words = body.split(' ').filter((w) => w.length > 0);
        fc.pre(words.length > 0);
        const start = a % words.length;
        const phrase = words.slice(start, start + 1 + (b % 4)).join(' ');
        const fragment = `:~:text=${encodeURIComponent(phrase).replace(/-/g, '%2D')}`;
        expect(checkTextFragment(fragment, normalizeText(body))?.found).toBe(true);
      }),
    );
  });
});
