import type { Clock, Sleep } from '../deps.js';
import type { CheckConfig } from '../model/config.js';
import type { HttpClient, HttpResponse, HttpTransportError } from '../model/http.js';
import type { LinkVerdict } from '../model/link-result.js';
import type { AbortFanout } from './abort-fanout.js';
import {
  classifyResponse,
  classifyTransportError,
  createObservation,
  evidenceOf,
  type Observation,
} from './classify.js';
import { hostPolicyOf } from './host-policy.js';
import type { HostScheduler } from './host-scheduler.js';
import { toTransportError } from './http-client.js';
import { isNetworkLevelError, type NetworkMonitor } from './network-monitor.js';
import { extractTitle, judgePage, PAGE_SCAN_CHARS, type PageJudgement } from './page-rules.js';
import { computeBackoffMs, isTransientError, isTransientStatus, parseRetryAfterMs } from './retry-policy.js';
import type { ProbedPage, Soft404Prober } from './soft404-probe.js';

export interface LinkCheckContext {
  config: CheckConfig;
  http: HttpClient;
  scheduler: HostScheduler;
  network: NetworkMonitor;
  /** Null when `soft404Probe` is off. */
  prober: Soft404Prober | null;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  signal?: AbortSignal | undefined;
  /** Lets every link's backoff watch `signal` through one listener. */
  aborts: AbortFanout;
  /** One copy of values that recur across results (content types). */
  intern: (value: string) => string;
}

type Attempt =
  | { kind: 'response'; res: HttpResponse; sentAtMs: number }
  | { kind: 'error'; error: HttpTransportError; sentAtMs: number }
  /** Not sent: the canaries already said the network is gone. */
  | { kind: 'offline' };

/** HEAD answers that say nothing about the page: servers that mishandle HEAD give these. */
const HEAD_UNRELIABLE_STATUSES: ReadonlySet<number> = new Set([400, 403, 405, 501]);
/** HEAD failures where the same GET may well succeed (servers that hang up on HEAD). */
const HEAD_UNRELIABLE_ERRORS: ReadonlySet<string> = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Documents whose body a verdict never needs: HEAD is enough unless it proves unreliable. */
const NO_BODY_NEEDED_PATH =
  /\.(?:pdf|zip|gz|tgz|bz2|xz|7z|rar|tar|png|jpe?g|gif|webp|avif|bmp|tiff?|ico|mp3|mp4|m4a|wav|ogg|webm|mov|avi|mkv|docx?|xlsx?|pptx?|odt|ods|epub|iso|dmg|exe|msi|bin|csv|parquet)$/i;
/**
 * The page rules look at the first 64 K characters (title, first heading, challenge markers);
 * reading far beyond that only costs time. Generous for multi-byte text and long heads.
 */
const PAGE_READ_BYTES = 512 * 1024;
/** A UTF-8 character takes at most 4 bytes, and at least one UTF-16 unit. */
const MAX_UTF8_BYTES_PER_CHAR = 4;
const HTML_CONTENT_TYPE = /^(?:text\/html|application\/xhtml\+xml)\b/i;

function isHtmlish(contentType: string | null): boolean {
  return contentType === null || contentType === '' || HTML_CONTENT_TYPE.test(contentType);
}

/**
 * The page as text, as far as the page rules read it: a large page decoded whole is a string
 * of up to `PAGE_READ_BYTES`, allocated straight in the old generation, for rules that look at
 * its first `PAGE_SCAN_CHARS`. One byte per character covers the common (ASCII) page; a
 * shorter decoding means multi-byte text, decoded again far enough for any.
 */
function pageTextOf(body: Buffer): string {
  if (body.length <= PAGE_SCAN_CHARS) return body.toString('utf8');
  const text = body.toString('utf8', 0, PAGE_SCAN_CHARS);
  if (text.length >= PAGE_SCAN_CHARS) return text;
  return body.toString('utf8', 0, Math.min(body.length, MAX_UTF8_BYTES_PER_CHAR * PAGE_SCAN_CHARS));
}

/** Refusals made here, before anything left the machine: they say nothing about the network. */
const LOCAL_REFUSALS: ReadonlySet<string> = new Set([
  'ADDRESS_REFUSED',
  'UNSUPPORTED_SCHEME',
  'INVALID_URL',
  'ABORTED',
]);

