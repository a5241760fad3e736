/** Ranges of visible text, and the sentence a link stands in. */
export interface Range {
  start: number;
  end: number;
}

/**
 * Ranges read by index: an array is one, and so are the compact lists of structured-lists.ts
 * (which make a fresh object per `at`).
 */
export interface RangeList<T> extends Iterable<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

const SENTENCE_END = new Set(['.', '!', '?']);
const CLOSING_AFTER_SENTENCE_END = new Set(['"', "'", '\u201d', '\u2019', ')', ']']);

/**
 * Sorted, non-overlapping union of ranges (nulls skipped). The ranges given are never changed;
 * one that is not widened is returned as is (an HTML page's note bodies rarely touch: no copy
 * of each), and so is the list itself when nothing is to merge (a Markdown document's note
 * bodies, in order: no second list of 100k grown one push at a time).
 */
export function mergeRanges(ranges: readonly (Range | null)[]): readonly Readonly<Range>[] {
  if (isSortedApart(ranges)) return ranges;
  const sorted = sortedByStart(ranges.filter((range) => range !== null));
  const merged: Readonly<Range>[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      if (range.end > last.end) merged[merged.length - 1] = { start: last.start, end: range.end };
    } else merged.push(range);
  }
  return merged;
}

/** Whether every range starts after the previous one ends (`mergeRanges` joins touching ones). */
function isSortedApart(ranges: readonly (Range | null)[]): ranges is readonly Range[] {
  for (let index = 0; index < ranges.length; index++) {
    const range = ranges[index];
    if (!range) return false;
    if (index > 0 && range.start <= ranges[index - 1]!.end) return false;
  }
  return true;
}

/**
 * Groups links by the sentence around them (within `block`). A sentence ends at `.`, `!` or
 * `?` (plus closing quotes) before whitespace or the block end; periods inside a link's own
 * text (a URL, "U.N.") do not end it.
 */
export function groupBySentence<T extends Range>(
  text: { charAt(offset: number): string },
  block: Range,
  links: readonly T[],
): { sentence: Range; links: T[] }[] {
  const sorted = [...links].sort((a, b) => a.start - b.start);
  const insideLink = (index: number) => sorted.some((link) => link.start <= index && index < link.end);
  const isBoundary = (index: number) => {
    if (!SENTENCE_END.has(text.charAt(index)) || insideLink(index)) return false;
    let after = index + 1;
    while (after < block.end && CLOSING_AFTER_SENTENCE_END.has(text.charAt(after))) after++;
    return after >= block.end || /\s/.test(text.charAt(after));
  };
  const groups: { sentence: Range; links: T[] }[] = [];
  for (const link of sorted) {
    const last = groups[groups.length - 1];
    if (last && link.start < last.sentence.end) {
      last.links.push(link);
      continue;
    }
    let start = link.start;
    while (start > block.start && !isBoundary(start - 1)) start--;
    let end = link.end;
    while (end < block.end && !isBoundary(end)) end++;
    if (end < block.end) end++;
    while (end < block.end && CLOSING_AFTER_SENTENCE_END.has(text.charAt(end))) end++;
    groups.push({ sentence: { start: Math.max(start, last?.sentence.end ?? block.start), end }, links: [link] });
  }
  return groups;
}

/**
 * `items` in order of start (ties kept in order): the array itself when it already is, as a
 * Markdown document's ranges are (a copy of an array of 100k costs ~0.8 MB more, 2 MB as it grew).
 */
export function sortedByStart<T extends { start: number }>(items: RangeList<T>): RangeList<T> {
  let previous = items.at(0)?.start ?? 0;
  for (let index = 1; index < items.length; index++) {
    const start = items.at(index)!.start;
    if (start < previous) return [...items].sort((a, b) => a.start - b.start);
    previous = start;
  }
  return items;
}

/** Items of `sorted` (by start) that start inside `range`, found by binary search. */
export function startingWithin<T extends { start: number }>(sorted: RangeList<T>, range: Range): T[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted.at(mid)!.start < range.start) low = mid + 1;
    else high = mid;
  }
  const found: T[] = [];
  for (let index = low; index < sorted.length; index++) {
    const item = sorted.at(index)!;
    if (item.start >= range.end) break;
    found.push(item);
  }
  return found;
}

/** Whether `range` lies inside one of `merged` (sorted, non-overlapping). */
export function isCoveredBy(merged: readonly Range[], range: Range): boolean {
  let low = 0;
  let high = merged.length - 1;
  let candidate: Range | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (merged[mid]!.start <= range.start) {
      candidate = merged[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return candidate !== undefined && range.end <= candidate.end;
}
