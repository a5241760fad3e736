/**
 * Returns one shared copy of each value seen, for values that recur across thousands of
 * results (a content type per response is otherwise a fresh string each). Bounded: past
 * `maxEntries` distinct values, new ones are returned as they are.
 */
export function createInterner(maxEntries: number): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (seen.size < maxEntries) seen.set(value, value);
    return value;
  };
}
