import type { Sleep } from '../deps.js';
import type { NetworkState } from '../model/link-result.js';

export interface CanaryOutcome {
  url: string;
  ok: boolean;
  detail: string;
}

export interface NetworkMonitor {
  /**
   * Waits until a request may go out, and returns its release. Until something has answered
   * (or the canaries have spoken) only a few requests go out: when the machine is offline,
   * a burst of lookups would only queue up in the resolver and slow the verdict down.
   */
  admit(): Promise<() => void>;
  /** A server answered (or at least was reached): the network works. */
  noteReachable(): void;
  /**
   * Whether this machine reaches the network. Probes the canaries the first time it is asked
   * (callers ask on a network-level failure) and answers from that probe after.
   */
  isOnline(): Promise<boolean>;
  /** True once the canaries all failed: links not yet checked need no request at all. */
  readonly offline: boolean;
  /** The run's network state; `offlineLinks` is how many links it could not check. */
  describe(offlineLinks: number): NetworkState;
}

/**
 * Transport codes that say "this machine cannot reach anything" as readily as "this host is
 * gone": only a canary can tell which.
 */
const NETWORK_LEVEL_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Requests in flight while nothing has answered yet. */
const WARMUP_REQUESTS = 4;
/** When the warm-up requests hang (a black-holed network), probe the canaries after this long. */
const WARMUP_PROBE_DELAY_MS = 2_000;

export function isNetworkLevelError(code: string): boolean {
  return NETWORK_LEVEL_CODES.has(code);
}

export interface NetworkMonitorOptions {
  canaryUrls: readonly string[];
  probeCanary: (url: string) => Promise<CanaryOutcome>;
  sleep: Sleep;
}

/**
 * Tells "this host is gone" from "we are offline". The canaries decide, not the links that
 * happened to answer: an intranet host answering says nothing about the public web. With no
 * canaries configured it cannot tell, and failures stand as they are.
 */
export function createNetworkMonitor(options: NetworkMonitorOptions): NetworkMonitor {
  let probe: Promise<void> | null = null;
  let canaries: CanaryOutcome[] = [];
  let offline = false;
  let reachable = false;
  let known = false;
  let warmupActive = 0;
  let warmupTimer: AbortController | null = null;
  const waiting: Array<() => void> = [];

  function learn(): void {
    known = true;
    warmupTimer?.abort();
    for (const admitNext of waiting.splice(0)) admitNext();
  }

  function probeOnce(): Promise<void> {
    probe ??= Promise.all(options.canaryUrls.map(options.probeCanary)).then((outcomes) => {
      canaries = outcomes;
      offline = outcomes.length > 0 && outcomes.every((c) => !c.ok);
      learn();
    });
    return probe;
  }

  /** Hands the freed warm-up slot straight to the next waiter, so none can jump the queue. */
  const releaseWarmup = () => {
    warmupActive -= 1;
    const next = known ? undefined : waiting.shift();
    if (next) {
      warmupActive += 1;
      next();
    }
  };

  return {
    async admit() {
      if (known) return () => {};
      if (warmupActive >= WARMUP_REQUESTS) {
        if (!warmupTimer) {
          warmupTimer = new AbortController();
          options.sleep(WARMUP_PROBE_DELAY_MS, warmupTimer.signal).then(
            () => probeOnce(),
            () => {}, // cancelled: the network state became known first
          );
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
        return known ? () => {} : releaseWarmup;
      }
      warmupActive += 1;
      return releaseWarmup;
    },
    noteReachable() {
      reachable = true;
      if (!known) learn();
    },
    async isOnline() {
      await probeOnce();
      return !offline;
    },
    get offline() {
      return offline;
    },
    describe(offlineLinks) {
      if (offline) {
        const noun = offlineLinks === 1 ? 'link' : 'links';
        return {
          state: 'offline',
          message: `network unreachable: ${offlineLinks} ${noun} could not be checked`,
          canaries,
        };
      }
      if (reachable || canaries.some((c) => c.ok)) {
        return { state: 'online', message: 'network reachable', canaries };
      }
      return { state: 'unknown', message: 'network state unknown: nothing was reached', canaries };
    },
  };
}
