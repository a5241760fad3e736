import { describe, expect, it } from 'vitest';
import {
  contentTerms,
  hasNegation,
  normalizeText,
  replaceNumberWords,
  splitSentences,
  stemWord,
} from '../../../src/verify/text.js';

describe('normalizeText', () => {
  it('folds case, accents, curly quotes, dashes and spaces', () => {
    expect(normalizeText('  Café “Zürich” –\n 2019 ’s ')).toBe('cafe "zurich" - 2019 \'s');
  });
});

describe('stemWord', () => {
  it('makes inflections of one word meet', () => {
    expect(new Set(['estimated', 'estimates', 'estimate', 'estimation'].map(stemWord)).size).toBe(1);
    expect(stemWord('libraries')).toBe(stemWord('library'));
    expect(stemWord('stopped')).toBe(stemWord('stop'));
  });
  it('leaves short words and numbers alone', () => {
    expect(stemWord('bus')).toBe('bus');
    expect(stemWord('2019')).toBe('2019');
  });
});

describe('contentTerms', () => {
  it('drops stopwords and maps unit spellings and change verbs to one term', () => {
    expect(contentTerms('30 km of lanes')).toEqual(contentTerms('30 kilometres of lanes'));
    expect(contentTerms('injuries dropped')).toEqual(contentTerms('injuries fell'));
    expect(contentTerms('prices rose')).not.toEqual(contentTerms('prices fell'));
    expect(contentTerms('the 28 percent')).toEqual(['28']);
  });
  it('reads spelled-out numbers as digits', () => {
    expect(contentTerms('Thirty-seven stations')).toEqual(contentTerms('37 stations'));
  });
});

describe('replaceNumberWords', () => {
  it('turns number words and common fractions into digits and percent', () => {
    expect(replaceNumberWords('thirty-seven of ninety')).toBe('37 of 90');
    expect(replaceNumberWords('a quarter were bleached, half survived')).toBe('25% were bleached, 50% survived');
    expect(replaceNumberWords('two thirds of the reef')).toBe('66.7% of the reef');
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends but not after abbreviations, initials or decimals', () => {
    const text = 'Dr. Vogel said 28.4 mg was high. J. Smith agreed. "Yes," he said! Costs rose (e.g. Hamburg).';
    expect(splitSentences(text)).toEqual([
      'Dr. Vogel said 28.4 mg was high.',
      'J. Smith agreed.',
      '"Yes," he said!',
      'Costs rose (e.g. Hamburg).',
    ]);
  });
});

describe('hasNegation', () => {
  it('sees not, never and contracted negations', () => {
    expect(hasNegation(['it', 'does', 'not', 'support'])).toBe(true);
    expect(hasNegation(["doesn't"])).toBe(true);
    expect(hasNegation(['it', 'supports'])).toBe(false);
  });
});
