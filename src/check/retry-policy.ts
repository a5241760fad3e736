/**
 * When to try again and how long to wait. Pure functions: the clock and the random source
 * are arguments, so the policy is tested without waiting.
 */

/** Statuses worth another attempt: the server may answer differently in a moment. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);

/** Transport failures worth another attempt. DNS answers and refused ports are not: they repeat. */
const TRANSIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TOTAL_TIMEOUT',
]);

const DELTA_SECONDS = /^\d+$/;
const HTTP_DATE_HINT = /(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status) || (status >= 500 && status <= 599);
}

export function isTransientError(code: string): boolean {
  return TRANSIENT_ERROR_CODES.has(code);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries
 * of many links that failed together spread out instead of hitting the host in step.
 * `attempt` is the attempt that just failed, from 1.
 */
export function computeBackoffMs(attempt: number, baseDelayMs: number, random: () => number): number {
  const step = baseDelayMs * 2 ** Math.max(attempt - 1, 0);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * `Retry-After` as a delay from `nowMs`: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Null when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (DELTA_SECONDS.test(trimmed)) return Number(trimmed) * 1000;
  // All three HTTP date forms name the month; this keeps Date.parse from reading "-5" as a year.
  if (!HTTP_DATE_HINT.test(trimmed)) return null;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return null;
  return Math.max(0, dateMs - nowMs);
}
