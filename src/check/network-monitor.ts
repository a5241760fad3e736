import type { NetworkState } from '../model/link-result.js';

export interface CanaryOutcome {
  url: string;
  ok: boolean;
  detail: string;
}

export interface NetworkMonitor {
  /**
   * Whether this machine reaches the network. Probes the canaries the first time it is asked
   * (callers ask on their first network-level failure) and answers from that probe after.
   */
  isOnline(): Promise<boolean>;
  /** Some server answered: the state can say online even if no canary was needed. */
  noteResponse(): void;
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

export function isNetworkLevelError(code: string): boolean {
  return NETWORK_LEVEL_CODES.has(code);
}

/**
 * Tells "this host is gone" from "we are offline". With no canaries configured it cannot
 * tell, and says online (the failures stand as they are) but `unknown` in its state.
 */
export function createNetworkMonitor(
  canaryUrls: readonly string[],
  probeCanary: (url: string) => Promise<CanaryOutcome>,
): NetworkMonitor {
  let probe: Promise<CanaryOutcome[]> | null = null;
  let canaries: CanaryOutcome[] = [];
  let offline = false;
  let responded = false;

  function probeOnce(): Promise<CanaryOutcome[]> {
    probe ??= Promise.all(canaryUrls.map(probeCanary)).then((outcomes) => {
      canaries = outcomes;
      offline = outcomes.length > 0 && outcomes.every((c) => !c.ok);
      return outcomes;
    });
    return probe;
  }

  return {
    async isOnline() {
      await probeOnce();
      return !offline;
    },
    noteResponse() {
      responded = true;
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
      if (canaries.some((c) => c.ok))
        return { state: 'online', message: 'network reachable (a canary answered)', canaries };
      if (responded) return { state: 'online', message: 'network reachable (servers answered)', canaries };
      return {
        state: 'unknown',
        message: 'network state unknown: nothing answered and no canary was probed',
        canaries,
      };
    },
  };
}
