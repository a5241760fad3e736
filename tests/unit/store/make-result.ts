import type { LinkResult, LinkVerdictKind } from '../../../src/model/link-result.js';

const DAY_MS = 86_400_000;
export const T0_MS = Date.parse('2026-01-05T09:00:00.000Z');

/** ISO time `days` after T0 (fractional days allowed). */
export function isoAt(days: number): string {
  return new Date(T0_MS + days * DAY_MS).toISOString();
}

/** A valid LinkResult of the given kind; the extra fields each kind requires are filled in. */
export function makeResult(
  key: string,
  kind: LinkVerdictKind,
  checkedAt: string,
  overrides: Partial<Pick<LinkResult, 'fromCache' | 'url'>> = {},
): LinkResult {
  const evidence = {
    status: kind === 'broken' ? 404 : kind === 'alive' ? 200 : null,
    finalUrl: null,
    redirects: [],
    attempts: 1,
    method: 'HEAD' as const,
    contentType: null,
    title: null,
    errorCode: null,
    rule: `test-${kind}`,
    elapsedMs: 12,
  };
  const base = { reason: `test ${kind}`, evidence };
  const verdict = ((): LinkResult['verdict'] => {
    switch (kind) {
      case 'redirected':
        return { kind, permanent: true, finalUrl: `${key}/moved`, ...base };
      case 'soft-404':
        return { kind, signal: 'title', ...base };
      case 'rate-limited':
        return { kind, retryAfterMs: null, ...base };
      case 'timeout':
        return { kind, phase: 'headers', ...base };
      case 'network-error':
        return { kind, code: 'ECONNRESET', ...base };
      case 'skipped':
        return { kind, skipReason: 'excluded', ...base };
      default:
        return { kind, ...base };
    }
  })();
  return { key, url: overrides.url ?? key, checkedAt, fromCache: overrides.fromCache ?? false, verdict };
}
