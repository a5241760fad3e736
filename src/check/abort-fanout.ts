export interface AbortFanout {
  /**
   * Calls `onAbort` with the signal's reason when `signal` aborts; returns the way to stop
   * watching. However many watch one signal, it carries a single listener.
   */
  watch(signal: AbortSignal, onAbort: (reason: unknown) => void): () => void;
}

/**
 * One abort listener per signal for many waiters. A run's signal is watched by every
 * queued request, request in flight and backoff at once; one listener each makes Node print
 * `MaxListenersExceededWarning` past 10, and adding and removing them costs per request.
 */
interface Group {
  callbacks: Set<(reason: unknown) => void>;
  onAbort: () => void;
}

export function createAbortFanout(): AbortFanout {
  const groups = new Map<AbortSignal, Group>();
  const listenTo = (signal: AbortSignal): Group => {
    const callbacks = new Set<(reason: unknown) => void>();
    const onAbort = () => {
      groups.delete(signal);
      for (const callback of callbacks) callback(signal.reason);
    };
    const group = { callbacks, onAbort };
    groups.set(signal, group);
    signal.addEventListener('abort', onAbort, { once: true });
    return group;
  };
  return {
    watch(signal, onAbort) {
      const group = groups.get(signal) ?? listenTo(signal);
      const { callbacks } = group;
      // A wrapper of its own, so one callback watched twice is stopped once per watch.
      const entry = (reason: unknown) => onAbort(reason);
      callbacks.add(entry);
      return () => {
        if (!callbacks.delete(entry) || callbacks.size > 0 || groups.get(signal) !== group) return;
        groups.delete(signal);
        signal.removeEventListener('abort', group.onAbort);
      };
    },
  };
}
