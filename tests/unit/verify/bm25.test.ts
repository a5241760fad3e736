import { describe, expect, it } from 'vitest';
import { averageLength, buildPostings, rankByPostings, rankWindows } from '../../../src/verify/bm25.js';

function window(id: number, terms: string[]) {
  const termFreq = new Map<string, number>();
  for (const t of terms) termFreq.set(t, (termFreq.get(t) ?? 0) + 1);
  return { id, termFreq, length: terms.length };
}

const WINDOWS = [
  window(0, ['nitrate', 'elbe', 'rose', 'station']),
  window(1, ['nitrate', 'nitrate', 'limit']),
  window(2, ['phosphate', 'fell', 'sewage', 'plant', 'upgrade', 'year']),
  window(3, ['elbe', 'station', 'network', 'expand']),
];
const IDFS = new Map([
  ['nitrate', 1.2],
  ['elbe', 0.9],
  ['station', 0.7],
]);

describe('BM25 ranking', () => {
  it('ranks windows by summed idf x saturated frequency and skips windows without a term', () => {
    const ranked = rankByPostings(buildPostings(WINDOWS), WINDOWS.length, IDFS, 10);
    // Window 1 repeats "nitrate" (the rarest term) and is short: it beats window 3's two common terms.
    expect(ranked.map(([id]) => id)).toEqual([0, 1, 3]);
    expect(ranked.every(([, score], i) => i === 0 || score <= (ranked[i - 1]?.[1] ?? 0))).toBe(true);
  });
  it('scores a given set of windows exactly as the postings do', () => {
    const byPostings = rankByPostings(buildPostings(WINDOWS), WINDOWS.length, IDFS, 10);
    const direct = rankWindows(WINDOWS, averageLength(WINDOWS), IDFS, 10);
    expect(direct.map(([id]) => id)).toEqual(byPostings.map(([id]) => id));
    for (const [i, [, score]] of direct.entries()) expect(score).toBeCloseTo(byPostings[i]?.[1] ?? Number.NaN, 10);
  });
  it('keeps only the best `limit` windows', () => {
    expect(rankByPostings(buildPostings(WINDOWS), WINDOWS.length, IDFS, 1)).toHaveLength(1);
  });
});
