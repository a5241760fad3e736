import { describe, expect, it } from 'vitest';
import { createLinkFeeder, hostOfUrl } from '../../../src/check/link-feeder.js';

/** Checks that settle only when `finishOne` is called, so the test sees what is in progress. */
function controlledChecks() {
  const inProgress: Array<{ item: string; done: () => void }> = [];
  const started: string[] = [];
  const check = (item: string) =>
    new Promise<void>((resolve) => {
      started.push(item);
      inProgress.push({ item, done: resolve });
    });
  const finishOne = async (host?: string) => {
    const index = host === undefined ? 0 : inProgress.findIndex((p) => p.item.startsWith(host));
    const [entry] = inProgress.splice(index, 1);
    entry?.done();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { inProgress, started, check, finishOne };
}

describe('createLinkFeeder', () => {
  it('keeps a bounded number of a host’s links in progress and starts the next as one settles', async () => {
    const items = Array.from({ length: 100 }, (_, i) => `a/${i}`);
    const feeder = createLinkFeeder(
      items,
      (item) => item.split('/')[0] ?? '',
      () => 2,
    );
    const { inProgress, started, check, finishOne } = controlledChecks();
    const run = feeder.run(check);
    expect(inProgress).toHaveLength(8);
    expect(feeder.backlogOf('a')).toBe(92);
    let most = 0;
    while (inProgress.length > 0) {
      most = Math.max(most, inProgress.length);
      await finishOne();
    }
    await run;
    expect(most).toBe(8);
    expect(started).toEqual(items);
    expect(feeder.backlogOf('a')).toBe(0);
  });

  it('feeds each host on its own: a slow host does not hold back another', async () => {
    const items = [
      ...Array.from({ length: 20 }, (_, i) => `slow/${i}`),
      ...Array.from({ length: 20 }, (_, i) => `fast/${i}`),
    ];
    const feeder = createLinkFeeder(
      items,
      (item) => item.split('/')[0] ?? '',
      () => 1,
    );
    const { started, check, finishOne, inProgress } = controlledChecks();
    const run = feeder.run(check);
    for (let i = 0; i < 20; i++) await finishOne('fast');
    expect(started.filter((s) => s.startsWith('fast'))).toHaveLength(20);
    expect(feeder.backlogOf('slow')).toBe(16);
    while (inProgress.length > 0) await finishOne();
    await run;
  });

  it('starts nothing new once aborted, and rejects with the first error after the rest settle', async () => {
    const controller = new AbortController();
    const items = Array.from({ length: 30 }, (_, i) => `a/${i}`);
    const feeder = createLinkFeeder(
      items,
      () => 'a',
      () => 1,
    );
    let started = 0;
    const run = feeder.run(async () => {
      started += 1;
      if (started === 2) {
        controller.abort();
        throw new Error('store full');
      }
    }, controller.signal);
    await expect(run).rejects.toThrow('store full');
    // The second check aborts while the first slots are being filled: nothing after it starts.
    expect(started).toBe(2);
  });

  it('bounds the links in progress over all hosts: one per host, the rest to the hosts with most left', async () => {
    const items = [
      ...Array.from({ length: 30 }, (_, i) => `a/${i}`),
      ...Array.from({ length: 20 }, (_, i) => `b/${i}`),
      ...Array.from({ length: 2 }, (_, i) => `c/${i}`),
    ];
    const feeder = createLinkFeeder(
      items,
      (item) => item.split('/')[0] ?? '',
      () => 1,
      3,
    );
    const { inProgress, started, check, finishOne } = controlledChecks();
    const perHost = () => ['a', 'b', 'c'].map((host) => inProgress.filter((p) => p.item.startsWith(`${host}/`)).length);
    const run = feeder.run(check);
    expect(perHost()).toEqual([4, 1, 1]);
    await finishOne('c');
    // Every host keeps one in progress, even at the bound.
    expect(perHost()).toEqual([4, 1, 1]);
    await finishOne('c');
    // The finished host's room goes to the one with most left under its own cap.
    expect(perHost()).toEqual([4, 2, 0]);
    let most = 0;
    while (inProgress.length > 0) {
      most = Math.max(most, inProgress.length);
      await finishOne();
    }
    await run;
    expect(most).toBe(6);
    expect([...started].sort()).toEqual([...items].sort());
  });

  it('keys links by the host their first request goes to', () => {
    expect(hostOfUrl('https://Example.org:8443/a?b')).toBe('example.org:8443');
    expect(hostOfUrl('not a url')).toBe('');
  });
});
