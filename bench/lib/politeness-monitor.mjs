/**
 * Counts, on the server side, requests that break the per-host policy: more than
 * `hostConcurrency` in flight on one host, or a start closer than `hostIntervalMs` (minus a
 * small tolerance for event-loop jitter) to the previous start on that host.
 *
 * The servers share a loaded machine with the tool they measure: when their own event loop
 * stalls, a request that arrived during the stall (or during the backlog after it) is stamped
 * late, and the next one, arriving on time, looks too close to it. A sampler notes such
 * stalls, and a breach that the servers' stalls since one interval before the previous
 * arrival could explain is counted as `uncertain`, not as a violation (bench/README.md,
 * "Politeness": on the wire, every such pair came at least the interval apart).
 */
export const DEFAULT_TOLERANCE_MS = 10;
const SAMPLE_EVERY_MS = 2;
const MAX_STALLS_KEPT = 256;
const CONCURRENCY_WINDOW_MS = 200;
const MAX_BREACHES_KEPT = 200;

export function createPolitenessMonitor({ hostConcurrency, hostIntervalMs, toleranceMs = DEFAULT_TOLERANCE_MS }) {
  const hosts = new Map();
  const stalls = [];
  const shortGaps = [];
  /** Concurrency breaches: the request, and the ones the server still had in flight. */
  const overlaps = [];
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
        /** Requests in flight: token -> [detail, arrival]. */
        open: new Map(),
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

  /** Counts a breach as uncertain when what the server saw could explain every part of it. */
  const judge = (state, breach, explainsGap, explainsOverlap) => {
    if ((!breach.gap || explainsGap) && (!breach.overlap || explainsOverlap)) {
      state.uncertain++;
      return;
    }
    if (breach.gap) {
      shortGaps.push(breach.gap);
      state.intervalViolations++;
    }
    if (breach.overlap) {
      if (overlaps.length < MAX_BREACHES_KEPT) overlaps.push(breach.overlap);
      state.concurrencyViolations++;
    }
    state.violations++;
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
      // The previous stamp is as doubtful as this one: a stall (and its backlog) in the interval
      // before it can have made it late, which shortens the gap as much as a stall between them.
      const explainsGap =
        tooSoon &&
        gapMs + stalledMsBetween(state.lastStartMs - hostIntervalMs, startMs) >= hostIntervalMs - toleranceMs;
      const stallExplainsOverlap =
        overConcurrency && stalledMsBetween(startMs - CONCURRENCY_WINDOW_MS, startMs) > toleranceMs;
      const breach = {
        gap: tooSoon ? { gapMs: Math.round(gapMs * 10) / 10, previous: state.lastDetail, request: detail } : null,
        overlap: overConcurrency
          ? {
              request: detail,
              inFlight: [...state.open.values()].map(([d, atMs]) => `${d} (arrived ${Math.round(atMs)} ms)`),
            }
          : null,
      };
      if (!overConcurrency) judge(state, breach, explainsGap, true);
      else {
        // Judged once this turn of the loop is over: a connection the client reset (a body cut
        // at its read cap) is closed only in the loop's close phase, after the requests read in
        // the same turn, though the reset came first on the wire. An overlap that does not
        // outlast the turn is below what this server can order.
        const openAtArrival = [...state.open.keys()];
        setTimeout(() => {
          const stillOpen = openAtArrival.filter((token) => state.open.has(token)).length;
          judge(state, breach, explainsGap, stallExplainsOverlap || stillOpen < hostConcurrency);
        }, 0);
      }
    }
    if (gapMs !== null) state.minGapMs = Math.min(state.minGapMs, gapMs);
    state.lastStartMs = startMs;
    state.lastDetail = detail;
    state.requests++;
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    const token = {};
    state.open.set(token, [detail, startMs]);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      state.inFlight--;
      state.open.delete(token);
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
      shortGaps: shortGaps.slice(0, MAX_BREACHES_KEPT),
      overlaps,
      maxInFlight,
      perHost,
    };
  };

  return { begin, report, stop: () => clearInterval(sampler) };
}
