import { ConfigError } from '../errors.js';

/** Decides which URLs the run checks; `--include` wins over `--exclude`, as in lychee. */
export type UrlFilter = (url: string) => { checked: true } | { checked: false; pattern: string };

function compile(patterns: readonly string[], option: string): RegExp[] {
  return patterns.map((pattern) => {
    try {
      return new RegExp(pattern);
    } catch (error) {
      throw new ConfigError(`check.${option}: "${pattern}" is not a valid regular expression`, { cause: error });
    }
  });
}

/**
 * Compiled once per run. With include patterns, only matching URLs are checked; an exclude
 * match skips a URL unless an include pattern also matches it.
 */
export function createUrlFilter(include: readonly string[], exclude: readonly string[]): UrlFilter {
  const includes = compile(include, 'include');
  const excludes = compile(exclude, 'exclude');
  return (url) => {
    if (includes.some((re) => re.test(url))) return { checked: true };
    if (includes.length > 0) return { checked: false, pattern: `not matched by include ${include.join(', ')}` };
    const hit = excludes.findIndex((re) => re.test(url));
    return hit < 0 ? { checked: true } : { checked: false, pattern: `matched exclude ${exclude[hit]}` };
  };
}
