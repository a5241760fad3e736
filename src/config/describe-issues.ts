import type { z } from 'zod';
import { knownKeysAt } from './schema-keys.js';

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known key a typo most likely meant, if one is close enough to be a fair guess. */
function suggestKey(unknown: string, path: readonly PropertyKey[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of knownKeysAt(path)) {
    const distance = editDistance(unknown, key);
    if (distance <= Math.max(1, Math.floor(key.length / 3)) && (!best || distance < best.distance)) {
      best = { key, distance };
    }
  }
  return best?.key;
}

/** `check.hosts["a.test"].intervalMs`: dots between plain names, brackets around host names and the like. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path
    .map(String)
    .map((segment, i) =>
      /^[A-Za-z_$][\w$]*$|^\d+$/.test(segment) ? (i === 0 ? segment : `.${segment}`) : `[${JSON.stringify(segment)}]`,
    )
    .join('');
}

/**
 * One line per problem, each naming the key by its dotted path:
 * `unknown key check.concurency (did you mean check.concurrency?)`, `check.retries: Too big: ...`.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const suggestion = suggestKey(key, issue.path);
        const hint = suggestion ? ` (did you mean ${dottedPath([...issue.path, suggestion])}?)` : '';
        return `unknown key ${dottedPath([...issue.path, key])}${hint}`;
      });
    }
    return [`${issue.path.length > 0 ? dottedPath(issue.path) : '(top level)'}: ${issue.message}`];
  });
}
