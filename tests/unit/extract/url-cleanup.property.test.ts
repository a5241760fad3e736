import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanUrl, findUrlCandidates } from '../../../src/extract/url-cleanup.js';

const RUNS = 300;

/** Valid URLs whose last character an author would not use as punctuation, and no entity-like `&x`. */
const plainUrl = fc
  .webUrl({ withQueryParameters: true, withFragments: false, validSchemes: ['http', 'https'] })
  .filter(
    (url) =>
      /[A-Za-z0-9/_~=-]$/.test(url) &&
      !/&[A-Za-z#]/.test(url) &&
      !/\.\p{Lu}/u.test(url) &&
      !/[()[\]'*!,;:]/.test(url.slice(url.indexOf('//') + 2)) &&
      !/\.[A-Za-z]{2,5}\d?(?:\.\p{L}|\p{Lu}\p{Ll})/u.test(url),
  );
const trailing = fc.constantFrom(
  '',
  '.',
  ',',
  ';',
  ':',
  '.”',
  '”',
  '’',
  ').',
  ');',
  '"',
  '&rdquo;',
  './span>',
  '\u00a0Next',
  '.Next',
);
const prose = fc.constantFrom('', 'See ', 'Senegal.', 'Journal 3, no. 4 (Winter 2020): 133, ', '“T,” P, ');

describe('URL cleanup properties', () => {
  it('never throws and keeps text a prefix of the candidate', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (candidate) => {
        const cleaned = cleanUrl(candidate);
        expect(candidate.startsWith(cleaned.text)).toBe(true);
        expect(cleaned.url === null).toBe(cleaned.problem !== null);
      }),
      { numRuns: RUNS },
    );
  });

  it('is idempotent on arbitrary and on URL-shaped input', () => {
    const urlish = fc
      .tuple(fc.constantFrom('https://', 'http://', 'www.', 'hxxp://'), fc.string({ maxLength: 80 }))
      .map(([scheme, rest]) => scheme + rest);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), urlish), (candidate) => {
        const once = cleanUrl(candidate).text;
        expect(cleanUrl(once).text).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });

  it('loses no URL: a valid URL in prose with trailing punctuation comes back whole', () => {
    fc.assert(
      fc.property(prose, plainUrl, trailing, (before, url, after) => {
        // After a query or fragment, `.Next` may be part of the URL: nothing tells them apart.
        fc.pre(!(after === '.Next' && /[?#]/.test(url)));
        const text = `${before}${url}${after} and more.`;
        const candidate = findUrlCandidates(text).find((found) => found.start === before.length);
        expect(candidate).toBeDefined();
        const cleaned = cleanUrl(candidate!.text);
        expect(cleaned.text).toBe(url);
        expect(cleaned.url).toBe(new URL(url).href);
      }),
      { numRuns: RUNS },
    );
  });

  it('reports candidate spans that point at the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 20 }), plainUrl), { maxLength: 8 }), (parts) => {
        const text = parts.join(' ');
        let previousEnd = 0;
        for (const candidate of findUrlCandidates(text)) {
          expect(text.slice(candidate.start, candidate.end)).toBe(candidate.text);
          expect(candidate.start).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = candidate.end;
        }
      }),
      { numRuns: RUNS },
    );
  });
});
