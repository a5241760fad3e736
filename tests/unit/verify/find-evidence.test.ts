import { describe, expect, it } from 'vitest';
import { findEvidence, SUPPORTS_MIN_SCORE, WEAK_MIN_SCORE } from '../../../src/verify/find-evidence.js';
import { indexSource } from '../../../src/verify/source-index.js';
import type { SourceText } from '../../../src/verify/source-text.js';

function htmlSource(blocks: string[], titles: string[] = []): SourceText {
  return {
    kind: 'text',
    format: 'html',
    contentType: 'text/html',
    url: 'https://source.test/',
    titles,
    pages: [{ page: null, label: null, blocks }],
  };
}

const SOURCE = htmlSource(
  [
    'Between 2019 and 2022 the city built 41 kilometres of physically separated bike lanes on arterial roads.',
    'Police-reported cyclist injuries on the treated corridors fell by 28 percent compared with the four years before construction.',
    'The commission does not support a congestion charge for the city centre.',
    'The council has approved a further 30 kilometres of lanes, to be completed by 2026 at a cost of 85 million euros.',
  ],
  ['Protected Bike Lanes Evaluation - City of Rotterdam'],
);

describe('findEvidence', () => {
  it('finds the passage that states the claim and says supports', () => {
    const result = findEvidence('Cyclist injuries on protected lanes in Rotterdam dropped 28%.', SOURCE);
    expect(result.verdict).toBe('supports');
    expect(result.score).toBeGreaterThanOrEqual(SUPPORTS_MIN_SCORE);
    expect(result.passages[0]?.text).toContain('fell by 28 percent');
    expect(result.signals?.numbers).toEqual({ wanted: ['28%'], found: ['28%'] });
    // Rotterdam is only in the title: the title is context for every passage.
    expect(result.signals?.names.found).toContain('rotterdam');
  });
  it('says weak, not supports, when a number differs', () => {
    const result = findEvidence('Cyclist injuries on the treated corridors fell by 45 percent.', SOURCE);
    expect(result.verdict).toBe('weak');
    expect(result.signals?.numbers).toEqual({ wanted: ['45%'], found: [] });
  });
  it('says weak when the passage negates what the claim asserts', () => {
    const result = findEvidence('The commission supports a congestion charge for the city centre.', SOURCE);
    expect(result.signals?.negationMismatch).toBe(true);
    expect(result.verdict).toBe('weak');
  });
  it('says weak when the claim goes up where the passage goes down', () => {
    const result = findEvidence(
      'Police-reported cyclist injuries on the treated corridors rose by 28 percent.',
      SOURCE,
    );
    expect(result.signals?.directionConflict).toBe(true);
    expect(result.verdict).toBe('weak');
  });
  it('lists the claim words the source never uses', () => {
    const result = findEvidence('Cyclist injuries on the treated corridors fell by 28 percent in Amsterdam.', SOURCE);
    expect(result.signals?.absentWords).toEqual(['amsterdam']);
  });
  it('says not-found for an unrelated claim', () => {
    const result = findEvidence('Measles vaccination prevented 56 million deaths.', SOURCE);
    expect(result.verdict).toBe('not-found');
    expect(result.score).toBeLessThan(WEAK_MIN_SCORE);
  });
  it('says not-found with no passages when nothing is shared', () => {
    expect(findEvidence('Zebras graze.', SOURCE)).toEqual({
      verdict: 'not-found',
      score: 0,
      passages: [],
      signals: null,
    });
  });
  it('reports distinct, non-overlapping passages best first', () => {
    const result = findEvidence('kilometres of bike lanes built in the city', SOURCE, { maxPassages: 3 });
    const texts = result.passages.map((p) => p.text);
    expect(new Set(texts).size).toBe(texts.length);
    const scores = result.passages.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
  it('searches only the given PDF pages and reports the page', () => {
    const pdf: SourceText = {
      ...htmlSource([]),
      format: 'pdf',
      pages: [
        { page: 1, label: null, blocks: ['Groundwater abstraction totalled 412 million cubic metres in 2020.'] },
        { page: 2, label: null, blocks: ['Wetland restoration covered 1,850 hectares by 2020.'] },
      ],
    };
    const index = indexSource(pdf);
    expect(findEvidence('Groundwater abstraction was 412 million cubic metres in 2020.', index).passages[0]?.page).toBe(
      1,
    );
    const onPage2 = findEvidence('Groundwater abstraction was 412 million cubic metres in 2020.', index, {
      pages: [2],
    });
    expect(onPage2.verdict).toBe('not-found');
  });
});
