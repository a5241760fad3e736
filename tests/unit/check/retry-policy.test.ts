import { describe, expect, it } from 'vitest';
import {
  computeBackoffMs,
  isTransientError,
  isTransientStatus,
  parseRetryAfterMs,
} from '../../../src/check/retry-policy.js';

describe('computeBackoffMs', () => {
  it('doubles per attempt, with half of each step jittered', () => {
    expect([1, 2, 3].map((a) => computeBackoffMs(a, 500, () => 0))).toEqual([250, 500, 1000]);
    expect([1, 2, 3].map((a) => computeBackoffMs(a, 500, () => 1))).toEqual([500, 1000, 2000]);
    expect(computeBackoffMs(2, 500, () => 0.5)).toBe(750);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('120', now)).toBe(120_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP date relative to now, and a past date as 0', () => {
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 31 Dec 2025 12:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent and unreadable values', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs('-5', now)).toBeNull();
  });
});

describe('what is transient', () => {
  it('retries 5xx, 429 and 408 but not other 4xx', () => {
    expect([500, 502, 503, 504, 429, 408, 599].every(isTransientStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 200].some(isTransientStatus)).toBe(false);
  });
  it('retries resets and timeouts, not DNS or refused ports', () => {
    expect(['ECONNRESET', 'UND_ERR_HEADERS_TIMEOUT', 'TOTAL_TIMEOUT'].every(isTransientError)).toBe(true);
    expect(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ADDRESS_REFUSED'].some(isTransientError)).toBe(false);
  });
});
