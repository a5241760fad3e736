/**
 * Lexical building blocks shared by every check in verify: normalisation, sentence
 * splitting, tokens, a light stemmer. Plain code on purpose: no model weights, no
 * locale data beyond what Node ships.
 */

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just me more most my myself no ' +
    'nor not now of off on once only or other our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    'said says per via among within without upon one ones may might must shall us much many ' +
    // Reporting verbs and hedges: how a claim cites, not what it says.
    'according found finds show shows showed shown noted notes stated states suggests suggested claims claimed ' +
    'however thus therefore since yet still even well around approximately nearly almost roughly least ' +
    // Units the number features already carry ("28%" = "28 percent", "$13" = "13 dollars").
    'percent per cent dollar dollars usd'
  ).split(' '),
);

/** Canonical terms for "goes up" and "goes down" (see EQUIVALENT_FORMS). */
export const UP_TERM = 'up~';
export const DOWN_TERM = 'down~';

/**
 * Word forms that mean the same for matching: unit spellings, and the few change verbs
 * claims paraphrase most ("dropped" for "fell"). Directions stay apart, so "rose" never
 * meets "fell". Keys are canonical terms, values the surface forms.
 */
const EQUIVALENT_FORMS: Record<string, string[]> = {
  km: ['km', 'kilometre', 'kilometres', 'kilometer', 'kilometers'],
  mg: ['mg', 'milligram', 'milligrams'],
  kg: ['kg', 'kilogram', 'kilograms'],
  gw: ['gw', 'gigawatt', 'gigawatts'],
  mw: ['mw', 'megawatt', 'megawatts'],
  ha: ['ha', 'hectare', 'hectares'],
  eu: ['eu', 'european'],
  [UP_TERM]: [
    ...['increase', 'increased', 'increases', 'increasing', 'rise', 'rises', 'rose', 'risen', 'rising'],
    ...['grow', 'grows', 'grew', 'grown', 'growing', 'growth', 'climb', 'climbed', 'jump', 'jumped'],
  ],
  [DOWN_TERM]: [
    ...['decrease', 'decreased', 'decreases', 'fall', 'falls', 'fell', 'fallen', 'drop', 'dropped', 'drops'],
    ...['decline', 'declined', 'declines', 'reduce', 'reduced', 'reduces', 'reduction', 'cut', 'cuts'],
  ],
  'exceed~': ['exceed', 'exceeded', 'exceeds', 'surpass', 'surpassed', 'beat', 'beating'],
};

const CANONICAL_BY_STEM: ReadonlyMap<string, string> = new Map(
  Object.entries(EQUIVALENT_FORMS).flatMap(([canonical, forms]) => forms.map((f) => [stemWord(f), canonical] as const)),
);

const NUMBER_WORDS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const UNIT_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TENS_RE =
  /\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](one|two|three|four|five|six|seven|eight|nine)\b/gi;
const NUMBER_WORD_RE = new RegExp(`\\b(${Object.keys(NUMBER_WORDS).join('|')})\\b`, 'gi');
/** Fractions a claim writes in words and a source in percent (or the other way round). */
const FRACTION_RE = /\b(?:(?:a|one) (?:quarter|third)|two thirds|three quarters|half)\b/gi;

/** "thirty-seven" -> "37", "a quarter" -> "25%": so spelled-out numbers meet digits. */
export function replaceNumberWords(text: string): string {
  return text
    .replace(TENS_RE, (_, tens: string, unit: string) =>
      String((NUMBER_WORDS[tens.toLowerCase()] ?? 0) + UNIT_WORDS.indexOf(unit.toLowerCase()) + 1),
    )
    .replace(NUMBER_WORD_RE, (word: string) => String(NUMBER_WORDS[word.toLowerCase()]))
    .replace(FRACTION_RE, (match: string) => {
      const m = match.toLowerCase();
      if (m === 'half') return '50%';
      if (m.endsWith('two thirds')) return '66.7%';
      if (m.endsWith('three quarters')) return '75%';
      return m.endsWith('quarter') ? '25%' : '33.3%';
    });
}

const NEGATIONS = new Set(['not', 'no', 'never', 'neither', 'nor', 'none', 'without', 'cannot']);

/** Does a list of normalised words hold a negation ("not", "never", "doesn't")? */
export function hasNegation(words: Iterable<string>): boolean {
  for (const word of words) if (NEGATIONS.has(word) || word.endsWith("n't")) return true;
  return false;
}

/** Lower-case, strip accents, unify quotes, dashes and spaces so that equal words compare equal. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Words and numbers of already normalised text; a decimal point or comma inside a number is kept. */
export function splitWords(normalized: string): string[] {
  return normalized.match(/\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?/g) ?? [];
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/**
 * A light suffix stripper (plural, -ing, -ed, -ly, -ation): enough to make "estimated",
 * "estimates" and "estimation" meet, cheaper and more predictable than a full Porter stemmer.
 */
export function stemWord(word: string): string {
  if (word.length <= 3 || /^\d/.test(word)) return word;
  let w = word.replace(/'s$/, '');
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -3);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  // "stopped" -> "stopp" -> "stop": undo the doubled consonant left by -ed/-ing.
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Content terms with the words they came from: normalised, number words as digits, stopwords dropped, stemmed. */
export function contentTermsWithWords(text: string): Array<{ term: string; word: string }> {
  const terms: Array<{ term: string; word: string }> = [];
  for (const word of splitWords(normalizeText(replaceNumberWords(text)))) {
    if (word.length < 2 || isStopword(word)) continue;
    const stem = stemWord(word);
    terms.push({ term: CANONICAL_BY_STEM.get(stem) ?? stem, word });
  }
  return terms;
}

/** Content terms for ranking (see `contentTermsWithWords`). */
export function contentTerms(text: string): string[] {
  return contentTermsWithWords(text).map((t) => t.term);
}

/**
 * Sentences of one block of text. Splits after . ! ? when the next word starts upper-case
 * or with a digit, and never after common abbreviations or single initials.
 */
export function splitSentences(block: string): string[] {
  const sentences: string[] = [];
  const re = /[.!?]["')\]\u201d\u2019]*\s+(?=["'(\u201c\u2018]?[A-Z0-9])/g;
  let start = 0;
  for (let m = re.exec(block); m !== null; m = re.exec(block)) {
    const before = block.slice(start, m.index);
    if (
      /(?:^|[\s(])(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|St|No|Vol|Fig|Eq|pp?|et al|e\.g|i\.e|vs|cf|Inc|Ltd|Co|Jr|Sr)$/.test(before)
    ) {
      continue;
    }
    const end = m.index + m[0].length;
    const sentence = block.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const rest = block.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** Sørensen–Dice coefficient of two token sets (1 = same set). */
export function diceCoefficient(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}