/** One request, waiting its turn at the network gate and the host; never throws a transport error. */
export async function requestScheduled(target: URL, method: 'HEAD' | 'GET', ctx: LinkCheckContext): Promise<Attempt> {
  const release = await ctx.network.admit();
  try {
    if (ctx.network.offline) return { kind: 'offline' };
    const hostHeaders = (hostPolicyOf(ctx.config, target.host) ?? hostPolicyOf(ctx.config, target.hostname))?.headers;
    return await ctx.scheduler.run(
      target.host,
      async (sent): Promise<Attempt> => {
        if (ctx.network.offline) return { kind: 'offline' };
        const sentAtMs = ctx.clock.now();
        try {
          const res = await ctx.http.request({
            url: target.href,
            method,
            maxBodyBytes: method === 'GET' ? Math.min(ctx.config.maxBodyBytes, PAGE_READ_BYTES) : 0,
            ...(hostHeaders ? { headers: hostHeaders } : {}),
            ...(ctx.signal ? { signal: ctx.signal } : {}),
            onSent: sent,
          });
          ctx.network.noteReachable();
          return { kind: 'response', res, sentAtMs };
        } catch (error) {
          if (ctx.signal?.aborted) throw ctx.signal.reason;
          const transportError = toTransportError(error);
          const { code } = transportError;
          if (!isNetworkLevelError(code) && !LOCAL_REFUSALS.has(code)) ctx.network.noteReachable();
          return { kind: 'error', error: transportError, sentAtMs };
        }
      },
      ctx.signal,
      { reportsSend: true },
    );
  } finally {
    release();
  }
}

/**
 * How long to wait before trying `attempt` again, or null to stop. A 429, or a 503 with
 * Retry-After, pauses the whole host in the scheduler (and returns 0); other transient
 * failures back off this link only.
 */
function retryDelayMs(attempt: Attempt, failures: number, host: string, ctx: LinkCheckContext): number | null {
  const { config } = ctx;
  if (failures >= config.retries) return null;
  const backoffMs = computeBackoffMs(failures, config.retryBaseDelayMs, ctx.random);
  if (attempt.kind === 'error') return isTransientError(attempt.error.code) ? backoffMs : null;
  if (attempt.kind !== 'response' || !isTransientStatus(attempt.res.status)) return null;
  const { status, headers } = attempt.res;
  const retryAfterMs = parseRetryAfterMs(headers['retry-after'], ctx.clock.now());
  if (retryAfterMs !== null && (status === 429 || status === 503)) {
    if (retryAfterMs > config.maxRetryAfterMs) return null;
    ctx.scheduler.pauseHost(host, ctx.clock.now() + retryAfterMs);
    return 0;
  }
  if (status === 429) {
    ctx.scheduler.pauseHost(host, ctx.clock.now() + backoffMs);
    return 0;
  }
  return backoffMs;
}

/** What one link's hops add up to; `firstSentMs` starts the clock of `elapsedMs` (queueing is not the link's time). */
interface LinkTrace {
  observation: Observation;
  firstSentMs: number | null;
}

/** One URL (one hop): HEAD or GET, GET again when HEAD proves unreliable, retries for transient failures. */
async function fetchHop(target: URL, forceGet: boolean, ctx: LinkCheckContext, trace: LinkTrace): Promise<Attempt> {
  const { observation } = trace;
  let method: 'HEAD' | 'GET' = forceGet || !NO_BODY_NEEDED_PATH.test(target.pathname) ? 'GET' : 'HEAD';
  let failures = 0;
  for (;;) {
    const attempt = await requestScheduled(target, method, ctx);
    if (attempt.kind === 'offline') return attempt;
    trace.firstSentMs ??= attempt.sentAtMs;
    observation.attempts += 1;
    observation.method = method;
    const headUnreliable =
      method === 'HEAD' &&
      (attempt.kind === 'response'
        ? HEAD_UNRELIABLE_STATUSES.has(attempt.res.status)
        : HEAD_UNRELIABLE_ERRORS.has(attempt.error.code));
    if (headUnreliable) {
      method = 'GET';
      continue;
    }
    failures += 1;
    const delayMs = retryDelayMs(attempt, failures, target.host, ctx);
    if (delayMs === null) return attempt;
    if (delayMs > 0) await backOff(delayMs, ctx);
  }
}

/** Waits `ms`, ending early (rejecting) when the run is aborted. */
async function backOff(ms: number, ctx: LinkCheckContext): Promise<void> {
  const { signal } = ctx;
  if (!signal) return ctx.sleep(ms);
  if (signal.aborted) throw signal.reason;
  const own = new AbortController();
  const unwatch = ctx.aborts.watch(signal, (reason) => own.abort(reason));
  try {
    await ctx.sleep(ms, own.signal);
  } finally {
    unwatch();
  }
}

function skip(observation: Observation, skipReason: 'invalid-url' | 'unsupported-scheme', reason: string): LinkVerdict {
  return { kind: 'skipped', skipReason, reason, evidence: evidenceOf(observation, skipReason) };
}

function hopFailure(observation: Observation, code: string, reason: string): LinkVerdict {
  return {
    kind: 'network-error',
    code,
    reason,
    evidence: evidenceOf(observation, code.toLowerCase().replaceAll('_', '-')),
  };
}

