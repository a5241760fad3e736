import type { EvidenceSignals, EvidenceVerdict, Passage } from '../model/evidence.js';
import { rankByPostings, rankWindows } from './bm25.js';
import { type ClaimFeatures, extractClaimFeatures } from './claim-features.js';
import {
  type EvidenceWindow,
  indexSource,
  inverseDocumentFrequency,
  type SourceContext,
  type SourceIndex,
} from './source-index.js';
import type { SourceText } from './source-text.js';
import { contentTermsWithWords, DOWN_TERM, hasNegation, normalizeText, splitWords, UP_TERM } from './text.js';

/**
 * Verdict thresholds on the combined score (0..1), chosen on the labelled set in
 * tests/fixtures/verify (docs/verify.md has the measured precision and recall):
 * - `supports`: score >= SUPPORTS_MIN_SCORE AND every number, date and quoted phrase of the
 *   claim is in the passage AND claim and passage agree on negation and on direction (up/down);
 * - `weak`: score >= WEAK_MIN_SCORE, or `supports` by score with one of those failing;
 * - `not-found`: below WEAK_MIN_SCORE.
 */
export const SUPPORTS_MIN_SCORE = 0.55;
export const WEAK_MIN_SCORE = 0.3;
/** Share of the coverage kept when none of the claim's specific parts is in the passage. */
const FEATURE_FLOOR = 0.5;
/** Numbers and quotes decide more than names and dates, which titles and bylines scatter. */
const FEATURE_WEIGHTS = { numbers: 2, quotes: 2, dates: 1, names: 1 } as const;
/** A quoted phrase counts as present at this share of its words in the passage. */
const QUOTE_MIN_WORD_SHARE = 0.9;
/** BM25 candidates scored in full per claim. */
const CANDIDATES = 40;
/** Within this score of the best, a shorter window is preferred (it is the more precise passage). */
const SHORTER_WINDOW_MARGIN = 0.02;

export interface FindEvidenceOptions {
  /** Only search these PDF pages (1-based). */
  pages?: readonly number[];
  /** Passages reported, best first (default 3). */
  maxPassages?: number;
}

export interface EvidenceResult {
  verdict: EvidenceVerdict;
  score: number;
  passages: Passage[];
  signals: EvidenceSignals | null;
}

interface ScoredWindow {
  window: EvidenceWindow;
  score: number;
  signals: EvidenceSignals;
}

/**
 * The best BM25 windows for the claim's terms: over the postings for a whole-source search,
 * directly over the few windows of the pages for a page-restricted one.
 */
function rankByBm25(index: SourceIndex, idfs: ReadonlyMap<string, number>, pages: readonly number[] | null) {
  if (!pages) return rankByPostings(index.postings, index.windows.length, idfs, CANDIDATES);
  const windows = pages.flatMap((page) => index.pageWindows.get(page) ?? []).map((id) => index.windows[id]);
  return rankWindows(windows as EvidenceWindow[], index.averageWindowLength, idfs, CANDIDATES);
}

function quotePresent(quote: string, window: EvidenceWindow): boolean {
  if (window.normalized.includes(quote)) return true;
  const words = splitWords(quote);
  const present = words.filter((w) => window.words.has(w)).length;
  return words.length > 0 && present / words.length >= QUOTE_MIN_WORD_SHARE;
}

interface ClaimQuery {
  weights: ReadonlyMap<string, number>;
  features: ClaimFeatures;
  negated: boolean;
  /** Claim words whose terms the source never uses: the same for every passage. */
  absentWords: string[];
}

/** Claim says up where the passage only says down, or the reverse. */
function conflictsInDirection(query: ClaimQuery, window: EvidenceWindow): boolean {
  const claimUp = query.weights.has(UP_TERM);
  const claimDown = query.weights.has(DOWN_TERM);
  if (claimUp === claimDown) return false;
  const windowUp = window.termFreq.has(UP_TERM);
  const windowDown = window.termFreq.has(DOWN_TERM);
  return claimUp ? windowDown && !windowUp : windowUp && !windowDown;
}

