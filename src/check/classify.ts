import type { LinkEvidence, LinkVerdict, RedirectHop } from '../model/link-result.js';
import type { PageJudgement } from './page-rules.js';

/** Everything seen while checking one link, whatever the outcome. */
export interface Observation {
  finalUrl: string | null;
  redirects: RedirectHop[];
  attempts: number;
  method: 'HEAD' | 'GET' | null;
  status: number | null;
  contentType: string | null;
  title: string | null;
  errorCode: string | null;
  elapsedMs: number;
}

export function createObservation(): Observation {
  return {
    finalUrl: null,
    redirects: [],
    attempts: 0,
    method: null,
    status: null,
    contentType: null,
    title: null,
    errorCode: null,
    elapsedMs: 0,
  };
}

/**
 * Every field written out: a spread copy plus \`rule\` needs an extra property store per
 * result, and results are what a large run keeps.
 */
export function evidenceOf(observation: Observation, rule: string): LinkEvidence {
  return {
    finalUrl: observation.finalUrl,
    redirects: observation.redirects,
    attempts: observation.attempts,
    method: observation.method,
    status: observation.status,
    contentType: observation.contentType,
    title: observation.title,
    errorCode: observation.errorCode,
    elapsedMs: observation.elapsedMs,
    rule,
  };
}

/** \`status-<code>\` for every code, built once: one shared string per rule, not one per result. */
const STATUS_RULES: readonly string[] = Array.from({ length: 1000 }, (_, status) => `status-${status}`);

const ANSWERS_REASONS: readonly string[] = Array.from({ length: 100 }, (_, i) => `answers ${200 + i}`);

function statusRule(status: number): string {
  return STATUS_RULES[status] ?? `status-${status}`;
}

/** Statuses that mean "not for you" rather than "not there": 999 is LinkedIn's bot answer. */
const BLOCKED_STATUSES: ReadonlySet<number> = new Set([401, 402, 403, 407, 451, 999]);
const PERMANENT_REDIRECTS: ReadonlySet<number> = new Set([301, 308]);

export interface ResponseFacts {
  status: number;
  /** Page rules, when a body was read. */
  page: PageJudgement | null;
  /** The page looks like what a random path on its host gets. */
  probeMatch: string | null;
  retryAfterMs: number | null;
}

