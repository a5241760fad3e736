import { diceCoefficient, isStopword, normalizeText, splitWords, stemWord } from './text.js';

/**
 * A cited title matches a source title at this score or above: token Dice over stemmed
 * words, or the share of the cited words found in the source title, whichever is higher
 * (sites append " | Site name", reports prepend series names). Chosen on the labelled set.
 */
export const TITLE_MATCH_MIN_SCORE = 0.6;

export interface TitleMatch {
  verdict: 'match' | 'mismatch' | 'no-cited-title' | 'no-source-title';
  score: number | null;
  citedTitle: string | null;
  sourceTitle: string | null;
}

function titleTokens(title: string): Set<string> {
  const words = splitWords(normalizeText(title));
  const content = words.filter((w) => !isStopword(w));
  // A title made only of stopwords ("To Be or Not to Be") still has to compare.
  return new Set((content.length > 0 ? content : words).map(stemWord));
}

/** The title and its parts around separators (" | ", " - ", " — ", ": "), each compared alone. */
function titleVariants(title: string): string[] {
  const parts = title.split(/\s+[|\u2013\u2014-]\s+|:\s+|\s+::\s+/).filter((p) => p.trim().length > 0);
  return [title, ...parts];
}

function scorePair(cited: ReadonlySet<string>, source: ReadonlySet<string>): number {
  if (cited.size === 0 || source.size === 0) return 0;
  let shared = 0;
  for (const token of cited) if (source.has(token)) shared += 1;
  // A one-word cited title is "contained" in too many titles to count that way.
  const containment = cited.size >= 2 ? shared / cited.size : 0;
  return Math.max(diceCoefficient(cited, source), containment);
}

/** Fuzzy match of the cited title against the titles the source gives itself. */
export function matchTitle(citedTitle: string | null, sourceTitles: readonly string[]): TitleMatch {
  const cited = citedTitle?.trim() || null;
  if (!cited) return { verdict: 'no-cited-title', score: null, citedTitle: null, sourceTitle: null };
  if (sourceTitles.length === 0)
    return { verdict: 'no-source-title', score: null, citedTitle: cited, sourceTitle: null };
  const citedTokens = titleTokens(cited);
  let best = { score: -1, title: sourceTitles[0] ?? null };
  for (const title of sourceTitles) {
    for (const variant of titleVariants(title)) {
      const score = scorePair(citedTokens, titleTokens(variant));
      if (score > best.score) best = { score, title };
    }
  }
  const score = Math.round(best.score * 1000) / 1000;
  return {
    verdict: score >= TITLE_MATCH_MIN_SCORE ? 'match' : 'mismatch',
    score,
    citedTitle: cited,
    sourceTitle: best.title,
  };
}