/**
 * Checks one URL: follows redirects by hand (each hop scheduled at its own host), reads the
 * final page when a verdict needs it, and classifies what it saw. Throws only when aborted.
 */
export async function checkLink(url: string, ctx: LinkCheckContext): Promise<LinkVerdict> {
  const observation = createObservation();
  const trace: LinkTrace = { observation, firstSentMs: null };
  const observed = () => {
    const now = ctx.clock.now();
    observation.elapsedMs = Math.max(0, now - (trace.firstSentMs ?? now));
    return observation;
  };

  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return skip(observed(), 'invalid-url', `not a valid URL: ${url}`);
  }
  const seen = new Set<string>([current.href]);
  let forceGet = false;
  for (;;) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      return skip(observed(), 'unsupported-scheme', `only http and https are checked, not ${current.protocol}`);
    }
    // The URL as given when it is already in normal form: results keep one string, not two.
    observation.finalUrl = current.href === url ? url : current.href;
    const attempt = await fetchHop(current, forceGet, ctx, trace);
    if (attempt.kind === 'offline') return classifyTransportError(observed(), 'OFFLINE', 'network unreachable', false);
    if (attempt.kind === 'error') {
      const { code, message } = attempt.error;
      observation.errorCode = code;
      const online = isNetworkLevelError(code) ? await ctx.network.isOnline() : null;
      return classifyTransportError(observed(), code, message, online);
    }
    const { res } = attempt;
    observation.status = res.status;
    const contentType = res.headers['content-type'];
    observation.contentType = contentType === undefined ? null : ctx.intern(contentType);
    const location = REDIRECT_STATUSES.has(res.status) ? res.headers.location : undefined;
    if (location) {
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return hopFailure(observed(), 'BAD_REDIRECT', `redirect to an invalid URL: ${location}`);
      }
      observation.redirects.push({ url: current.href, status: res.status, location: next.href });
      if (seen.has(next.href)) return hopFailure(observed(), 'REDIRECT_LOOP', `redirect loop back to ${next.href}`);
      if (observation.redirects.length > ctx.config.maxRedirects) {
        return hopFailure(observed(), 'TOO_MANY_REDIRECTS', `more than ${ctx.config.maxRedirects} redirects`);
      }
      seen.add(next.href);
      current = next;
      forceGet = false;
      continue;
    }
    const needsPage = observation.method === 'HEAD' && res.status >= 200 && res.status <= 299;
    if (needsPage && isHtmlish(observation.contentType)) {
      // The HEAD said "a page is here"; only its body can say whether it is the page.
      forceGet = true;
      continue;
    }
    return classifyFinal(judgeFinal(url, current.href, res, observed(), ctx), observed, ctx);
  }
}

/** What the final response says, read at once: waiting for the probe then holds no response. */
interface FinalFacts {
  status: number;
  page: PageJudgement | null;
  retryAfterMs: number | null;
  /** The page as the soft-404 prober compares it; null when no probe is needed. */
  probed: ProbedPage | null;
}

function judgeFinal(
  requestedUrl: string,
  finalUrl: string,
  res: HttpResponse,
  observation: Observation,
  ctx: LinkCheckContext,
): FinalFacts {
  let page: PageJudgement | null = null;
  if (res.body.length > 0 && isHtmlish(observation.contentType)) {
    const text = pageTextOf(res.body);
    observation.title = extractTitle(text);
    page = judgePage({
      requestedUrl,
      finalUrl,
      status: res.status,
      headers: res.headers,
      body: text,
      redirected: observation.redirects.length > 0,
    });
  } else if (res.headers['cf-mitigated']) {
    page = judgePage({ requestedUrl, finalUrl, status: res.status, headers: res.headers, body: '', redirected: false });
  }
  const { status } = res;
  const pageOk = status >= 200 && status <= 299 && page?.kind === 'ok';
  return {
    status,
    page,
    retryAfterMs: parseRetryAfterMs(res.headers['retry-after'], ctx.clock.now()),
    probed:
      pageOk && ctx.prober
        ? { finalUrl, title: observation.title, bodyLength: res.body.length, truncated: res.truncated }
        : null,
  };
}

async function classifyFinal(
  facts: FinalFacts,
  observed: () => Observation,
  ctx: LinkCheckContext,
): Promise<LinkVerdict> {
  const { probed, ...response } = facts;
  const probeMatch = probed && ctx.prober ? await ctx.prober.match(probed) : null;
  return classifyResponse(observed(), { ...response, probeMatch });
}

/** Reads one probe URL for the soft-404 prober: one GET at the host's pace, null on failure. */
export async function fetchProbe(url: string, ctx: LinkCheckContext): Promise<HttpResponse | null> {
  const attempt = await requestScheduled(new URL(url), 'GET', ctx);
  return attempt.kind === 'response' ? attempt.res : null;
}
