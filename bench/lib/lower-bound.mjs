/**
 * The scheduling lower bound: no checker that keeps the policy (at most `hostConcurrency`
 * requests in flight per host, starts at least `hostIntervalMs` apart, Retry-After pauses
 * the host, `retries` attempts for persistent transient failures, `concurrency` in flight
 * overall) can finish sooner. Per host with n requests of durations d_i:
 *   T_host >= max((n - 1) * interval + min d_i, sum d_i / hostConcurrency, max d_i) + pauses
 * and overall T >= max(max_host T_host, sum of all d_i / concurrency, longest link), where a
 * link's own requests (hops, retries) run one after another.
 * Backoff delays are not counted (a host can serve other links meanwhile), nor the one
 * soft-404 probe per host: the bound stays a true bound.
 */

function durationOf(item, host, policy) {
  if (item.kind === 'instant') return 0;
  if (item.kind === 'timeout') return policy.headersTimeoutMs;
  return host?.latencyMs ?? 0;
}

function attemptsOf(item, policy) {
  if (item.attempts === 'retries') return policy.retries;
  return item.attempts ?? 1;
}

/** Per-host request lists implied by the truth (what each URL must cost at least). */
export function requiredRequests(scenario, policy) {
  const hostsByAddress = new Map(scenario.hosts.map((h) => [h.address, h]));
  const perHost = new Map();
  for (const url of scenario.urls) {
    for (const item of url.cost) {
      const entry = perHost.get(item.host) ?? { durations: [], pausesMs: 0 };
      const attempts = attemptsOf(item, policy);
      const duration = durationOf(item, hostsByAddress.get(item.host), policy);
      for (let i = 0; i < attempts; i++) entry.durations.push(duration);
      // A Retry-After pause follows every answer but the last one that carries it.
      if (item.pauseMs) entry.pausesMs += item.pauseMs * Math.max(1, attempts - (item.attempts === 'retries' ? 1 : 0));
      perHost.set(item.host, entry);
    }
  }
  return perHost;
}

function hostBound(durations, pausesMs, policy) {
  if (durations.length === 0) return 0;
  let sum = 0;
  let max = 0;
  let min = Number.POSITIVE_INFINITY;
  for (const d of durations) {
    sum += d;
    max = Math.max(max, d);
    min = Math.min(min, d);
  }
  const spacing = (durations.length - 1) * policy.hostIntervalMs + min;
  return Math.max(spacing, sum / policy.hostConcurrency, max) + pausesMs;
}

/** @returns {{ boundMs: number, bottleneckHost: string, requests: number }} */
export function computeLowerBound(scenario, policy) {
  const perHost = requiredRequests(scenario, policy);
  let boundMs = 0;
  let bottleneckHost = '';
  let total = 0;
  let requests = 0;
  for (const [host, { durations, pausesMs }] of perHost) {
    const bound = hostBound(durations, pausesMs, policy);
    if (bound > boundMs) {
      boundMs = bound;
      bottleneckHost = host;
    }
    for (const d of durations) total += d;
    requests += durations.length;
  }
  const hostsByAddress = new Map(scenario.hosts.map((h) => [h.address, h]));
  let longestLinkMs = 0;
  for (const url of scenario.urls) {
    let chainMs = 0;
    for (const item of url.cost) {
      chainMs += attemptsOf(item, policy) * durationOf(item, hostsByAddress.get(item.host), policy);
    }
    longestLinkMs = Math.max(longestLinkMs, chainMs);
  }
  if (longestLinkMs > boundMs) {
    boundMs = longestLinkMs;
    bottleneckHost = '(longest single link)';
  }
  const globalBound = total / policy.concurrency;
  if (globalBound > boundMs) {
    boundMs = globalBound;
    bottleneckHost = '(global concurrency)';
  }
  return { boundMs: Math.round(boundMs), bottleneckHost, requests };
}

/** The same bound over the requests a tool actually made (from the monitor's per-host counts). */
export function computeObservedBound(scenario, policy, perHostCounts) {
  const hostsByAddress = new Map(scenario.hosts.map((h) => [h.address, h]));
  let boundMs = 0;
  for (const [address, { requests }] of Object.entries(perHostCounts)) {
    const latency = hostsByAddress.get(address)?.latencyMs ?? 0;
    boundMs = Math.max(boundMs, hostBound(Array(requests).fill(latency), 0, policy));
  }
  return Math.round(boundMs);
}
