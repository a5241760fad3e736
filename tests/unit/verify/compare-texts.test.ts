import { describe, expect, it } from 'vitest';
import { compareTexts, DRIFT_CHANGED_BELOW } from '../../../src/verify/compare-texts.js';

const ARTICLE =
  'Monitoring stations along the Elbe recorded an average nitrate concentration of 28.4 milligrams per litre in 2019, up 12.5% from the previous year. ' +
  'The agency attributes most of the increase to fertiliser run-off from farmland in Saxony after an unusually wet spring. ' +
  'Of the 214 monitoring stations in the basin, 37 exceeded the European limit at least once during the year. ' +
  'The agency plans to expand the monitoring network to 260 stations by 2023.';

describe('compareTexts', () => {
  it('scores identical text 1 regardless of case and spacing', () => {
    expect(compareTexts(ARTICLE, `  ${ARTICLE.toUpperCase()}\n`)).toEqual({ similarity: 1, changed: false });
  });
  it('keeps a lightly edited text above the drift threshold', () => {
    const edited = ARTICLE.replace('unusually wet spring', 'unusually rainy spring');
    const result = compareTexts(ARTICLE, edited);
    expect(result.similarity).toBeLessThan(1);
    expect(result.similarity).toBeGreaterThanOrEqual(DRIFT_CHANGED_BELOW);
    expect(result.changed).toBe(false);
  });
  it('flags rewritten content', () => {
    const rewritten =
      'Correction: an error in the laboratory data has been found and the earlier figures were withdrawn. ' +
      'The agency plans to expand the monitoring network to 260 stations by 2023.';
    const result = compareTexts(ARTICLE, rewritten);
    expect(result.changed).toBe(true);
    expect(result.similarity).toBeLessThan(0.2);
  });
  it('treats two empty texts as the same', () => {
    expect(compareTexts('', '')).toEqual({ similarity: 1, changed: false });
  });
});
