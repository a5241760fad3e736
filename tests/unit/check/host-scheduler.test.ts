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
});
