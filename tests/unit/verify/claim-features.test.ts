import { describe, expect, it } from 'vitest';
import { extractClaimFeatures, extractQuantities } from '../../../src/verify/claim-features.js';

describe('extractQuantities', () => {
  it('normalises scale words, thousands separators and percent spellings', () => {
    expect(extractQuantities('costs of 4.2 million euros and 1,200 staff').numbers).toEqual(['4200000', '1200']);
    expect(extractQuantities('up 12.5% or 12.5 percent or 12.5 per cent').numbers).toEqual(['12.5%']);
    expect(extractQuantities('3,500,000 people').numbers).toEqual(extractQuantities('3.5 million people').numbers);
  });
  it('keeps years apart from numbers and skips small bare integers', () => {
    expect(extractQuantities('In 2019, 3 of 40 sites')).toEqual({ numbers: ['40'], years: ['2019'] });
  });
});

describe('extractClaimFeatures', () => {
  it('finds numbers, dates, names and quoted phrases', () => {
    const f = extractClaimFeatures(
      'In March 2020 Terry Hughes said “the reef is running out of time” after 1,036 reefs were surveyed by the ARC.',
    );
    expect(f.numbers).toEqual(['1036']);
    expect(f.dates).toEqual(['2020', '2020-03']);
    expect(f.names).toEqual(['terry', 'hughes', 'arc']);
    expect(f.quotes).toEqual(['the reef is running out of time']);
  });
  it('does not take a sentence-initial word or a month for a name', () => {
    expect(extractClaimFeatures('Protected lanes opened in June. Injuries fell.').names).toEqual([]);
  });
});
