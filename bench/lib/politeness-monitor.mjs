/**
 * Counts, on the server side, requests that break the per-host policy: more than
 * `hostConcurrency` in flight on one host, or a start closer than `hostIntervalMs` (minus a
 * small tolerance for event-loop jitter) to the previous start on that host.
 *
 * The servers share a loaded machine with the tool they measure: when their own event loop
 * stalls, requests that arrived apart are stamped together. A sampler notes such stalls, and
 * a breach whose window overlaps one is counted as `uncertain`, not as a violation.
 */
export const DEFAULT_TOLERANCE_MS = 10;
const SAMPLE_EVERY_MS = 2;
const MAX_STALLS_KEPT = 256;
const CONCURRENCY_WINDOW_MS = 200;

export function createPolitenessMonitor({ hostConcurrency, hostIntervalMs, toleranceMs = DEFAULT_TOLERANCE_MS }) {
  const hosts = new Map();
  const stalls = [];
  const shortGaps = [];
  let lastTickMs = performance.now();
  const sampler = setInterval(() => {
    const nowMs = performance.now();
    if (nowMs - lastTickMs > SAMPLE_EVERY_MS + toleranceMs) {
      stalls.push({ fromMs: lastTickMs, toMs: nowMs });
      if (stalls.length > MAX_STALLS_KEPT) stalls.shift();
    }
    lastTickMs = nowMs;
  }, SAMPLE_EVERY_MS);
  sampler.unref();
  /** How long this server's loop stood still between `sinceMs` and `nowMs`: stamps there may be late by that much. */
  const stalledMsBetween = (sinceMs, nowMs) => {
    let total = Math.max(0, nowMs - Math.max(lastTickMs, sinceMs) - SAMPLE_EVERY_MS);
    for (const stall of stalls) total += Math.max(0, Math.min(stall.toMs, nowMs) - Math.max(stall.fromMs, sinceMs));
    return total;
  };
  const stateOf = (host) => {
    let state = hosts.get(host);
    if (!state) {
      state = {
        requests: 0,
        inFlight: 0,
        maxInFlight: 0,
        lastStartMs: null,
        minGapMs: Number.POSITIVE_INFINITY,
        concurrencyViolations: 0,
        intervalViolations: 0,
        violations: 0,
        uncertain: 0,
      };
      hosts.set(host, state);
    }
    return state;
  };

  /** Call when a request arrives; call the returned function once when it ends. */
  const begin = (host, detail = '') => {
    const state = stateOf(host);
    const startMs = performance.now();
    const overConcurrency = state.inFlight >= hostConcurrency;
    const gapMs = state.lastStartMs === null ? null : startMs - state.lastStartMs;
    const tooSoon = gapMs !== null && gapMs < hostIntervalMs - toleranceMs;
    if (overConcurrency || tooSoon) {
      // Uncertain when a stall of this server could explain the breach: long enough to have
      // squeezed the gap below the interval, or (concurrency) to have delayed an end event.
      const explainsGap =
        tooSoon && gapMs + stalledMsBetween(state.lastStartMs, startMs) >= hostIntervalMs - toleranceMs;
      const explainsOverlap =
        overConcurrency && stalledMsBetween(startMs - CONCURRENCY_WINDOW_MS, startMs) > toleranceMs;
      if ((!tooSoon || explainsGap) && (!overConcurrency || explainsOverlap)) state.uncertain++;
      else {
        if (tooSoon)
          shortGaps.push({ gapMs: Math.round(gapMs * 10) / 10, previous: state.lastDetail, request: detail });
        if (overConcurrency) state.concurrencyViolations++;
        if (tooSoon) state.intervalViolations++;
        state.violations++;
      }
    }
    if (gapMs !== null) state.minGapMs = Math.min(state.minGapMs, gapMs);
    state.lastStartMs = startMs;
    state.lastDetail = detail;
    state.requests++;
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      state.inFlight--;
    };
  };

  const report = () => {
    const perHost = {};
    let requests = 0;
    let violations = 0;
    let concurrencyViolations = 0;
    let intervalViolations = 0;
    let maxInFlight = 0;
    let uncertain = 0;
    for (const [host, s] of hosts) {
      perHost[host] = {
        requests: s.requests,
        violations: s.violations,
        uncertain: s.uncertain,
        maxInFlight: s.maxInFlight,
        minGapMs: Number.isFinite(s.minGapMs) ? Math.round(s.minGapMs * 10) / 10 : null,
      };
      requests += s.requests;
      violations += s.violations;
      concurrencyViolations += s.concurrencyViolations;
      intervalViolations += s.intervalViolations;
      uncertain += s.uncertain;
      maxInFlight = Math.max(maxInFlight, s.maxInFlight);
    }
    return {
      requests,
      violations,
      concurrencyViolations,
      intervalViolations,
      uncertain,
      serverStalls: stalls.length,
      shortGaps: shortGaps.slice(0, 200),
      maxInFlight,
      perHost,
    };
  };

  return { begin, report, stop: () => clearInterval(sampler) };
}
