import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { beginOrResumeRun } from '../../../src/store/resume-run.js';
import { isoAt, makeResult } from './make-result.js';

describe('beginOrResumeRun', () => {
  it('resumes the interrupted run on the same work, and only that', () => {
    const store = createMemoryStore();
    const first = beginOrResumeRun(store, { startedAt: isoAt(0), resumeKey: 'docs-v1', meta: { inputs: ['a.md'] } });
    expect(first.resumed).toBe(false);
    store.record(first.runId, makeResult('https://a.test/', 'alive', isoAt(0)));
    store.finishRun(first.runId, isoAt(0.1), 'interrupted');

    const again = beginOrResumeRun(store, { startedAt: isoAt(1), resumeKey: 'docs-v1' });
    expect(again).toEqual({ runId: first.runId, resumed: true });
    expect(store.recordedInRun(again.runId)).toEqual(new Set(['https://a.test/']));
    expect(store.lastInterruptedRun()?.meta).toEqual({ inputs: ['a.md'], resumeKey: 'docs-v1' });
  });

  it('begins a new run when the interrupted one was on other work, or when the last run completed', () => {
    const store = createMemoryStore();
    const other = beginOrResumeRun(store, { startedAt: isoAt(0), resumeKey: 'docs-v1' });
    store.finishRun(other.runId, isoAt(0.1), 'interrupted');
    const fresh = beginOrResumeRun(store, { startedAt: isoAt(1), resumeKey: 'docs-v2' });
    expect(fresh.resumed).toBe(false);
    expect(fresh.runId).not.toBe(other.runId);
    store.finishRun(fresh.runId, isoAt(1.1), 'completed');
    expect(beginOrResumeRun(store, { startedAt: isoAt(2), resumeKey: 'docs-v2' }).resumed).toBe(false);
  });
});
