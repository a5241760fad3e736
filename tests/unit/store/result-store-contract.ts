import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResultStore } from '../../../src/store/result-store.js';
import { isoAt, makeResult } from './make-result.js';

/**
 * The behaviour every ResultStore must have. Run against each implementation, so the memory
 * store used by tests and `--no-store` cannot drift from the SQLite one.
 */
export function describeResultStoreContract(name: string, openStore: () => ResultStore): void {
  describe(`${name}: ResultStore contract`, () => {
    let store: ResultStore;
    beforeEach(() => {
      store = openStore();
    });
    afterEach(() => {
      store.close();
    });

    it('returns the newest checked result for a key, ignoring results served from cache', () => {
      const first = store.beginRun(isoAt(0), {});
      store.record(first, makeResult('https://a.test/', 'broken', isoAt(0)));
      store.finishRun(first, isoAt(0.01), 'completed');
      const second = store.beginRun(isoAt(1), {});
      store.record(second, makeResult('https://a.test/', 'alive', isoAt(1)));
      store.record(second, makeResult('https://b.test/', 'alive', isoAt(1)));
      store.finishRun(second, isoAt(1.01), 'completed');
      const third = store.beginRun(isoAt(2), {});
      store.record(third, makeResult('https://a.test/', 'alive', isoAt(2), { fromCache: true }));

      expect(store.latest('https://a.test/')).toEqual(makeResult('https://a.test/', 'alive', isoAt(1)));
      expect(store.latest('https://nowhere.test/')).toBeNull();
    });

    it('orders by check time, not by recording order', () => {
      const run = store.beginRun(isoAt(0), {});
      store.record(run, makeResult('https://a.test/', 'alive', isoAt(3)));
      const older = store.beginRun(isoAt(0), {});
      store.record(older, makeResult('https://a.test/', 'broken', isoAt(1)));
      expect(store.latest('https://a.test/')?.verdict.kind).toBe('alive');
    });

    it('keeps one result per key and run: recording again replaces it', () => {
      const run = store.beginRun(isoAt(0), { inputs: ['doc.md'] });
      store.record(run, makeResult('https://a.test/', 'timeout', isoAt(0)));
      store.record(run, makeResult('https://b.test/', 'alive', isoAt(0)));
      store.record(run, makeResult('https://a.test/', 'broken', isoAt(0.1)));

      expect(store.recordedInRun(run)).toEqual(new Set(['https://a.test/', 'https://b.test/']));
      expect(store.resultsInRun(run).map((r) => [r.key, r.verdict.kind])).toEqual([
        ['https://a.test/', 'broken'],
        ['https://b.test/', 'alive'],
      ]);
      expect(store.history('https://a.test/').checks).toBe(1);
    });

    it('returns copies: mutating a returned result does not change the store', () => {
      const run = store.beginRun(isoAt(0), {});
      store.record(run, makeResult('https://a.test/', 'alive', isoAt(0)));
      const got = store.latest('https://a.test/')!;
      got.url = 'mutated';
      expect(store.latest('https://a.test/')?.url).toBe('https://a.test/');
    });

    it('refuses a result that does not match the schema, and a run that does not exist', () => {
      const run = store.beginRun(isoAt(0), {});
      const bad = { ...makeResult('https://a.test/', 'alive', isoAt(0)), checkedAt: 'yesterday' };
      expect(() => store.record(run, bad)).toThrow();
      expect(store.recordedInRun(run).size).toBe(0);
      expect(() => store.record(run + 100, makeResult('https://a.test/', 'alive', isoAt(0)))).toThrow();
      expect(() => store.finishRun(run + 100, isoAt(0), 'completed')).toThrow();
    });

    it('offers the newest run for resuming only while it is unfinished', () => {
      expect(store.lastInterruptedRun()).toBeNull();
      const first = store.beginRun(isoAt(0), { inputs: ['a.md'] });
      expect(store.lastInterruptedRun()).toEqual({ runId: first, startedAt: isoAt(0), meta: { inputs: ['a.md'] } });
      store.finishRun(first, isoAt(0.1), 'interrupted');
      expect(store.lastInterruptedRun()?.runId).toBe(first);
      store.finishRun(first, isoAt(0.2), 'completed');
      expect(store.lastInterruptedRun()).toBeNull();

      const stale = store.beginRun(isoAt(1), {});
      store.finishRun(stale, isoAt(1.1), 'interrupted');
      const done = store.beginRun(isoAt(2), {});
      store.finishRun(done, isoAt(2.1), 'completed');
      expect(store.lastInterruptedRun()).toBeNull();
    });

    it('resumes an interrupted run without duplicating what it finished', () => {
      const run = store.beginRun(isoAt(0), {});
      const keys = ['https://a.test/1', 'https://a.test/2', 'https://a.test/3'];
      for (const key of keys.slice(0, 2)) store.record(run, makeResult(key, 'alive', isoAt(0)));
      // The process dies here: no finishRun. The next run asks what to resume.
      const resume = store.lastInterruptedRun();
      expect(resume?.runId).toBe(run);
      const done = store.recordedInRun(run);
      for (const key of keys.filter((k) => !done.has(k))) store.record(run, makeResult(key, 'alive', isoAt(0.1)));
      store.finishRun(run, isoAt(0.2), 'completed');

      expect(store.resultsInRun(run).map((r) => r.key)).toEqual(keys);
      expect(store.lastInterruptedRun()).toBeNull();
    });

    it('computes the failure streak across runs, one audit per run', () => {
      const key = 'https://flaky.test/page';
      const audits = ['broken', 'alive', 'broken', 'timeout', 'soft-404', 'server-error'] as const;
      audits.forEach((kind, day) => {
        const run = store.beginRun(isoAt(day), {});
        store.record(run, makeResult(key, kind, isoAt(day)));
        store.finishRun(run, isoAt(day + 0.01), 'completed');
      });
      expect(store.history(key)).toEqual({
        key,
        failingSince: isoAt(2),
        consecutiveFailures: 3,
        lastOkAt: isoAt(1),
        lastCheckedAt: isoAt(5),
        checks: 6,
      });
      expect(store.history('https://never.test/')).toEqual({
        key: 'https://never.test/',
        failingSince: null,
        consecutiveFailures: 0,
        lastOkAt: null,
        lastCheckedAt: null,
        checks: 0,
      });
    });
  });
}
