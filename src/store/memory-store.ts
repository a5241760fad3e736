import { type LinkResult, LinkResultSchema } from '../model/link-result.js';
import { computeLinkHistory } from './link-history.js';
import type { LinkHistory, ResultStore } from './result-store.js';

interface MemoryRun {
  startedAt: string;
  meta: Record<string, unknown>;
  status: 'running' | 'completed' | 'interrupted';
  /** Key to result; a Map keeps first-recording order, like the SQLite row ids. */
  results: Map<string, { result: LinkResult; seq: number }>;
}

/**
 * A `ResultStore` that lives as long as the process: tests and `--no-store`.
 * Same semantics as the SQLite store, checked by the shared contract suite.
 */
export function createMemoryStore(): ResultStore {
  const runs = new Map<number, MemoryRun>();
  let nextRunId = 1;
  let nextSeq = 1;

  const runOrThrow = (runId: number): MemoryRun => {
    const run = runs.get(runId);
    if (!run) throw new Error(`result store: no run ${runId}`);
    return run;
  };
  /** Every recorded result for a key, oldest first (check time, then recording order). */
  const resultsFor = (key: string): LinkResult[] =>
    [...runs.values()]
      .flatMap((run) => {
        const entry = run.results.get(key);
        return entry ? [entry] : [];
      })
      .sort((a, b) => Date.parse(a.result.checkedAt) - Date.parse(b.result.checkedAt) || a.seq - b.seq)
      .map((entry) => entry.result);

  return {
    beginRun(startedAt, meta) {
      const runId = nextRunId++;
      runs.set(runId, { startedAt, meta: structuredClone(meta), status: 'running', results: new Map() });
      return runId;
    },
    finishRun(runId, _finishedAt, status) {
      runOrThrow(runId).status = status;
    },
    latest(key) {
      const fresh = resultsFor(key).filter((result) => !result.fromCache);
      const newest = fresh.at(-1);
      return newest ? structuredClone(newest) : null;
    },
    record(runId, result) {
      const run = runOrThrow(runId);
      const parsed = LinkResultSchema.parse(result);
      const seq = run.results.get(parsed.key)?.seq ?? nextSeq++;
      run.results.set(parsed.key, { result: structuredClone(parsed), seq });
    },
    recordedInRun(runId) {
      return new Set(runs.get(runId)?.results.keys());
    },
    resultsInRun(runId) {
      return [...(runs.get(runId)?.results.values() ?? [])].map((entry) => structuredClone(entry.result));
    },
    lastInterruptedRun() {
      const newestId = Math.max(0, ...runs.keys());
      const newest = runs.get(newestId);
      if (!newest || newest.status === 'completed') return null;
      return { runId: newestId, startedAt: newest.startedAt, meta: structuredClone(newest.meta) };
    },
    history(key): LinkHistory {
      return computeLinkHistory(key, resultsFor(key));
    },
    close() {
      runs.clear();
    },
  };
}
