import type { Clock, Sleep } from '../deps.js';

export interface HostLimits {
  /** Requests to the host in flight at once. */
  concurrency: number;
  /** Least time between two request starts to the host. */
  intervalMs: number;
}

export interface HostScheduler {
  /**
   * Runs `task` once the run has a free slot, `host` has a free slot, the host's interval since
   * its last start has passed and no pause holds it. Rejects with the signal's reason when
   * aborted while waiting.
   */
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Holds new requests to `host` until `untilMs` (Retry-After, 429), leaving other hosts alone. */
  pauseHost(host: string, untilMs: number): void;
}

export interface HostSchedulerOptions {
  globalConcurrency: number;
  limitsFor: (host: string) => HostLimits;
  clock: Clock;
  sleep: Sleep;
}

interface Waiter {
  start: () => void;
}

interface HostState {
  limits: HostLimits;
  /** False until the host's first request has returned (see `pump`). */
  warmedUp: boolean;
  active: number;
  lastStartMs: number;
  pausedUntilMs: number;
  queue: Waiter[];
  pumping: boolean;
  /** Wakes the pump when one of this host's requests finishes. */
  wake: (() => void) | null;
}

/**
 * Per-host politeness with a global cap. Each host has a FIFO queue drained by one pump, so
 * the interval is kept between starts however many links wait, and a paused host only
 * stalls its own queue.
 */
export function createHostScheduler(options: HostSchedulerOptions): HostScheduler {
  const { clock, sleep } = options;
  const hosts = new Map<string, HostState>();
  let globalActive = 0;
  /** Pumps waiting for a global slot, woken one per freed slot. */
  const globalWaiters: Array<{ state: HostState; resume: () => void }> = [];

  function stateOf(host: string): HostState {
    let state = hosts.get(host);
    if (!state) {
      state = {
        limits: options.limitsFor(host),
        warmedUp: false,
        active: 0,
        lastStartMs: Number.NEGATIVE_INFINITY,
        pausedUntilMs: 0,
        queue: [],
        pumping: false,
        wake: null,
      };
      hosts.set(host, state);
    }
    return state;
  }

  /** The waiting host with the most work left: the busiest host bounds the run's wall time. */
  function bestGlobalWaiter(): number {
    let best = -1;
    for (let i = 0; i < globalWaiters.length; i++) {
      const length = globalWaiters[i]?.state.queue.length ?? 0;
      if (best < 0 || length > (globalWaiters[best]?.state.queue.length ?? 0)) best = i;
    }
    return best;
  }

  /** Hands a free global slot to the best waiting host (one wake per slot, not a stampede). */
  function offerGlobalSlot(): void {
    if (globalActive >= options.globalConcurrency) return;
    const best = bestGlobalWaiter();
    if (best >= 0) globalWaiters.splice(best, 1)[0]?.resume();
  }

  function release(state: HostState): void {
    state.warmedUp = true;
    state.active -= 1;
    globalActive -= 1;
    const wake = state.wake;
    state.wake = null;
    const best = bestGlobalWaiter();
    const rival = globalWaiters[best];
    // A busier waiting host gets the slot first; this host's pump, woken after it, then waits its turn.
    if (rival && (!wake || rival.state.queue.length > state.queue.length)) {
      globalWaiters.splice(best, 1);
      rival.resume();
    }
    wake?.();
  }

  async function pump(state: HostState): Promise<void> {
    if (state.pumping) return;
    state.pumping = true;
    /** Woken for a global slot: if this pump does not use it, the next host must get it. */
    let offered = false;
    const declineSlot = () => {
      if (offered) offerGlobalSlot();
      offered = false;
    };
    try {
      while (state.queue.length > 0) {
        // A host's first request goes alone: until it returns, connection set-up time (DNS, TCP,
        // TLS) is unknown, and a second request started meanwhile could catch up with it and
        // arrive back to back, however far apart the two were started.
        const concurrency = state.warmedUp ? state.limits.concurrency : 1;
        if (state.active >= concurrency) {
          declineSlot();
          await new Promise<void>((resolve) => {
            state.wake = resolve;
          });
          continue;
        }
        const waitMs = Math.max(state.lastStartMs + state.limits.intervalMs, state.pausedUntilMs) - clock.now();
        if (waitMs > 0) {
          declineSlot();
          // Re-evaluated after the wait: a pause may have been extended meanwhile.
          await sleep(waitMs);
          continue;
        }
        if (globalActive >= options.globalConcurrency) {
          offered = false;
          await new Promise<void>((resolve) => globalWaiters.push({ state, resume: resolve }));
          offered = true;
          continue;
        }
        const waiter = state.queue.shift();
        if (!waiter) break;
        offered = false;
        state.active += 1;
        globalActive += 1;
        state.lastStartMs = clock.now();
        waiter.start();
      }
    } finally {
      declineSlot();
      state.pumping = false;
    }
  }

  function run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const state = stateOf(host);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        const index = state.queue.indexOf(waiter);
        if (index >= 0) state.queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => release(state));
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      state.queue.push(waiter);
      void pump(state);
    });
  }

  return {
    run,
    pauseHost(host, untilMs) {
      const state = stateOf(host);
      state.pausedUntilMs = Math.max(state.pausedUntilMs, untilMs);
    },
  };
}
