import type { ResultStore } from './result-store.js';

/** The meta key under which a run keeps what it was working on. */
const RESUME_KEY_META = 'resumeKey';

export interface RunHandle {
  runId: number;
  /** True when an interrupted run on the same work was picked up: its results are in `resultsInRun`. */
  resumed: boolean;
}

/**
 * Picks up the newest run when it was interrupted while doing the same work (same
 * `resumeKey`, e.g. a hash of the inputs and check options), else begins a new run. A run
 * interrupted on other work is left alone: its results still serve as cache and history.
 * The caller records into `runId` (skipping keys in `recordedInRun`) and finishes it.
 */
export function beginOrResumeRun(
  store: ResultStore,
  options: { startedAt: string; resumeKey: string; meta?: Record<string, unknown> },
): RunHandle {
  const interrupted = store.lastInterruptedRun();
  if (interrupted && interrupted.meta[RESUME_KEY_META] === options.resumeKey) {
    return { runId: interrupted.runId, resumed: true };
  }
  const meta = { ...options.meta, [RESUME_KEY_META]: options.resumeKey };
  return { runId: store.beginRun(options.startedAt, meta), resumed: false };
}
