/**
 * Okapi BM25 over evidence windows. The saturated term-frequency part of each posting is
 * computed once per source, so ranking a claim is a sum of idf x weight over its terms.
 */
const BM25_K1 = 1.2;
const BM25_B = 0.75;

export interface BmWindow {
  id: number;
  termFreq: ReadonlyMap<string, number>;
  length: number;
}

/** Windows holding a term, with the term's saturated frequency in each. */
export interface Posting {
  ids: number[];
  weights: number[];
}

function saturatedFrequency(tf: number, length: number, averageLength: number): number {
  const norm = 1 - BM25_B + (BM25_B * length) / (averageLength || 1);
  return (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norm);
}

export function averageLength(windows: readonly BmWindow[]): number {
  return windows.length > 0 ? windows.reduce((sum, w) => sum + w.length, 0) / windows.length : 0;
}

export function buildPostings(windows: readonly BmWindow[]): Map<string, Posting> {
  const average = averageLength(windows);
  const postings = new Map<string, Posting>();
  for (const window of windows) {
    for (const [term, tf] of window.termFreq) {
      let posting = postings.get(term);
      if (!posting) {
        posting = { ids: [], weights: [] };
        postings.set(term, posting);
      }
      posting.ids.push(window.id);
      posting.weights.push(saturatedFrequency(tf, window.length, average));
    }
  }
  return postings;
}

function topScores(scores: Array<[number, number]>, limit: number): Array<[number, number]> {
  return scores.sort((a, b) => b[1] - a[1]).slice(0, limit);
}

/** The `limit` best windows of the whole source, visiting only windows that hold a term. */
export function rankByPostings(
  postings: ReadonlyMap<string, Posting>,
  windowCount: number,
  idfs: ReadonlyMap<string, number>,
  limit: number,
): Array<[number, number]> {
  const scores = new Float64Array(windowCount);
  const touched: number[] = [];
  for (const [term, idf] of idfs) {
    const posting = postings.get(term);
    if (!posting) continue;
    for (let i = 0; i < posting.ids.length; i += 1) {
      const id = posting.ids[i] as number;
      if (scores[id] === 0) touched.push(id);
      scores[id] = (scores[id] as number) + idf * (posting.weights[i] as number);
    }
  }
  return topScores(
    touched.map((id) => [id, scores[id] as number]),
    limit,
  );
}

/** The `limit` best of a few given windows (a page-restricted search), scored directly. */
export function rankWindows(
  windows: readonly BmWindow[],
  average: number,
  idfs: ReadonlyMap<string, number>,
  limit: number,
): Array<[number, number]> {
  const scores: Array<[number, number]> = [];
  for (const window of windows) {
    let score = 0;
    for (const [term, idf] of idfs) {
      const tf = window.termFreq.get(term);
      if (tf) score += idf * saturatedFrequency(tf, window.length, average);
    }
    if (score > 0) scores.push([window.id, score]);
  }
  return topScores(scores, limit);
}
