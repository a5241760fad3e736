import type { Clock, Sleep } from '../../../src/deps.js';

interface Timer {
  atMs: number;
  seq: number;
  resolve: () => void;
}

export interface FakeTime {
  clock: Clock;
  sleep: Sleep;
  /** Every sleep requested, in ms, in order. */
  readonly sleeps: number[];
  /** Fires timers in time order, letting promise chains settle between them, until none is left. */
  runAll(maxTimers?: number): Promise<void>;
  /** Lets pending promise chains run without moving time. */
  settle(): Promise<void>;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A virtual clock: sleeps resolve only when `runAll` moves time past them. */
export function createFakeTime(startMs = Date.UTC(2026, 0, 1)): FakeTime {
  let nowMs = startMs;
  let seq = 0;
  const timers: Timer[] = [];
  const sleeps: number[] = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      sleeps.push(ms);
      const timer: Timer = { atMs: nowMs + Math.max(ms, 0), seq: seq++, resolve };
      timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          const i = timers.indexOf(timer);
          if (i >= 0) timers.splice(i, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  return {
    clock: { now: () => nowMs },
    sleep,
    sleeps,
    settle,
    async runAll(maxTimers = 10_000) {
      await settle();
      for (let fired = 0; timers.length > 0; fired++) {
        if (fired >= maxTimers) throw new Error('fake time: too many timers (a loop that never ends?)');
        timers.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
        const next = timers.shift();
        if (!next) break;
        nowMs = Math.max(nowMs, next.atMs);
        next.resolve();
        await settle();
      }
    },
  };
}
