import { describe, expect, it } from 'vitest';
import { createHostScheduler, type HostLimits } from '../../../src/check/host-scheduler.js';
import { createFakeTime, type FakeTime } from './fake-time.js';

function setup(limits: HostLimits, globalConcurrency = 64) {
  const time = createFakeTime();
  const scheduler = createHostScheduler({
    globalConcurrency,
    limitsFor: () => limits,
    clock: time.clock,
    sleep: time.sleep,
  });
  const t0 = time.clock.now();
  const starts: Array<{ host: string; atMs: number }> = [];
  let active = 0;
  let maxActive = 0;
  /** Schedules a task that takes `durationMs` of fake time and records when it started. */
  const task = (host: string, durationMs = 0) =>
    scheduler.run(host, async () => {
      starts.push({ host, atMs: time.clock.now() - t0 });
      active += 1;
      maxActive = Math.max(maxActive, active);
      if (durationMs > 0) await time.sleep(durationMs);
      active -= 1;
    });
  return { time, scheduler, starts, task, maxActive: () => maxActive, t0 };
}

async function drain(time: FakeTime, work: Promise<unknown>[]) {
  const all = Promise.all(work);
  await time.runAll();
  await all;
}

describe('createHostScheduler', () => {
  it('keeps the interval between starts to one host', async () => {
    const { time, starts, task } = setup({ concurrency: 2, intervalMs: 250 });
    await drain(time, [task('a'), task('a'), task('a'), task('a')]);
    expect(starts.map((s) => s.atMs)).toEqual([0, 250, 500, 750]);
  });

  it('holds the per-host concurrency even with no interval', async () => {
    const { time, starts, task, maxActive } = setup({ concurrency: 2, intervalMs: 0 });
    await drain(time, [task('a', 1000), task('a', 1000), task('a', 1000), task('a', 1000), task('a', 1000)]);
    expect(maxActive()).toBe(2);
    // The first request goes alone (slow start), then two at a time.
    expect(starts.map((s) => s.atMs)).toEqual([0, 1000, 1000, 2000, 2000]);
  });

  it('sends a host its first request alone, whatever its concurrency', async () => {
    const { time, starts, task } = setup({ concurrency: 4, intervalMs: 10 });
    await drain(time, [task('a', 500), task('a', 500), task('a', 500)]);
    expect(starts.map((s) => s.atMs)).toEqual([0, 500, 510]);
  });

  it('does not let one host slow another', async () => {
    const { time, starts, task } = setup({ concurrency: 1, intervalMs: 1000 });
    await drain(time, [task('a'), task('a'), task('a'), task('b'), task('b')]);
    expect(starts.filter((s) => s.host === 'b').map((s) => s.atMs)).toEqual([0, 1000]);
    expect(starts.filter((s) => s.host === 'a').map((s) => s.atMs)).toEqual([0, 1000, 2000]);
  });

  it('pauses only the host it is told to', async () => {
    const { time, scheduler, starts, task, t0 } = setup({ concurrency: 2, intervalMs: 0 });
    scheduler.pauseHost('a', t0 + 30_000);
    await drain(time, [task('a'), task('b')]);
    expect(starts).toEqual([
      { host: 'b', atMs: 0 },
      { host: 'a', atMs: 30_000 },
    ]);
  });

  it('extends a pause that is already running', async () => {
    const { time, scheduler, starts, task, t0 } = setup({ concurrency: 1, intervalMs: 0 });
    scheduler.pauseHost('a', t0 + 1_000);
    const work = task('a');
    await time.settle();
    scheduler.pauseHost('a', t0 + 5_000);
    await drain(time, [work]);
    expect(starts[0]?.atMs).toBe(5_000);
  });

  it('holds the global cap across hosts', async () => {
    const { time, task, maxActive } = setup({ concurrency: 4, intervalMs: 0 }, 3);
    const hosts = ['a', 'b', 'c', 'd', 'e'];
    await drain(
      time,
      hosts.flatMap((h) => [task(h, 500), task(h, 500)]),
    );
    expect(maxActive()).toBe(3);
  });

  it('gives a freed global slot to the host with the most work left', async () => {
    const { time, starts, task } = setup({ concurrency: 1, intervalMs: 0 }, 1);
    const work = [task('small', 100), task('big', 100), task('big', 100), task('big', 100), task('small', 100)];
    await drain(time, work);
    expect(starts.map((s) => s.host)).toEqual(['small', 'big', 'big', 'big', 'small']);
  });

  it('finishes every task under a tight global cap with pauses, never exceeding a limit', async () => {
    const time = createFakeTime();
    const scheduler = createHostScheduler({
      globalConcurrency: 3,
      limitsFor: () => ({ concurrency: 2, intervalMs: 7 }),
      clock: time.clock,
      sleep: time.sleep,
    });
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const active = new Map<string, number>();
    let globalActive = 0;
    let worstGlobal = 0;
    let worstHost = 0;
    const work = Array.from({ length: 200 }, (_, i) => {
      const host = `h${Math.floor(random() * random() * 20)}`;
      return scheduler.run(host, async () => {
        globalActive += 1;
        active.set(host, (active.get(host) ?? 0) + 1);
        worstGlobal = Math.max(worstGlobal, globalActive);
        worstHost = Math.max(worstHost, active.get(host) ?? 0);
        if (i % 37 === 0) scheduler.pauseHost(host, time.clock.now() + 500);
        await time.sleep(1 + Math.floor(random() * 50));
        globalActive -= 1;
        active.set(host, (active.get(host) ?? 1) - 1);
      });
    });
    await drain(time, work);
    expect(worstGlobal).toBe(3);
    expect(worstHost).toBeLessThanOrEqual(2);
  });

  it('drops a queued task when aborted, without starting it', async () => {
    const { time, scheduler, starts, task } = setup({ concurrency: 1, intervalMs: 1000 });
    const controller = new AbortController();
    const first = task('a');
    const second = scheduler.run('a', async () => starts.push({ host: 'x', atMs: -1 }), controller.signal);
    controller.abort(new Error('stop'));
    await expect(second).rejects.toThrow('stop');
    await drain(time, [first]);
    expect(starts.map((s) => s.host)).toEqual(['a']);
  });

  it('measures the interval from when a request actually went out, not from when it was handed over', async () => {
    const time = createFakeTime();
    const scheduler = createHostScheduler({
      globalConcurrency: 64,
      limitsFor: () => ({ concurrency: 2, intervalMs: 25 }),
      clock: time.clock,
      sleep: time.sleep,
    });
    const t0 = time.clock.now();
    const wire: number[] = [];
    /** A request whose bytes reach the socket `delayMs` after the scheduler started it (a new connection, a stall). */
    const request = (delayMs: number) =>
      scheduler.run(
        'a',
        async (sent) => {
          await time.sleep(delayMs);
          wire.push(time.clock.now() - t0);
          sent();
          await time.sleep(5);
        },
        undefined,
        { reportsSend: true },
      );
    await drain(time, [request(0), request(90), request(0), request(0)]);
    // The second starts at 25 and goes out 90 ms late, at 115: the third keeps a full interval
    // from that moment (started at 50 it would have gone out at once, back to back with it).
    expect(wire).toEqual([0, 115, 140, 165]);
    const gaps = wire.slice(1).map((at, i) => at - (wire[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(25);
  });

  it('keeps the gap when timers fire late', async () => {
    const time = createFakeTime();
    // Every timer fires up to 40 ms late, unevenly, as on a loaded event loop.
    let n = 0;
    const lateSleep: typeof time.sleep = (ms, signal) => time.sleep(ms + ((n++ * 17) % 41), signal);
    const scheduler = createHostScheduler({
      globalConcurrency: 64,
      limitsFor: () => ({ concurrency: 2, intervalMs: 25 }),
      clock: time.clock,
      sleep: lateSleep,
    });
    const wire: number[] = [];
    const request = () =>
      scheduler.run(
        'a',
        async (sent) => {
          wire.push(time.clock.now());
          sent();
          await lateSleep(3);
        },
        undefined,
        { reportsSend: true },
      );
    await drain(
      time,
      Array.from({ length: 30 }, () => request()),
    );
    expect(wire).toHaveLength(30);
    const gaps = wire.slice(1).map((at, i) => at - (wire[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(25);
  });

  it('waits for an unsent request only while it is pending: one that never went out frees the host', async () => {
    const { time, scheduler, starts, task } = setup({ concurrency: 2, intervalMs: 10 });
    const refused = scheduler.run('a', async () => Promise.reject(new Error('ECONNREFUSED')), undefined, {
      reportsSend: true,
    });
    await expect(refused).rejects.toThrow('ECONNREFUSED');
    await drain(time, [task('a'), task('a')]);
    expect(starts.map((s) => s.atMs)).toEqual([10, 20]);
  });

  it('adds one abort listener for all the tasks waiting on a signal, and removes it when none waits', async () => {
    const { time, scheduler } = setup({ concurrency: 1, intervalMs: 10 });
    const controller = new AbortController();
    const { signal } = controller;
    let listeners = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...args: Parameters<typeof add>) => {
      listeners += 1;
      add(...args);
    };
    signal.removeEventListener = (...args: Parameters<typeof remove>) => {
      listeners -= 1;
      remove(...args);
    };
    let peak = 0;
    const work = Array.from({ length: 50 }, () =>
      scheduler.run(
        'a',
        async () => {
          peak = Math.max(peak, listeners);
        },
        signal,
      ),
    );
    await drain(time, work);
    expect(peak).toBe(1);
    expect(listeners).toBe(0);
  });
});
