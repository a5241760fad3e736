import { describe, expect, it } from 'vitest';
import { matchTitle, TITLE_MATCH_MIN_SCORE } from '../../../src/verify/match-title.js';

describe('matchTitle', () => {
  it('matches despite a site-name suffix, case and small wording changes', () => {
    const m = matchTitle('Council votes to close 3 branch libraries', [
      'Council votes to close three branch libraries - Millbrook Gazette',
    ]);
    expect(m.verdict).toBe('match');
    expect(m.score).toBeGreaterThanOrEqual(TITLE_MATCH_MIN_SCORE);
    expect(m.sourceTitle).toBe('Council votes to close three branch libraries - Millbrook Gazette');
  });
  it('picks the best of several source titles', () => {
    const m = matchTitle('Measles fact sheet', ['Measles – Key facts', 'Measles fact sheet', 'Measles']);
    expect(m).toEqual({
      verdict: 'match',
      score: 1,
      citedTitle: 'Measles fact sheet',
      sourceTitle: 'Measles fact sheet',
    });
  });
  it('flags a page that now shows another document', () => {
    const m = matchTitle('Nitrate pollution in the Elbe basin rose sharply in 2019', [
      'Page not found | Federal Water Agency',
      'We could not find that page',
    ]);
    expect(m.verdict).toBe('mismatch');
    expect(m.score).toBeLessThan(TITLE_MATCH_MIN_SCORE);
  });
  it('says when there is nothing to compare', () => {
    expect(matchTitle(null, ['A title']).verdict).toBe('no-cited-title');
    expect(matchTitle('  ', ['A title']).verdict).toBe('no-cited-title');
    expect(matchTitle('A title', []).verdict).toBe('no-source-title');
  });
});
