import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCitationFields } from '../../../src/extract/citation-fields.js';
import { collapseWhitespace } from '../../../src/extract/structured-text.js';
import { decodeLooseEntities, normalizeFieldText, normalizeSpaces } from '../../../src/extract/text-normalize.js';

/**
 * The extract stage takes shortcuts for speed and memory (skip normalizing text that needs
 * none, slice a note that ends with its URL instead of rebuilding it). Each must give exactly
 * what the general path gives.
 */

/** Characters the fast paths look at: every kind of space, entity starts, separators, quotes. */
const tricky = fc.constantFrom(
  ' ',
  '  ',
  '\u00a0',
  '\u2009',
  '\u200b',
  '\u00ad',
  '\u2060',
  '\ufeff',
  '\t',
  '\n',
  '&',
  '&amp;',
  '&ldquo',
  '&#8221;',
  ';',
  ',',
  '.',
  ':',
  'a',
  'Z',
  '“',
  '”',
  '2021',
);
const trickyText = fc
  .array(fc.oneof(tricky, fc.string({ maxLength: 4 })), { maxLength: 30 })
  .map((parts) => parts.join(''));

describe('fast paths give what the general path gives', () => {
  it('normalizeFieldText equals decode + normalize spaces + collapse + trim', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        const general = normalizeSpaces(decodeLooseEntities(text)).replace(/\s+/g, ' ').trim();
        expect(normalizeFieldText(text)).toBe(general);
      }),
      { numRuns: 500 },
    );
  });

  it('collapseWhitespace equals collapse + trim', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 500 },
    );
  });

  it('a note ending with its URL and separators reads like the note with only its URL removed', () => {
    const separators = fc.array(fc.constantFrom('.', ',', ';', ':', ' ', '\u00a0'), { maxLength: 4 });
    fc.assert(
      fc.property(trickyText, separators, (note, tail) => {
        const url = 'https://example.org/a/b.pdf';
        // Without the URL nothing is removed, so the note is read in full, tail included.
        const withUrl = parseCitationFields(`${note} ${url}${tail.join('')}`);
        expect(withUrl).toEqual(parseCitationFields(`${note} ${tail.join('')}`));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a Chicago note ending with its URL', () => {
    expect(
      parseCitationFields(
        'Rahma Bayrakdar, “Al Qaeda’s Growing Threat to Senegal,” Critical Threats, February 18, 2021, https://www.criticalthreats.org/analysis/x.',
      ),
    ).toEqual({
      authors: ['Rahma Bayrakdar'],
      title: 'Al Qaeda’s Growing Threat to Senegal',
      container: 'Critical Threats',
      date: 'February 18, 2021',
      accessed: null,
      locator: null,
    });
  });
});