/** The verdict for the final response of a link (redirects already followed). */
export function classifyResponse(observation: Observation, facts: ResponseFacts): LinkVerdict {
  const { status, page } = facts;
  const evidence = (rule: string) => evidenceOf(observation, rule);
  if (page?.kind === 'blocked') {
    return { kind: 'blocked', reason: `bot wall or challenge page (${page.detail})`, evidence: evidence(page.rule) };
  }
  if (status >= 200 && status <= 299) {
    if (page?.kind === 'soft-404') {
      return {
        kind: 'soft-404',
        signal: page.signal,
        reason: `answers ${status} but is not the page: ${page.detail}`,
        evidence: evidence(page.rule),
      };
    }
    if (facts.probeMatch) {
      return {
        kind: 'soft-404',
        signal: 'random-path-probe',
        reason: `answers ${status} with the same page a random path on this host gets (${facts.probeMatch})`,
        evidence: evidence('soft404-random-path-probe'),
      };
    }
    const finalUrl = observation.finalUrl;
    if (observation.redirects.length > 0 && finalUrl) {
      const permanent = observation.redirects.every((hop) => PERMANENT_REDIRECTS.has(hop.status));
      const hops = observation.redirects.length;
      return {
        kind: 'redirected',
        permanent,
        finalUrl,
        reason: `${permanent ? 'moved permanently' : 'redirects'} to ${finalUrl} (${hops} ${hops === 1 ? 'hop' : 'hops'})`,
        evidence: evidence(permanent ? 'redirect-permanent' : 'redirect-temporary'),
      };
    }
    return {
      kind: 'alive',
      reason: ANSWERS_REASONS[status - 200] ?? `answers ${status}`,
      evidence: evidence(statusRule(status)),
    };
  }
  if (BLOCKED_STATUSES.has(status)) {
    return {
      kind: 'blocked',
      reason: `the server refused us (${status}), not a sign the page is gone`,
      evidence: evidence(statusRule(status)),
    };
  }
  if (status === 429) {
    return {
      kind: 'rate-limited',
      retryAfterMs: facts.retryAfterMs,
      reason: 'still rate-limited (429) after the retries',
      evidence: evidence('status-429'),
    };
  }
  if (status === 408) {
    return {
      kind: 'timeout',
      phase: 'total',
      reason: 'the server timed out the request (408)',
      evidence: evidence('status-408'),
    };
  }
  if (status === 404 || status === 410) {
    const reason = status === 410 ? 'gone (410)' : 'not found (404)';
    return { kind: 'broken', reason, evidence: evidence(statusRule(status)) };
  }
  if (status >= 400 && status <= 499) {
    return { kind: 'broken', reason: `client error ${status}`, evidence: evidence('status-4xx') };
  }
  if (status >= 500 && status <= 599) {
    return {
      kind: 'server-error',
      reason: `server error ${status} after the retries`,
      evidence: evidence('status-5xx'),
    };
  }
  if (status >= 300 && status <= 399) {
    return {
      kind: 'network-error',
      code: 'REDIRECT_WITHOUT_LOCATION',
      reason: `${status} without a usable Location`,
      evidence: evidence('redirect-without-location'),
    };
  }
  return {
    kind: 'network-error',
    code: 'BAD_STATUS',
    reason: `unexpected status ${status}`,
    evidence: evidence('bad-status'),
  };
}

/** A Map, not an object literal: codes come from the outside, and `__proto__` is a string too. */
const TIMEOUT_PHASES: ReadonlyMap<string, 'connect' | 'headers' | 'body' | 'total'> = new Map([
  ['UND_ERR_CONNECT_TIMEOUT', 'connect'],
  ['ETIMEDOUT', 'connect'],
  ['UND_ERR_HEADERS_TIMEOUT', 'headers'],
  ['UND_ERR_BODY_TIMEOUT', 'body'],
  ['TOTAL_TIMEOUT', 'total'],
]);

/**
 * The verdict for a transport failure. `online` is the canary's word for network-level
 * failures (null when not asked): a dead domain is only `broken` when the network works.
 */
export function classifyTransportError(
  observation: Observation,
  code: string,
  message: string,
  online: boolean | null,
): LinkVerdict {
  const evidence = (rule: string) => evidenceOf(observation, rule);
  if (online === false) {
    return {
      kind: 'offline',
      reason: 'not checked: the network is unreachable (the canaries failed too)',
      evidence: evidence('canary-offline'),
    };
  }
  if (code === 'ADDRESS_REFUSED') {
    return { kind: 'skipped', skipReason: 'address-refused', reason: message, evidence: evidence('address-refused') };
  }
  if (code === 'UNSUPPORTED_SCHEME') {
    return {
      kind: 'skipped',
      skipReason: 'unsupported-scheme',
      reason: message,
      evidence: evidence('unsupported-scheme'),
    };
  }
  if (code === 'INVALID_URL') {
    return { kind: 'skipped', skipReason: 'invalid-url', reason: message, evidence: evidence('invalid-url') };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME') {
    return { kind: 'broken', reason: 'the domain no longer resolves (NXDOMAIN)', evidence: evidence('dns-not-found') };
  }
  const phase = TIMEOUT_PHASES.get(code);
  if (phase) {
    return {
      kind: 'timeout',
      phase,
      reason: `timed out waiting for the ${phase === 'total' ? 'whole response' : phase}`,
      evidence: evidence(`timeout-${phase}`),
    };
  }
  return { kind: 'network-error', code, reason: message, evidence: evidence(`network-${code.toLowerCase()}`) };
}
