import { type Clock, type Sleep, systemClock, systemSleep } from '../deps.js';
import type { ArchivedRef } from '../model/citation.js';
import type { ArchiveConfig } from '../model/config.js';
import type { HttpClient } from '../model/http.js';
import type { ReferenceDate } from '../model/snapshot.js';
import { type ArchiveLimiter, createArchiveLimiter } from './archive-limiter.js';
import { type ArchiveLogger, type ArchiveRequester, createArchiveRequester } from './archive-requester.js';

export interface SnapshotRequest {
  /** Citation id; the result map is keyed by it. */
  id: string;
  url: string;
  archived: ArchivedRef | null;
  referenceDate: ReferenceDate | null;
}

export interface ArchiveDeps {
  http: HttpClient;
  clock?: Clock;
  sleep?: Sleep;
  logger?: ArchiveLogger;
  signal?: AbortSignal;
  /**
   * The run's one archive limiter. Pass the same one to `findSnapshots` and
   * `saveLiveSources` so rates, 429 pauses and the time budget are shared; each creates
   * its own (from `config`) when absent.
   */
  limiter?: ArchiveLimiter;
}

/** Anonymous Save Page Now captures allowed per minute (SPN2 docs); authenticated use may go higher. */
export const ANONYMOUS_SAVES_PER_MINUTE = 4;

/** Keys for Save Page Now from `CITECHECK_IA_ACCESS_KEY` / `CITECHECK_IA_SECRET_KEY`; null unless both are set. */
export interface SaveCredentials {
  accessKey: string;
  secretKey: string;
}

export function readSaveCredentials(env: Record<string, string | undefined>): SaveCredentials | null {
  const accessKey = env.CITECHECK_IA_ACCESS_KEY?.trim() ?? '';
  const secretKey = env.CITECHECK_IA_SECRET_KEY?.trim() ?? '';
  return accessKey !== '' && secretKey !== '' ? { accessKey, secretKey } : null;
}

/** The limiter for a run, with the save rate capped at the anonymous limit when no keys are set. */
export function createArchiveLimiterFor(
  config: ArchiveConfig,
  deps: { clock?: Clock; sleep?: Sleep },
  credentials: SaveCredentials | null = null,
): ArchiveLimiter {
  return createArchiveLimiter({
    searchPerMinute: config.searchPerMinute,
    fetchPerMinute: config.fetchPerMinute,
    savePerMinute: credentials ? config.savePerMinute : Math.min(config.savePerMinute, ANONYMOUS_SAVES_PER_MINUTE),
    budgetMs: config.timeoutMs,
    clock: deps.clock ?? systemClock,
    sleep: deps.sleep ?? systemSleep,
  });
}

/** The limiter and the rate-limited sender every archive call of one entry point goes through. */
export function openArchiveSession(
  config: ArchiveConfig,
  deps: ArchiveDeps,
  credentials: SaveCredentials | null = null,
): { limiter: ArchiveLimiter; send: ArchiveRequester; clock: Clock } {
  const clock = deps.clock ?? systemClock;
  const limiter = deps.limiter ?? createArchiveLimiterFor(config, deps, credentials);
  const send = createArchiveRequester({
    http: deps.http,
    limiter,
    clock,
    requestTimeoutMs: config.requestTimeoutMs,
    logger: deps.logger ?? null,
    signal: deps.signal ?? null,
  });
  return { limiter, send, clock };
}
