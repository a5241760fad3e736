import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { type Clock, type LookupAll, systemClock } from '../deps.js';
import type { CheckConfig } from '../model/config.js';
import { type HttpClient, type HttpRequest, type HttpResponse, HttpTransportError } from '../model/http.js';
import { DEFAULT_USER_AGENT } from '../version.js';
import { createAbortFanout } from './abort-fanout.js';
import { createAddressGuard, unbracket } from './address-guard.js';
import { Exchange } from './exchange.js';

export interface HttpClientOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /**
   * Whole request, to the last body byte. It takes effect once the request is on a socket:
   * before that, the connect timeout (and the resolver's own limits) bound the wait.
   */
  totalTimeoutMs: number;
  maxHeaderBytes: number;
  /** Body cap for GETs that do not set `maxBodyBytes`. */
  maxBodyBytes: number;
  /** Lifts the address guard (tests and benchmarks on loopback, intranet checks). */
  allowPrivate: boolean;
  userAgent?: string | undefined;
  /** Sent with every request; a request's own headers win. */
  headers?: Record<string, string> | undefined;
  /**
   * Keep-alive connections per origin. Keep it above the caller's own per-host concurrency:
   * a request queued inside the pool goes out whenever a socket frees, possibly back to back
   * with the next one, undoing the caller's spacing. Twice the concurrency never queues.
   */
  connectionsPerOrigin?: number | undefined;
}

/** undici's connector shape: opens a socket to `hostname` (here always a vetted IP address). */
export type Connector = buildConnector.connector;

export interface HttpClientDeps {
  lookup?: LookupAll;
  /** Ages the DNS answers the client remembers. */
  clock?: Clock;
  /** Opens the raw connection; tests pass one that refuses anything outside 127.0.0.0/8. */
  connect?: Connector;
}

const DEFAULT_CONNECTIONS_PER_ORIGIN = 8;
const KEEP_ALIVE_TIMEOUT_MS = 10_000;
/** How long a DNS answer is reused; short, as hosts move, but longer than a burst of requests. */
const DNS_CACHE_TTL_MS = 60_000;
/** Addresses of one host tried in turn before giving up on connecting. */
const MAX_ADDRESSES_TRIED = 2;

/** What a browser sends, so servers answer as they would to a reader; the User-Agent stays honest. */
const BROWSER_LIKE_HEADERS: Readonly<Record<string, string>> = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf;q=0.8,*/*;q=0.7',
  'accept-language': 'en-US,en;q=0.9,*;q=0.5',
  'accept-encoding': 'gzip, deflate, br',
};

export function httpClientOptionsFrom(config: CheckConfig): HttpClientOptions {
  return {
    connectTimeoutMs: config.connectTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
    totalTimeoutMs: config.totalTimeoutMs,
    maxHeaderBytes: config.maxHeaderBytes,
    maxBodyBytes: config.maxBodyBytes,
    allowPrivate: config.allowPrivate,
    userAgent: config.userAgent,
    headers: config.headers,
    connectionsPerOrigin:
      2 * Math.max(config.hostConcurrency, ...Object.values(config.hosts).map((h) => h.concurrency ?? 0)),
  };
}

/** The system resolver, every address, in the order it answers. */
export const lookupWithSystemResolver: LookupAll = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * The HTTP client of every stage that reads the web. One undici `Agent` keeps a keep-alive
 * pool per origin. Redirects are not followed. Unless `allowPrivate`, the connector refuses
 * non-public addresses after its own DNS lookup and again on the connected socket, so
 * neither DNS rebinding nor a redirect to an internal host gets a request through.
 */
export function createHttpClient(options: HttpClientOptions, deps: HttpClientDeps = {}): HttpClient {
  const lookup = cacheLookups(deps.lookup ?? lookupWithSystemResolver, deps.clock ?? systemClock);
  const baseConnect = deps.connect ?? buildConnector({ timeout: options.connectTimeoutMs });
  const isPublic = createAddressGuard();
  const isAllowed = (address: string) => options.allowPrivate || isPublic(address);
  /** Origin to the peer of its latest connection: undici does not tell which socket served a request. */
  const connectedTo = new Map<string, string>();

  const connect: Connector = (connectOptions, callback) => {
    const host = unbracket(connectOptions.hostname);
    resolveAllowed(host, lookup, isAllowed).then(
      (addresses) => connectToFirst(baseConnect, connectOptions, addresses, isAllowed, connectedTo, callback),
      (error: unknown) => callback(toTransportError(error), null),
    );
  };

  const agent = new Agent({
    connect,
    connections: options.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN,
    maxHeaderSize: options.maxHeaderBytes,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.headersTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    keepAliveMaxTimeout: KEEP_ALIVE_TIMEOUT_MS,
  });
  const aborts = createAbortFanout();
  const defaultHeaders = {
    ...BROWSER_LIKE_HEADERS,
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    ...lowerCaseKeys(options.headers ?? {}),
  };

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const url = parseHttpUrl(req.url);
    // IP literals never reach a DNS lookup: refuse them before any socket is opened.
    const literal = unbracket(url.hostname);
    if (isIP(literal) !== 0 && !isAllowed(literal)) throw refusal(literal, [literal]);
    if (req.signal?.aborted) throw toTransportError(req.signal.reason);

    const cap = req.method === 'HEAD' ? 0 : (req.maxBodyBytes ?? options.maxBodyBytes);
    const exchange = new Exchange(req.onSent, cap, Date.now());
    const timer = setTimeout(abortOnTimeout, options.totalTimeoutMs, exchange, options.totalTimeoutMs);
    // One listener per caller signal for all requests in flight (not AbortSignal.any: cheaper).
    const unwatch = req.signal ? aborts.watch(req.signal, (reason) => exchange.abort(reason)) : null;
    try {
      agent.dispatch(
        {
          origin: url.origin,
          path: url.search ? `${url.pathname}${url.search}` : url.pathname,
          method: req.method,
          headers: req.headers ? { ...defaultHeaders, ...lowerCaseKeys(req.headers) } : defaultHeaders,
          body: req.body ?? null,
        },
        exchange,
      );
      const { status, headers, body, headersMs } = await exchange.response;
      return {
        url: url.href,
        status,
        headers,
        body: body.body,
        truncated: body.truncated,
        remoteAddress: connectedTo.get(url.origin) ?? null,
        timings: { startMs: exchange.startMs, headersMs, endMs: Date.now() },
      };
    } catch (error) {
      if (exchange.timedOut && !req.signal?.aborted) throw totalTimeoutError(options.totalTimeoutMs);
      throw toTransportError(error);
    } finally {
      clearTimeout(timer);
      unwatch?.();
    }
  }

  return {
    request,
    close: () => agent.close(),
  };
}

