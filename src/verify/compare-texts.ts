import { normalizeText, splitWords } from './text.js';

/** Words per shingle: long enough that shared shingles mean shared sentences, not shared vocabulary. */
export const SHINGLE_WORDS = 5;
/**
 * Below this Jaccard similarity the two versions are flagged as changed. One edited word
 * alters up to five shingles, so a page with a few corrections stays well above 0.6 while
 * a rewritten or replaced page falls far below it.
 */
export const DRIFT_CHANGED_BELOW = 0.6;

export interface TextComparison {
  similarity: number;
  changed: boolean;
}

function shingles(text: string): Set<string> {
  const words = splitWords(normalizeText(text));
  const set = new Set<string>();
  if (words.length > 0 && words.length < SHINGLE_WORDS) set.add(words.join(' '));
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i += 1) set.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  return set;
}

/** Word-shingle Jaccard similarity of two texts (1 = same wording), and whether it changed. */
export function compareTexts(a: string, b: string): TextComparison {
  const left = shingles(a);
  const right = shingles(b);
  let shared = 0;
  for (const s of left) if (right.has(s)) shared += 1;
  const union = left.size + right.size - shared;
  const similarity = union === 0 ? 1 : Math.round((shared / union) * 1000) / 1000;
  return { similarity, changed: similarity < DRIFT_CHANGED_BELOW };
}
