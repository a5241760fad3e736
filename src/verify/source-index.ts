import { averageLength, buildPostings, type Posting } from './bm25.js';
import { extractDatesFrom, extractQuantities } from './claim-features.js';
import type { SourceText } from './source-text.js';
import { contentTerms, hasNegation, normalizeText, splitSentences, splitWords } from './text.js';

/** Sentences longer than this are cut into pieces (PDF tables and lists have no full stops). */
const MAX_SENTENCE_WORDS = 60;
/** A window is one sentence or two adjacent ones: claims often span a sentence boundary. */
const WINDOW_SENTENCES = 2;

/** A passage candidate with everything scoring needs, computed once per source. */
export interface EvidenceWindow {
  id: number;
  page: number | null;
  /** Index of the first sentence; windows sharing a sentence overlap. */
  firstSentence: number;
  sentenceCount: number;
  text: string;
  /** Normalised text, for quoted-phrase search. */
  normalized: string;
  /** Stemmed content term -> frequency. */
  termFreq: Map<string, number>;
  length: number;
  words: Set<string>;
  numbers: Set<string>;
  dates: Set<string>;
  negated: boolean;
}

/**
 * What the source's titles say, true of every passage: a passage about "the city" in a
 * report titled "... in Lyon" is about Lyon (SIDE likewise reads claims with their titles).
 */
export interface SourceContext {
  terms: Set<string>;
  words: Set<string>;
  dates: Set<string>;
}

export interface SourceIndex {
  kind: 'index';
  source: SourceText;
  windows: EvidenceWindow[];
  /** Term -> windows holding it, with BM25 weights. */
  postings: Map<string, Posting>;
  /** Term -> number of sentences holding it (IDF is per sentence, not per overlapping window). */
  sentenceFreq: Map<string, number>;
  sentenceTotal: number;
  averageWindowLength: number;
  /** PDF page -> ids of its windows, for page-restricted search. */
  pageWindows: Map<number, number[]>;
  context: SourceContext;
}

interface Sentence {
  page: number | null;
  text: string;
}

function cutLongSentence(sentence: string): string[] {
  const words = sentence.split(/\s+/);
  if (words.length <= MAX_SENTENCE_WORDS) return [sentence];
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += MAX_SENTENCE_WORDS) {
    pieces.push(words.slice(i, i + MAX_SENTENCE_WORDS).join(' '));
  }
  return pieces;
}

function sentencesOf(source: SourceText): Sentence[][] {
  return source.pages.map((page) =>
    page.blocks.flatMap((block) =>
      splitSentences(block)
        .flatMap(cutLongSentence)
        .map((text) => ({ page: page.page, text })),
    ),
  );
}

function buildWindow(id: number, firstSentence: number, sentences: Sentence[]): EvidenceWindow {
  const text = sentences.map((s) => s.text).join(' ');
  const normalized = normalizeText(text);
  const words = new Set(splitWords(normalized));
  const terms = contentTerms(text);
  const termFreq = new Map<string, number>();
  for (const term of terms) termFreq.set(term, (termFreq.get(term) ?? 0) + 1);
  return {
    id,
    page: sentences[0]?.page ?? null,
    firstSentence,
    sentenceCount: sentences.length,
    text,
    normalized,
    termFreq,
    length: terms.length,
    words,
    numbers: new Set(extractQuantities(text).numbers),
    dates: new Set(extractDatesFrom(text)),
    negated: hasNegation(words),
  };
}

/** Sentence windows of a source with their term statistics: built once, searched per claim. */
export function indexSource(source: SourceText): SourceIndex {
  const windows: EvidenceWindow[] = [];
  const sentenceFreq = new Map<string, number>();
  let sentenceTotal = 0;
  for (const pageSentences of sentencesOf(source)) {
    for (let i = 0; i < pageSentences.length; i += 1) {
      const sentenceNumber = sentenceTotal + i;
      for (const term of new Set(contentTerms(pageSentences[i]?.text ?? ''))) {
        sentenceFreq.set(term, (sentenceFreq.get(term) ?? 0) + 1);
      }
      for (let size = 1; size <= WINDOW_SENTENCES && i + size <= pageSentences.length; size += 1) {
        const window = buildWindow(windows.length, sentenceNumber, pageSentences.slice(i, i + size));
        windows.push(window);
      }
    }
    sentenceTotal += pageSentences.length;
  }
  const pageWindows = new Map<number, number[]>();
  for (const window of windows) {
    if (window.page === null) continue;
    const list = pageWindows.get(window.page);
    if (list) list.push(window.id);
    else pageWindows.set(window.page, [window.id]);
  }
  const titles = source.titles.join('. ');
  return {
    kind: 'index',
    source,
    windows,
    postings: buildPostings(windows),
    sentenceFreq,
    sentenceTotal,
    averageWindowLength: averageLength(windows),
    pageWindows,
    context: {
      terms: new Set(contentTerms(titles)),
      words: new Set(splitWords(normalizeText(titles))),
      dates: new Set(extractDatesFrom(titles)),
    },
  };
}

/** Robertson–Spärck Jones IDF, never negative; a term the source lacks gets the largest weight. */
export function inverseDocumentFrequency(index: SourceIndex, term: string): number {
  const n = index.sentenceTotal;
  const df = index.sentenceFreq.get(term) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