function abortOnTimeout(exchange: Exchange, totalTimeoutMs: number): void {
  exchange.timedOut = true;
  exchange.abort(totalTimeoutError(totalTimeoutMs));
}

/**
 * Remembers each host's answer for a short while. Connection set-up then takes the same
 * (short) time for every request to a host, so requests the scheduler spaced out arrive
 * spaced out; a burst of identical queries would also only queue up in the resolver's
 * thread pool (4 threads in Node). Temporary failures are not kept. Every address is still
 * vetted by the guard on every connection, so a remembered answer cannot bypass it.
 */
function cacheLookups(lookup: LookupAll, clock: Clock): LookupAll {
  const answers = new Map<string, { atMs: number; answer: ReturnType<LookupAll> }>();
  return (hostname) => {
    const nowMs = clock.now();
    const cached = answers.get(hostname);
    if (cached && nowMs - cached.atMs < DNS_CACHE_TTL_MS) return cached.answer;
    const answer = lookup(hostname);
    answers.set(hostname, { atMs: nowMs, answer });
    answer.catch((error: unknown) => {
      if ((error as { code?: unknown } | null)?.code === 'EAI_AGAIN') answers.delete(hostname);
    });
    return answer;
  };
}

function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new HttpTransportError('INVALID_URL', `not a valid URL: ${raw}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpTransportError('UNSUPPORTED_SCHEME', `only http and https are fetched, not ${url.protocol}`);
  }
  return url;
}

async function resolveAllowed(
  host: string,
  lookup: LookupAll,
  isAllowed: (address: string) => boolean,
): Promise<Array<{ address: string }>> {
  const addresses = isIP(host) === 0 ? await lookup(host) : [{ address: host }];
  if (addresses.length === 0) throw new HttpTransportError('ENOTFOUND', `${host} has no address`);
  const allowed = addresses.filter((a) => isAllowed(a.address));
  if (allowed.length === 0)
    throw refusal(
      host,
      addresses.map((a) => a.address),
    );
  return allowed;
}

function connectToFirst(
  baseConnect: Connector,
  connectOptions: buildConnector.Options,
  addresses: ReadonlyArray<{ address: string }>,
  isAllowed: (address: string) => boolean,
  connectedTo: Map<string, string>,
  callback: buildConnector.Callback,
  index = 0,
): void {
  const target = addresses[index];
  if (!target) {
    callback(new HttpTransportError('ECONNREFUSED', `no address of ${connectOptions.hostname} answered`), null);
    return;
  }
  baseConnect({ ...connectOptions, hostname: target.address }, (error, socket) => {
    if (error || !socket) {
      const last = index + 1 >= Math.min(addresses.length, MAX_ADDRESSES_TRIED);
      if (last) callback(toTransportError(error), null);
      else connectToFirst(baseConnect, connectOptions, addresses, isAllowed, connectedTo, callback, index + 1);
      return;
    }
    // Defence in depth: whatever the connector did, judge the peer we actually reached.
    const remote = (socket as Socket).remoteAddress ?? '';
    if (!isAllowed(remote)) {
      socket.destroy();
      callback(refusal(connectOptions.hostname, [remote]), null);
      return;
    }
    connectedTo.set(`${connectOptions.protocol}//${connectOptions.host}`, remote);
    callback(null, socket);
  });
}

function refusal(host: string, addresses: string[]): HttpTransportError {
  return new HttpTransportError(
    'ADDRESS_REFUSED',
    `${host} resolves to a non-public address (${addresses.join(', ')}); refused (--allow-private lifts this)`,
  );
}

function totalTimeoutError(ms: number): HttpTransportError {
  return new HttpTransportError('TOTAL_TIMEOUT', `request took longer than ${ms} ms`);
}

/** Undici and Node errors to one `HttpTransportError` with a stable code. */
export function toTransportError(error: unknown): HttpTransportError {
  if (error instanceof HttpTransportError) return error;
  const err = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
  const message = typeof err?.message === 'string' ? err.message : String(error);
  let code = typeof err?.code === 'string' ? err.code : 'UNKNOWN';
  // undici reports a peer that hung up as UND_ERR_SOCKET; the cause says how.
  if (code === 'UND_ERR_SOCKET') code = typeof err?.cause?.code === 'string' ? err.cause.code : 'ECONNRESET';
  if (code === 'ABORT_ERR' || (error instanceof DOMException && error.name === 'AbortError')) code = 'ABORTED';
  return new HttpTransportError(code, message, { cause: error });
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
