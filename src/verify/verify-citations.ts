import pLimit from 'p-limit';
import { createHostScheduler, type HostLimits, type HostScheduler } from '../check/host-scheduler.js';
import { type Clock, type Sleep, systemClock, systemSleep } from '../deps.js';
import type { Citation } from '../model/citation.js';
import type { VerifyConfig } from '../model/config.js';
import type { SourceEvidence } from '../model/evidence.js';
import type { HttpClient } from '../model/http.js';
import { compareTexts } from './compare-texts.js';
import { fetchSource } from './fetch-source.js';
import { type EvidenceResult, findEvidence } from './find-evidence.js';
import { locateEvidence } from './locator.js';
import { matchTitle } from './match-title.js';
import { readSource } from './read-source.js';
import { indexSource, type SourceIndex } from './source-index.js';
import { joinSourceText, type Unreadable } from './source-text.js';
import { normalizeText } from './text.js';
import { checkTextFragment } from './text-fragment.js';

/** One citation to verify: the claim it backs, and where to read its source. */
export interface VerifyItem {
  citationId: string;
  claimText: string;
  citation: Citation;
  /** The URL to read: the live URL when alive, else the validated capture. */
  source: { url: string; from: 'live' | 'archive' };
  /** A second version (usually the capture near the reference date) to compare for drift. */
  compareWith?: { url: string };
}

/** The slice of a pino logger verify uses. */
export interface VerifyLogger {
  debug(details: Record<string, unknown>, message: string): void;
}

export interface VerifyDeps {
  http: HttpClient;
  signal?: AbortSignal;
  logger?: VerifyLogger;
  /** Sources fetched and parsed at once (default 4: PDF parsing is CPU-bound). */
  concurrency?: number;
  /**
   * Per-host politeness for every GET, redirect hops included: the checker's limits
   * (`limitsFor(config.check)`, host overrides and all), so reading sources is as polite as
   * checking them. Default: one request at a time per host, no interval.
   */
  hostLimits?: (host: string) => HostLimits;
  clock?: Clock;
  sleep?: Sleep;
}

const DEFAULT_CONCURRENCY = 4;
const ONE_AT_A_TIME: HostLimits = { concurrency: 1, intervalMs: 0 };

/** The client with each request waiting its turn at its own host, as the checker's do. */
function scheduleRequests(http: HttpClient, scheduler: HostScheduler): HttpClient {
  return {
    request: (req) => {
      const host = URL.canParse(req.url) ? new URL(req.url).host : req.url;
      return scheduler.run(host, () => http.request(req), req.signal);
    },
    close: () => http.close(),
  };
}

interface LoadedSource {
  kind: 'loaded';
  finalUrl: string;
  index: SourceIndex;
  /** Normalised full text, for text fragments and drift. */
  normalized: string;
}

type SourceLoader = (url: string) => Promise<LoadedSource | Unreadable>;

function createSourceLoader(config: VerifyConfig, deps: VerifyDeps): SourceLoader {
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const limit = pLimit(concurrency);
  const http = scheduleRequests(
    deps.http,
    createHostScheduler({
      globalConcurrency: concurrency,
      limitsFor: deps.hostLimits ?? (() => ONE_AT_A_TIME),
      clock: deps.clock ?? systemClock,
      sleep: deps.sleep ?? systemSleep,
    }),
  );
  // One fetch and one parse per URL per run, however many citations point at it.
  const loads = new Map<string, Promise<LoadedSource | Unreadable>>();
  const load = async (url: string): Promise<LoadedSource | Unreadable> => {
    const startedMs = performance.now();
    const fetched = await fetchSource(url, {
      http,
      maxBodyBytes: config.maxSourceBytes,
      maxRedirects: config.maxRedirects,
      signal: deps.signal,
    });
    if (fetched.kind === 'unreadable') return fetched;
    const source = await readSource(fetched.body, fetched.contentType, fetched.finalUrl, {
      maxSourceBytes: config.maxSourceBytes,
    });
    if (source.kind === 'unreadable') return source;
    const index = indexSource(source);
    deps.logger?.debug(
      { url, format: source.format, windows: index.windows.length, ms: Math.round(performance.now() - startedMs) },
      'source read',
    );
    return { kind: 'loaded', finalUrl: fetched.finalUrl, index, normalized: normalizeText(joinSourceText(source)) };
  };
  return (url) => {
    let pending = loads.get(url);
    if (!pending) {
      pending = limit(() => load(url));
      loads.set(url, pending);
    }
    return pending;
  };
}

type ReadSourceEvidence = Extract<SourceEvidence, { kind: 'read' }>;

async function verifyItem(item: VerifyItem, loadSource: SourceLoader): Promise<SourceEvidence> {
  const { url, from } = item.source;
  const loaded = await loadSource(url);
  if (loaded.kind === 'unreadable') return { ...loaded, sourceUrl: url, from };
  const source = loaded.index.source;
  const evidence: EvidenceResult = findEvidence(item.claimText, loaded.index);
  let drift: ReadSourceEvidence['drift'] = null;
  if (item.compareWith) {
    const other = await loadSource(item.compareWith.url);
    if (other.kind === 'loaded') {
      drift = { comparedUrl: item.compareWith.url, ...compareTexts(loaded.normalized, other.normalized) };
    }
  }
  return {
    kind: 'read',
    sourceUrl: url,
    finalUrl: loaded.finalUrl,
    from,
    contentType: source.contentType,
    pageCount: source.format === 'pdf' ? source.pages.length : null,
    titles: source.titles,
    titleMatch: matchTitle(item.citation.title, source.titles),
    verdict: evidence.verdict,
    score: evidence.score,
    passages: evidence.passages,
    signals: evidence.signals,
    locator: locateEvidence(item.claimText, loaded.index, item.citation.locator),
    textFragment: checkTextFragment(item.citation.fragment, loaded.normalized),
    drift,
  };
}

/**
 * Reads each citation's source (each URL fetched and parsed once per run) and says
 * whether it still backs the claim: evidence passages and verdict, title match, the
 * cited PDF page, the URL's text fragment, and drift against a second version.
 * A source that cannot be read is data (`kind: 'unreadable'`), never an exception;
 * only an aborted `deps.signal` rejects. With `config.enabled` false the map is empty.
 */
export async function verifyCitations(
  items: readonly VerifyItem[],
  config: VerifyConfig,
  deps: VerifyDeps,
): Promise<Map<string, SourceEvidence>> {
  if (!config.enabled) return new Map();
  const loadSource = createSourceLoader(config, deps);
  const results = await Promise.all(items.map((item) => verifyItem(item, loadSource)));
  return new Map(items.map((item, i) => [item.citationId, results[i] as SourceEvidence]));
}
