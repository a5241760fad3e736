import type { Logger } from 'pino';
import { type Clock, type LookupAll, type Sleep, systemClock, systemSleep } from '../deps.js';
import type { CheckConfig } from '../model/config.js';
import type { HttpClient } from '../model/http.js';
import { isLive, type LinkResult, type LinkTarget, type LinkVerdict, type NetworkState } from '../model/link-result.js';
import type { ResultStore } from '../store/result-store.js';
import { createAbortFanout } from './abort-fanout.js';
import { checkLink, fetchProbe, type LinkCheckContext } from './check-link.js';
import { createObservation, evidenceOf } from './classify.js';
import { limitsFor } from './host-policy.js';
import { createHostScheduler } from './host-scheduler.js';
import { createHttpClient, httpClientOptionsFrom } from './http-client.js';
import { createLinkFeeder, EXTRA_LINKS_PER_GLOBAL_SLOT, hostOfUrl } from './link-feeder.js';
import { type CanaryOutcome, createNetworkMonitor } from './network-monitor.js';
import { createSoft404Prober } from './soft404-probe.js';
import { createInterner } from './string-interner.js';
import { createUrlFilter } from './url-filter.js';

export { createAddressGuard } from './address-guard.js';
export { limitsFor } from './host-policy.js';
export { createHostScheduler, type HostLimits, type HostScheduler } from './host-scheduler.js';
export {
  type Connector,
  createHttpClient,
  type HttpClientDeps,
  type HttpClientOptions,
  httpClientOptionsFrom,
  lookupWithSystemResolver,
} from './http-client.js';
export { extractTitle, judgePage, type PageJudgement, type PageObservation } from './page-rules.js';

/** One unique link to check. */
export type CheckTarget = LinkTarget;

export interface CheckDeps {
  /** Without it a client is built from the config (and closed at the end), using `lookup`. */
  http?: HttpClient;
  clock?: Clock;
  sleep?: Sleep;
  lookup?: LookupAll;
  store?: ResultStore;
  /** Record into this run (the caller owns it, e.g. resuming); without it a run is begun and finished here. */
  runId?: number;
  logger?: Pick<Logger, 'debug' | 'warn'>;
  signal?: AbortSignal;
  /** Jitter source for backoff and the soft-404 probe's random path. */
  random?: () => number;
  onResult?: (result: LinkResult, done: number, total: number) => void;
}

export interface CheckRun {
  /** In the order of the targets; links dropped by an interrupt are absent. */
  results: LinkResult[];
  network: NetworkState;
  interrupted: boolean;
}

/** Without a logger nothing is logged (and pino is not loaded for it). */
const SILENT_LOGGER: Pick<Logger, 'debug' | 'warn'> = { debug: () => {}, warn: () => {} };
/** Distinct content types kept as one shared string each; a run rarely sees more than a few dozen. */
const MAX_INTERNED_VALUES = 1024;

/** Canaries must answer fast: the whole offline verdict has to land within seconds. */
const CANARY_TIMEOUT_MS = 5_000;

/**
 * A stored result worth reusing: fresh, and live (`alive`, `redirected`). Inconclusive
 * verdicts say nothing about the link. Rot is looked at afresh every run: it is what fails
 * a run and what `confirmRuns` counts, so a reused 404 would confirm nothing, and a passing
 * outage (404 during a deploy, a 5xx) must not stick for a day. Live links are the bulk of
 * a run, so skipping them is where the cache saves time.
 */
function isReusable(result: LinkResult, nowMs: number, ttlMs: number): boolean {
  return isLive(result.verdict) && nowMs - Date.parse(result.checkedAt) < ttlMs;
}

async function probeCanary(ctx: LinkCheckContext, url: string): Promise<CanaryOutcome> {
  const timeout = AbortSignal.timeout(Math.min(CANARY_TIMEOUT_MS, ctx.config.totalTimeoutMs));
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  try {
    const res = await ctx.http.request({ url, method: 'HEAD', signal });
    return { url, ok: true, detail: `answered ${res.status}` };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { url, ok: false, detail: typeof code === 'string' ? code : String(error) };
  }
}

/**
 * Checks each unique link key once, politely per host, and says whether the network itself
 * was reachable. With a store, fresh conclusive results are reused and every finished result
 * is recorded at once, so an interrupted run keeps what it did.
 */
