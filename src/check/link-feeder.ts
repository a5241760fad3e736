/**
 * Links in progress per request slot of their host. A link in progress holds its whole check
 * (promise chain, URL, observation: a few KB); started all at once, 100k links cost about
 * 1 GB while waiting in their hosts' queues. A few per slot keep the host busy while some of
 * its links sleep in backoff or follow a redirect elsewhere.
 */
const LINKS_PER_HOST_SLOT = 4;
/** Links in progress per global request slot, beyond one per host (see `createLinkFeeder`). */
export const EXTRA_LINKS_PER_GLOBAL_SLOT = 4;

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
  running: number;
  /** Most links of this host in progress at once. */
  cap: number;
}

function backlog(feed: HostFeed<unknown>): number {
  return feed.items.length - feed.next;
}

/**
 * Feeds each host's links lazily, in their order, so memory grows with hosts, not links.
 * Every host keeps one link in progress (the scheduler sees every host's work, as if all were
 * queued); `extraInProgress` more are shared out to the hosts with the most links left, which
 * bound the run. Links that wait long in a queue outlive the young generation's collections
 * and die in the old one: with 1000 hosts, 8 each was 8000 checks waiting for 64 slots.
 */
export function createLinkFeeder<T>(
  items: readonly T[],
  hostOf: (item: T) => string,
  concurrencyOf: (host: string) => number,
  extraInProgress = Number.POSITIVE_INFINITY,
): LinkFeeder<T> {
  const feeds = new Map<string, HostFeed<T>>();
  for (const item of items) {
    const host = hostOf(item);
    const feed = feeds.get(host);
    if (feed) feed.items.push(item);
    else
      feeds.set(host, {
        items: [item],
        next: 0,
        running: 0,
        cap: LINKS_PER_HOST_SLOT * Math.max(1, concurrencyOf(host)),
      });
  }

  const maxInProgress = feeds.size + extraInProgress;

  return {
    backlogOf(host) {
      const feed = feeds.get(host);
      return feed ? backlog(feed) : 0;
    },
    run(check, signal) {
      return new Promise<void>((resolve, reject) => {
        let running = 0;
        const errors: unknown[] = [];
        /** Hosts with links not started yet, most first (as started at first; refilled in that order). */
        let waiting = [...feeds.values()].sort((a, b) => backlog(b) - backlog(a));
        const settle = () => {
          if (running > 0) return;
          if (errors.length > 0) reject(errors[0]);
          else resolve();
        };
        const start = (feed: HostFeed<T>) => {
          const item = feed.items[feed.next] as T;
          feed.next += 1;
          feed.running += 1;
          running += 1;
          check(item)
            .catch((error: unknown) => {
              errors.push(error);
            })
            .finally(() => {
              feed.running -= 1;
              running -= 1;
              if (!feedHost(feed)) topUp();
              settle();
            });
        };
        /** The host's own next link: always its first, within the caps after that. */
        const feedHost = (feed: HostFeed<T>): boolean => {
          if (signal?.aborted || backlog(feed) === 0) return false;
          if (feed.running > 0 && (feed.running >= feed.cap || running >= maxInProgress)) return false;
          start(feed);
          return true;
        };
        /** Room left under `maxInProgress` goes to the hosts with most links left. */
        const topUp = () => {
          if (running >= maxInProgress || signal?.aborted) return;
          waiting = waiting.filter((feed) => backlog(feed) > 0);
          for (const feed of waiting) {
            while (feed.running < feed.cap && running < maxInProgress && backlog(feed) > 0 && !signal?.aborted) {
              start(feed);
            }
            if (running >= maxInProgress) return;
          }
        };
        for (const feed of waiting) feedHost(feed);
        topUp();
        settle();
      });
    },
  };
}

/** The host a link's first request goes to (the scheduler's key); '' for a URL that does not parse. */
export function hostOfUrl(url: string): string {
  return URL.canParse(url) ? new URL(url).host : '';
}
