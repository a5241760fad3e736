import type { Clock, Sleep } from '../deps.js';
import { ArchiveBudgetError } from './archive-errors.js';

/** Search = CDX, TimeMap and Availability (one rate-limit pool at IA); fetch = playback; save = SPN2. */
export type ArchiveCallKind = 'search' | 'fetch' | 'save';

export interface ArchiveLimiterOptions {
  searchPerMinute: number;
  fetchPerMinute: number;
  savePerMinute: number;
  /** Total time every archive call of the run may take, from the limiter's creation. */
  budgetMs: number;
  clock: Clock;
  sleep: Sleep;
}

/**
 * The one gate every archive call passes: a token bucket per call kind, a shared pause
 * (any 429 stops every kind), and the run's time budget.
 */
export interface ArchiveLimiter {
  /** Resolves when a call of `kind` may start; throws `ArchiveBudgetError` when that would be past the budget. */
  acquire(kind: ArchiveCallKind, signal?: AbortSignal): Promise<void>;
  /** Holds every call of every kind for `ms` from now (never shortens a longer pause). */
  pauseAll(ms: number, reason: string): void;
  /** Sleeps `ms` (a retry backoff) unless that would end past the budget. */
  delay(ms: number, signal?: AbortSignal): Promise<void>;
  /** Milliseconds left in the budget, 0 when spent. */
  remainingMs(): number;
}

const MS_PER_MINUTE = 60_000;
/**
 * Burst allowance as a share of the per-minute rate. A bucket lets through at most
 * burst + rate calls in any 60 s window, so a tenth keeps us at 1.1 x the configured
 * rate, under IA's 30 searches / 600 fetches per minute with the defaults (24 / 480).
 */
const BURST_SHARE = 0.1;

interface TokenBucket {
  tokens: number;
  readonly capacity: number;
  readonly perMs: number;
  lastMs: number;
}

function createBucket(perMinute: number, nowMs: number): TokenBucket {
  const capacity = Math.max(1, Math.floor(perMinute * BURST_SHARE));
  return { tokens: capacity, capacity, perMs: perMinute / MS_PER_MINUTE, lastMs: nowMs };
}

/** Takes a token and returns 0, or returns how long until one is available. */
function takeToken(bucket: TokenBucket, nowMs: number): number {
  bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (nowMs - bucket.lastMs) * bucket.perMs);
  bucket.lastMs = nowMs;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.ceil((1 - bucket.tokens) / bucket.perMs);
}

export function createArchiveLimiter(options: ArchiveLimiterOptions): ArchiveLimiter {
  const { clock, sleep, budgetMs } = options;
  const startMs = clock.now();
  const deadlineMs = startMs + budgetMs;
  const buckets: Record<ArchiveCallKind, TokenBucket> = {
    search: createBucket(options.searchPerMinute, startMs),
    fetch: createBucket(options.fetchPerMinute, startMs),
    save: createBucket(options.savePerMinute, startMs),
  };
  let pausedUntilMs = startMs;
  let pauseReason = '';

  const budgetError = (waitMs: number): ArchiveBudgetError => {
    const budgetS = Math.round(budgetMs / 1000);
    const paused = pausedUntilMs > clock.now();
    return new ArchiveBudgetError(
      paused
        ? `archive calls paused (${pauseReason}) past the ${budgetS} s archive budget`
        : `the ${budgetS} s archive budget cannot cover another call (next slot in ${Math.ceil(waitMs / 1000)} s)`,
    );
  };

  const ensureWithinBudget = (waitMs: number): void => {
    if (clock.now() + waitMs >= deadlineMs) throw budgetError(waitMs);
  };

  return {
    async acquire(kind, signal) {
      for (;;) {
        const nowMs = clock.now();
        const pauseMs = pausedUntilMs - nowMs;
        const waitMs = pauseMs > 0 ? pauseMs : takeToken(buckets[kind], nowMs);
        ensureWithinBudget(waitMs);
        if (waitMs === 0) return;
        // Re-check after waking: another caller may have taken the token or a 429 paused us.
        await sleep(waitMs, signal);
      }
    },
    pauseAll(ms, reason) {
      const untilMs = clock.now() + ms;
      if (untilMs > pausedUntilMs) {
        pausedUntilMs = untilMs;
        pauseReason = reason;
      }
    },
    async delay(ms, signal) {
      ensureWithinBudget(ms);
      await sleep(ms, signal);
    },
    remainingMs() {
      return Math.max(0, deadlineMs - clock.now());
    },
  };
}
