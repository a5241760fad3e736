/**
 * Side effects every stage takes as parameters, so tests can pass a fake clock and
 * real loopback servers without global patches. Defaults come from here.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Waits `ms`, or rejects with the signal's reason when it is aborted first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };

export const systemSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** A DNS lookup with the shape of `dns.lookup(host, { all: true })`, promisified. */
export type LookupAll = (hostname: string) => Promise<Array<{ address: string; family: 4 | 6 }>>;
