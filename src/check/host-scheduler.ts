import type { Clock, Sleep } from '../deps.js';
import { createAbortFanout } from './abort-fanout.js';

export interface HostLimits {
  /** Requests to the host in flight at once. */
  concurrency: number;
  /** Least time between two request starts to the host. */
  intervalMs: number;
}

export interface RunOptions {
  /**
   * The task calls its `sent` argument when its request is actually on the wire (the HTTP
   * client's `onSent`). Until then no other request to the host starts, and the interval is
   * measured from that moment: a request handed over before an event-loop stall and written
   * after it would otherwise go out back to back with the next one.
   */
  reportsSend?: boolean;
}

export interface HostScheduler {
  /**
   * Runs `task` once the run has a free slot, `host` has a free slot, the host's interval since
   * its last start has passed and no pause holds it. Rejects with the signal's reason when
   * aborted while waiting.
   */
  run<T>(host: string, task: (sent: () => void) => Promise<T>, signal?: AbortSignal, options?: RunOptions): Promise<T>;
  /** Holds new requests to `host` until `untilMs` (Retry-After, 429), leaving other hosts alone. */
  pauseHost(host: string, untilMs: number): void;
}

export interface HostSchedulerOptions {
  globalConcurrency: number;
  limitsFor: (host: string) => HostLimits;
  clock: Clock;
  sleep: Sleep;
  /** Work for `host` not yet queued here (links fed lazily); it counts when freed slots are shared out. */
  backlogOf?: (host: string) => number;
}

interface Waiter {
  start: () => void;
}

interface HostState {
  host: string;
  limits: HostLimits;
  /** False until the host's first request has returned (see `pump`). */
  warmedUp: boolean;
  active: number;
  /** Requests started that report their send and have not yet gone out. */
  unsent: number;
  lastStartMs: number;
  pausedUntilMs: number;
  queue: Waiter[];
  pumping: boolean;
  /** Wakes the pump when one of this host's requests goes out or finishes. */
  wake: (() => void) | null;
}

/**
 * Per-host politeness with a global cap. Each host has a FIFO queue drained by one pump, so
 * the interval is kept between starts however many links wait, and a paused host only
 * stalls its own queue.
 */
export function createHostScheduler(options: HostSchedulerOptions): HostScheduler {
  const { clock, sleep } = options;
  const backlogOf = options.backlogOf ?? (() => 0);
  const hosts = new Map<string, HostState>();
  let globalActive = 0;
  /** Pumps waiting for a global slot, woken one per freed slot. */
  const globalWaiters: Array<{ state: HostState; resume: () => void }> = [];
  /** One abort listener per signal, however many waiters share it. */
  const aborts = createAbortFanout();

  function stateOf(host: string): HostState {
    let state = hosts.get(host);
    if (!state) {
      state = {
        host,
        limits: options.limitsFor(host),
        warmedUp: false,
        active: 0,
        unsent: 0,
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

  function wakePump(state: HostState): void {
    const wake = state.wake;
    state.wake = null;
    wake?.();
  }

  function workLeft(state: HostState): number {
    return state.queue.length + backlogOf(state.host);
  }

  /** The waiting host with the most work left: the busiest host bounds the run's wall time. */
  function bestGlobalWaiter(): number {
    let best = -1;
    let bestWork = -1;
    for (let i = 0; i < globalWaiters.length; i++) {
      const waiter = globalWaiters[i];
      const work = waiter ? workLeft(waiter.state) : -1;
      if (work > bestWork) {
        best = i;
        bestWork = work;
      }
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
    const ownPumpWaits = state.wake !== null;
    const best = bestGlobalWaiter();
    const rival = globalWaiters[best];
    // A busier waiting host gets the slot first; this host's pump, woken after it, then waits its turn.
    if (rival && (!ownPumpWaits || workLeft(rival.state) > workLeft(state))) {
      globalWaiters.splice(best, 1);
      rival.resume();
    }
    wakePump(state);
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
        if (state.active >= concurrency || state.unsent > 0) {
          declineSlot();
          await new Promise<void>((resolve) => {
            state.wake = resolve;
          });
          continue;
        }
        // Measured again after every wait: a timer may fire late, a send may move the last start.
        const waitMs = Math.max(state.lastStartMs + state.limits.intervalMs, state.pausedUntilMs) - clock.now();
        if (waitMs > 0) {
          declineSlot();
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

  function run<T>(
    host: string,
    task: (sent: () => void) => Promise<T>,
    signal?: AbortSignal,
    runOptions: RunOptions = {},
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const state = stateOf(host);
    return new Promise<T>((resolve, reject) => {
      const unwatch = signal
        ? aborts.watch(signal, (reason) => {
            const index = state.queue.indexOf(waiter);
            if (index >= 0) state.queue.splice(index, 1);
            reject(reason);
          })
        : null;
      const waiter: Waiter = {
        start: () => {
          unwatch?.();
          let pendingSend = runOptions.reportsSend === true;
          if (pendingSend) state.unsent += 1;
          const settleSend = (sentAtMs: number | null) => {
            if (!pendingSend) return;
            pendingSend = false;
            state.unsent -= 1;
            if (sentAtMs !== null) state.lastStartMs = Math.max(state.lastStartMs, sentAtMs);
            wakePump(state);
          };
          Promise.resolve()
            .then(() => task(() => settleSend(clock.now())))
            .then(resolve, reject)
            .finally(() => {
              // Never sent (refused, failed to connect): the host's next start need not wait for it.
              settleSend(null);
              release(state);
            });
        },
      };
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
