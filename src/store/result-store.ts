import type { LinkResult } from '../model/link-result.js';

/** What the history of one link says across audits (for "rot confirmed over time"). */
export interface LinkHistory {
  key: string;
  /**
   * First check in the current unbroken run of failures (rot verdicts), ISO; null when no streak is open.
   * Inconclusive and skipped verdicts neither break nor extend a streak (see `computeLinkHistory`).
   */
  failingSince: string | null;
  /** Failing (rot) audits in the current streak, ending with the newest conclusive one. */
  consecutiveFailures: number;
  lastOkAt: string | null;
  lastCheckedAt: string | null;
  checks: number;
}

/**
 * Persistence of check results across runs. Implemented over SQLite in `sqlite-store.ts`;
 * an in-memory implementation serves tests and `--no-store`.
 */
export interface ResultStore {
  /** Starts an audit run; results recorded after this belong to it. Returns the run id. */
  beginRun(startedAt: string, meta: Record<string, unknown>): number;
  finishRun(runId: number, finishedAt: string, status: 'completed' | 'interrupted'): void;
  /** The newest result actually checked (not served from cache) for a key, if any. Callers decide freshness. */
  latest(key: string): LinkResult | null;
  /**
   * Records one finished check at once (durable before the call returns). Recording a key again in
   * the same run replaces its result, so a resumed run never holds a key twice.
   */
  record(runId: number, result: LinkResult): void;
  /** Keys already recorded in this run (to resume an interrupted run without duplicates). */
  recordedInRun(runId: number): Set<string>;
  /** Results recorded in this run, in recording order (a resumed run reports them without re-checking). */
  resultsInRun(runId: number): LinkResult[];
  /**
   * The newest run, when it did not complete (interrupted, or still marked running after a crash), to
   * resume; null when the newest run completed: an older interrupted run is stale by then.
   */
  lastInterruptedRun(): { runId: number; startedAt: string; meta: Record<string, unknown> } | null;
  history(key: string): LinkHistory;
  close(): void;
}
