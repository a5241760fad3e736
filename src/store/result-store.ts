import type { LinkResult } from '../model/link-result.js';

/** What the history of one link says across audits (for "rot confirmed over time"). */
export interface LinkHistory {
  key: string;
  /** First check in the current unbroken run of failures (rot verdicts), ISO; null when the last check did not fail. */
  failingSince: string | null;
  /** Number of audits in a row, ending with the newest, whose verdict was rot. */
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
  /** The newest result for a key, if any. Callers decide freshness. */
  latest(key: string): LinkResult | null;
  /** Records one finished check at once (durable before the call returns). */
  record(runId: number, result: LinkResult): void;
  /** Keys already recorded in this run (to resume an interrupted run without duplicates). */
  recordedInRun(runId: number): Set<string>;
  /** The newest run that did not complete, to resume. */
  lastInterruptedRun(): { runId: number; startedAt: string } | null;
  history(key: string): LinkHistory;
  close(): void;
}
