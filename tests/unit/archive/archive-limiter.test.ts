import { describe, expect, it } from 'vitest';
import { ArchiveBudgetError } from '../../../src/archive/archive-errors.js';
import { createArchiveLimiter } from '../../../src/archive/archive-limiter.js';
import { createFakeTime } from './fake-time.js';

const MINUTE_MS = 60_000;

function limiterWith(overrides: Partial<Parameters<typeof createArchiveLimiter>[0]> = {}) {
  const time = createFakeTime();
  const limiter = createArchiveLimiter({
    searchPerMinute: 24,
    fetchPerMinute: 480,
    savePerMinute: 4,
    budgetMs: 60 * MINUTE_MS,
    clock: time.clock,
    sleep: time.sleep,
    ...overrides,
  });
  return { time, limiter };
}

/** The most calls that started within any `windowMs` span. */
function busiestWindow(startsMs: number[], windowMs: number): number {
  let best = 0;
  for (const start of startsMs)
    best = Math.max(best, startsMs.filter((t) => t >= start && t < start + windowMs).length);
  return best;
}

describe('createArchiveLimiter', () => {
  it('paces searches at 24 per minute after a small burst, never 30 in any minute', async () => {
    const { time, limiter } = limiterWith();
    const starts: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      await limiter.acquire('search');
      starts.push(time.elapsedMs());
    }
    expect(starts.slice(0, 3)).toEqual([0, 0, 2500]);
    expect(busiestWindow(starts, MINUTE_MS)).toBeLessThanOrEqual(26);
    expect(busiestWindow(starts, MINUTE_MS)).toBeGreaterThanOrEqual(24);
    // 60 calls: 2 from the burst, 58 more at 2.5 s each.
    expect(starts.at(-1)).toBe(58 * 2500);
  });

  it('paces fetches at 480 per minute, apart from searches', async () => {
    const { time, limiter } = limiterWith();
    const starts: number[] = [];
    for (let i = 0; i < 600; i += 1) {
      await limiter.acquire('fetch');
      starts.push(time.elapsedMs());
    }
    expect(busiestWindow(starts, MINUTE_MS)).toBeLessThanOrEqual(480 + 48);
    // A search is not slowed by a drained fetch bucket.
    const before = time.elapsedMs();
    await limiter.acquire('search');
    expect(time.elapsedMs()).toBe(before);
  });

  it('holds every kind of call during a pause, then lets them through', async () => {
    const { time, limiter } = limiterWith();
    limiter.pauseAll(60_000, '429 from test');
    const startedAt = await Promise.all(
      (['search', 'fetch', 'save'] as const).map(async (kind) => {
        await limiter.acquire(kind);
        return time.elapsedMs();
      }),
    );
    expect(startedAt).toEqual([60_000, 60_000, 60_000]);
    // A shorter pause asked later never shortens the longer one.
    limiter.pauseAll(30_000, 'second');
    limiter.pauseAll(5_000, 'third');
    await limiter.acquire('fetch');
    expect(time.elapsedMs()).toBe(90_000);
  });

  it('refuses a call that could only start after the budget, saying why', async () => {
    const { limiter } = limiterWith({ searchPerMinute: 6, budgetMs: 10_000 });
    await limiter.acquire('search');
    await expect(limiter.acquire('search')).rejects.toThrow(ArchiveBudgetError);
    await expect(limiter.acquire('search')).rejects.toThrow(/10 s archive budget/);
  });

  it('names the pause when a 429 pause outlasts the budget', async () => {
    const { limiter } = limiterWith({ budgetMs: 30_000 });
    limiter.pauseAll(60_000, '429 from web.archive.org');
    await expect(limiter.acquire('fetch')).rejects.toThrow(/paused \(429 from web.archive.org\)/);
    await expect(limiter.delay(1_000)).resolves.toBeUndefined();
    expect(limiter.remainingMs()).toBe(29_000);
  });

  it('refuses a backoff that would end past the budget', async () => {
    const { limiter } = limiterWith({ budgetMs: 5_000 });
    await expect(limiter.delay(8_000)).rejects.toThrow(ArchiveBudgetError);
  });
});