export async function checkLinks(targets: CheckTarget[], config: CheckConfig, deps: CheckDeps = {}): Promise<CheckRun> {
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? systemSleep;
  const logger = deps.logger ?? SILENT_LOGGER;
  const { store } = deps;
  // A run-level fault (a store that stops taking results) stops every check in flight through
  // this controller, so the client is closed only once nothing uses it any more.
  const stop = new AbortController();
  const signal = deps.signal ? AbortSignal.any([deps.signal, stop.signal]) : stop.signal;
  const faults: unknown[] = [];
  const failRun = (error: unknown) => {
    faults.push(error);
    stop.abort(error);
  };
  const http = deps.http ?? createHttpClient(httpClientOptionsFrom(config), deps.lookup ? { lookup: deps.lookup } : {});
  const unique = [...new Map(targets.map((t) => [t.key, t])).values()];
  const order = new Map(unique.map((t, i) => [t.key, i]));
  const isChecked = createUrlFilter(config.include, config.exclude);

  const hostLimits = limitsFor(config);
  const feeder = createLinkFeeder(
    unique,
    (t) => hostOfUrl(t.url),
    (host) => hostLimits(host).concurrency,
    EXTRA_LINKS_PER_GLOBAL_SLOT * config.concurrency,
  );
  const scheduler = createHostScheduler({
    globalConcurrency: config.concurrency,
    limitsFor: hostLimits,
    backlogOf: feeder.backlogOf,
    clock,
    sleep,
  });
  const ctx: LinkCheckContext = {
    config,
    http,
    scheduler,
    network: createNetworkMonitor({
      canaryUrls: config.canaryUrls,
      probeCanary: (url) => probeCanary(ctx, url),
      sleep,
    }),
    prober: null,
    clock,
    sleep,
    random: deps.random ?? Math.random,
    signal,
    aborts: createAbortFanout(),
    intern: createInterner(MAX_INTERNED_VALUES),
  };
  if (config.soft404Probe) ctx.prober = createSoft404Prober((url) => fetchProbe(url, ctx), ctx.random);

  const ownsRun = store !== undefined && deps.runId === undefined;
  const runId =
    deps.runId ?? store?.beginRun(new Date(clock.now()).toISOString(), { stage: 'check', links: unique.length });
  const resumed = new Map(
    store && deps.runId !== undefined ? store.resultsInRun(deps.runId).map((r) => [r.key, r]) : [],
  );

  const results: LinkResult[] = [];
  const finish = (result: LinkResult) => {
    results.push(result);
    if (store && runId !== undefined && !resumed.has(result.key)) store.record(runId, result);
    deps.onResult?.(result, results.length, unique.length);
    logger.debug({ key: result.key, verdict: result.verdict.kind, rule: result.verdict.evidence.rule }, 'link checked');
  };

  const checkOne = async (target: CheckTarget): Promise<void> => {
    const previous = resumed.get(target.key) ?? (config.cache ? store?.latest(target.key) : null);
    if (previous && (resumed.has(target.key) || isReusable(previous, clock.now(), config.cacheTtlMs))) {
      finish({ ...previous, key: target.key, url: target.url, fromCache: true });
      return;
    }
    const checkedAt = new Date(clock.now()).toISOString();
    const filtered = isChecked(target.url);
    const verdict: LinkVerdict = filtered.checked
      ? await checkLink(target.url, ctx)
      : {
          kind: 'skipped',
          skipReason: 'excluded',
          reason: `excluded: ${filtered.pattern}`,
          evidence: evidenceOf(createObservation(), 'excluded'),
        };
    finish({ key: target.key, url: target.url, checkedAt, fromCache: false, verdict });
  };

  try {
    await feeder.run(
      (target) =>
        checkOne(target).catch((error: unknown) => {
          // An interrupt drops the links in flight; anything else (a store fault, a bug) stops the run.
          if (!signal.aborted) failRun(error);
        }),
      signal,
    );
  } finally {
    if (!deps.http) await http.close();
  }
  if (faults.length > 0) throw faults[0];
  const interrupted = deps.signal?.aborted ?? false;
  if (ownsRun && store && runId !== undefined) {
    store.finishRun(runId, new Date(clock.now()).toISOString(), interrupted ? 'interrupted' : 'completed');
  }
  results.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
  const offlineLinks = results.filter((r) => r.verdict.kind === 'offline').length;
  const network = ctx.network.describe(offlineLinks);
  if (network.state === 'offline') logger.warn({ canaries: network.canaries }, network.message);
  return { results, network, interrupted };
}
