/**
 * Links in progress per request slot of their host. A link in progress holds its whole check
 * (promise chain, URL, observation: a few KB); started all at once, 100k links cost about
 * 1 GB while waiting in their hosts' queues. A few per slot keep the host busy while some of
 * its links sleep in backoff or follow a redirect elsewhere.
 */
const LINKS_PER_HOST_SLOT = 4;

export interface LinkFeeder<T> {
  /** Links of `host` not started yet: work the scheduler cannot see in its queues. */
  backlogOf(host: string): number;
  /**
   * Runs `check` on every item, a bounded number per host at a time, starting the next of a
   * host's items as one of its checks settles; stops starting new ones once `signal` aborts.
   * Rejects with the first check's error once every started check has settled.
   */
  run(check: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void>;
}

interface HostFeed<T> {
  items: T[];
  next: number;
}

/** Feeds each host's links lazily, in their order, so memory grows with hosts, not links. */
export function createLinkFeeder<T>(
  items: readonly T[],
  hostOf: (item: T) => string,
  concurrencyOf: (host: string) => number,
): LinkFeeder<T> {
  const feeds = new Map<string, HostFeed<T>>();
  for (const item of items) {
    const host = hostOf(item);
    const feed = feeds.get(host);
    if (feed) feed.items.push(item);
    else feeds.set(host, { items: [item], next: 0 });
  }

  return {
    backlogOf(host) {
      const feed = feeds.get(host);
      return feed ? feed.items.length - feed.next : 0;
    },
    run(check, signal) {
      return new Promise<void>((resolve, reject) => {
        let running = 0;
        const errors: unknown[] = [];
        const settle = () => {
          if (running > 0) return;
          if (errors.length > 0) reject(errors[0]);
          else resolve();
        };
        const startNext = (feed: HostFeed<T>) => {
          const item = feed.items[feed.next];
          if (item === undefined || signal?.aborted) return false;
          feed.next += 1;
          running += 1;
          check(item)
            .catch((error: unknown) => {
              errors.push(error);
            })
            .finally(() => {
              running -= 1;
              startNext(feed);
              settle();
            });
          return true;
        };
        for (const [host, feed] of feeds) {
          const slots = LINKS_PER_HOST_SLOT * Math.max(1, concurrencyOf(host));
          for (let i = 0; i < slots && startNext(feed); i++);
        }
        settle();
      });
    },
  };
}

/** The host a link's first request goes to (the scheduler's key); '' for a URL that does not parse. */
export function hostOfUrl(url: string): string {
  return URL.canParse(url) ? new URL(url).host : '';
}
