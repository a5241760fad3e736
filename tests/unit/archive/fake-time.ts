import type { Clock, Sleep } from '../../../src/deps.js';

export interface FakeTime {
  clock: Clock;
  /**
   * Resolves on a later macrotask with the clock moved to the sleeper's wake time. A
   * macrotask, not a microtask, so whatever the woken caller does synchronously next (take
   * a token, start a request) happens before any other sleeper moves the clock again.
   */
  sleep: Sleep;
  /** Every sleep asked for, in ms, in call order. */
  readonly sleeps: number[];
  /** Fake milliseconds since the start. */
  elapsedMs(): number;
}

/**
 * A clock that only moves when someone sleeps. Sleeps overlap like real ones: each wakes
 * at (its start + ms), and the clock never goes back, so concurrent waits do not add up.
 */
export function createFakeTime(startMs = Date.UTC(2026, 0, 1)): FakeTime {
  let nowMs = startMs;
  const sleeps: number[] = [];
  return {
    clock: { now: () => nowMs },
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      const wakeMs = nowMs + ms;
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason;
      nowMs = Math.max(nowMs, wakeMs);
    },
    sleeps,
    elapsedMs: () => nowMs - startMs,
  };
}
