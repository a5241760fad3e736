import { describe, expect, it } from 'vitest';
import { type CanaryOutcome, createNetworkMonitor } from '../../../src/check/network-monitor.js';
import { createFakeTime } from './fake-time.js';

function setup(canaries: Record<string, boolean>) {
  const time = createFakeTime();
  const probed: string[] = [];
  const monitor = createNetworkMonitor({
    canaryUrls: Object.keys(canaries),
    probeCanary: async (url): Promise<CanaryOutcome> => {
      probed.push(url);
      return { url, ok: canaries[url] ?? false, detail: canaries[url] ? 'answered 204' : 'ENOTFOUND' };
    },
    sleep: time.sleep,
  });
  return { time, monitor, probed };
}

describe('createNetworkMonitor', () => {
  it('says offline only when every canary fails, probing once', async () => {
    const { monitor, probed } = setup({ 'https://c1.test/': false, 'https://c2.test/': false });
    expect(await monitor.isOnline()).toBe(false);
    expect(await monitor.isOnline()).toBe(false);
    expect(probed).toEqual(['https://c1.test/', 'https://c2.test/']);
    expect(monitor.offline).toBe(true);
    expect(monitor.describe(45)).toMatchObject({
      state: 'offline',
      message: 'network unreachable: 45 links could not be checked',
    });
  });

  it('says online when one canary answers', async () => {
    const { monitor } = setup({ 'https://c1.test/': false, 'https://c2.test/': true });
    expect(await monitor.isOnline()).toBe(true);
    expect(monitor.describe(0).state).toBe('online');
  });

  it('lets only a few requests out until something is reached, then all', async () => {
    const { monitor, time } = setup({ 'https://c1.test/': true });
    const releases = await Promise.all([1, 2, 3, 4].map(() => monitor.admit()));
    let fifthIn = false;
    const fifth = monitor.admit().then(() => {
      fifthIn = true;
    });
    await time.settle();
    expect(fifthIn).toBe(false);
    releases[0]?.();
    await time.settle();
    expect(fifthIn).toBe(true);
    await fifth;
    monitor.noteReachable();
    const more = await Promise.all(Array.from({ length: 20 }, () => monitor.admit()));
    expect(more).toHaveLength(20);
  });

  it('probes the canaries when the warm-up requests hang', async () => {
    const { monitor, time, probed } = setup({ 'https://c1.test/': false });
    await Promise.all([1, 2, 3, 4].map(() => monitor.admit()));
    const waiting = monitor.admit();
    await time.runAll();
    await waiting;
    expect(probed).toEqual(['https://c1.test/']);
    expect(monitor.offline).toBe(true);
    expect(time.sleeps).toEqual([2_000]);
  });

  it('is unknown when nothing was reached and nothing probed', () => {
    expect(setup({}).monitor.describe(0).state).toBe('unknown');
  });
});