function scoreWindow(window: EvidenceWindow, query: ClaimQuery, context: SourceContext): ScoredWindow {
  let total = 0;
  let present = 0;
  for (const [term, weight] of query.weights) {
    total += weight;
    if (window.termFreq.has(term) || context.terms.has(term)) present += weight;
  }
  const termCoverage = total > 0 ? present / total : 0;
  const { numbers, dates, names, quotes } = query.features;
  const signals: EvidenceSignals = {
    termCoverage: round(termCoverage),
    numbers: { wanted: numbers, found: numbers.filter((n) => window.numbers.has(n)) },
    dates: { wanted: dates, found: dates.filter((d) => window.dates.has(d) || context.dates.has(d)) },
    names: { wanted: names, found: names.filter((n) => window.words.has(n) || context.words.has(n)) },
    quotes: { wanted: quotes, found: quotes.filter((q) => quotePresent(q, window)) },
    negationMismatch: window.negated !== query.negated,
    directionConflict: conflictsInDirection(query, window),
    absentWords: query.absentWords,
  };
  let weightTotal = 0;
  let weightFound = 0;
  for (const group of ['numbers', 'quotes', 'dates', 'names'] as const) {
    const { wanted, found } = signals[group];
    if (wanted.length === 0) continue;
    weightTotal += FEATURE_WEIGHTS[group];
    weightFound += (FEATURE_WEIGHTS[group] * found.length) / wanted.length;
  }
  const featureShare = weightTotal > 0 ? weightFound / weightTotal : 1;
  const score = termCoverage * (FEATURE_FLOOR + (1 - FEATURE_FLOOR) * featureShare);
  return { window, score, signals };
}

function isComplete(group: { wanted: string[]; found: string[] }): boolean {
  return group.found.length === group.wanted.length;
}

function verdictOf(best: ScoredWindow | undefined): EvidenceVerdict {
  if (!best || best.score < WEAK_MIN_SCORE) return 'not-found';
  const { numbers, dates, quotes, negationMismatch, directionConflict } = best.signals;
  // absentWords is reported, not used: requiring it empty cost more true supports than it
  // saved false ones on both labelled sets (docs/verify.md).
  const specificsAgree =
    isComplete(numbers) && isComplete(dates) && isComplete(quotes) && !negationMismatch && !directionConflict;
  return best.score >= SUPPORTS_MIN_SCORE && specificsAgree ? 'supports' : 'weak';
}

/** Moves the shortest window scoring within the margin of the best to the front. */
function preferShortestNearBest(scored: ScoredWindow[]): void {
  const top = scored[0];
  if (!top) return;
  let shortest = 0;
  for (let i = 1; i < scored.length; i += 1) {
    const candidate = scored[i] as ScoredWindow;
    if (top.score - candidate.score > SHORTER_WINDOW_MARGIN) break;
    if (candidate.window.length < (scored[shortest] as ScoredWindow).window.length) shortest = i;
  }
  scored.unshift(...scored.splice(shortest, 1));
}

function overlaps(a: EvidenceWindow, b: EvidenceWindow): boolean {
  return a.firstSentence < b.firstSentence + b.sentenceCount && b.firstSentence < a.firstSentence + a.sentenceCount;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * The passages of a source that best back a claim, and a verdict. BM25 over sentence
 * windows picks candidates; each is then scored by IDF-weighted term coverage, scaled by
 * how many of the claim's numbers, dates, names and quoted phrases it repeats.
 */
export function findEvidence(
  claimText: string,
  source: SourceText | SourceIndex,
  options: FindEvidenceOptions = {},
): EvidenceResult {
  const index = source.kind === 'index' ? source : indexSource(source);
  const claimTerms = contentTermsWithWords(claimText);
  const terms = [...new Set(claimTerms.map((t) => t.term))];
  const absent = new Set(
    terms.filter((t) => !/^\d/.test(t) && !index.sentenceFreq.has(t) && !index.context.terms.has(t)),
  );
  const query: ClaimQuery = {
    weights: new Map(terms.map((t) => [t, inverseDocumentFrequency(index, t)])),
    features: extractClaimFeatures(claimText),
    negated: hasNegation(splitWords(normalizeText(claimText))),
    absentWords: [...new Set(claimTerms.filter((t) => absent.has(t.term)).map((t) => t.word))],
  };
  const scored = rankByBm25(index, query.weights, options.pages ?? null)
    .map(([id]) => scoreWindow(index.windows[id] as EvidenceWindow, query, index.context))
    .sort((a, b) => b.score - a.score);
  preferShortestNearBest(scored);

  const chosen: ScoredWindow[] = [];
  for (const candidate of scored) {
    if (chosen.length >= (options.maxPassages ?? 3)) break;
    if (!chosen.some((c) => overlaps(c.window, candidate.window))) chosen.push(candidate);
  }
  const best = chosen[0];
  return {
    verdict: verdictOf(best),
    score: round(best?.score ?? 0),
    passages: chosen.map((c) => ({ text: c.window.text, page: c.window.page, score: round(c.score) })),
    signals: best?.signals ?? null,
  };
}
