import { parseRetryAfterMs } from '../check/retry-policy.js';
import type { Clock } from '../deps.js';
import { type HttpClient, type HttpRequest, type HttpResponse, HttpTransportError } from '../model/http.js';
import { ArchiveLookupError } from './archive-errors.js';
import type { ArchiveCallKind, ArchiveLimiter } from './archive-limiter.js';

/** The slice of a pino logger the archive stage uses. */
export interface ArchiveLogger {
  warn(details: Record<string, unknown>, message: string): void;
  debug(details: Record<string, unknown>, message: string): void;
}

export interface ArchiveRequesterOptions {
  http: HttpClient;
  limiter: ArchiveLimiter;
  clock: Clock;
  requestTimeoutMs: number;
  logger: ArchiveLogger | null;
  signal: AbortSignal | null;
}

/** Sends one archive call through the shared limiter; retries 5xx and timeouts, pauses everything on 429. */
export type ArchiveRequester = (kind: ArchiveCallKind, request: HttpRequest) => Promise<HttpResponse>;

/** Attempts per call, the first included. */
export const ARCHIVE_ATTEMPTS = 3;
export const RETRY_BASE_DELAY_MS = 1_000;
/** IA's guidance: after a 429 without Retry-After, wait a full minute (ignoring it earns a 1 h block). */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 60_000;

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TOTAL_TIMEOUT',
  'ETIMEDOUT',
]);

export function createArchiveRequester(options: ArchiveRequesterOptions): ArchiveRequester {
  const { http, limiter, clock, logger } = options;

  return async (kind, request) => {
    let lastFault = '';
    for (let attempt = 1; attempt <= ARCHIVE_ATTEMPTS; attempt += 1) {
      await limiter.acquire(kind, options.signal ?? undefined);
      const outcome = await sendOnce(request);
      if ('response' in outcome) {
        const { response } = outcome;
        // A Memento-Datetime header means the status is the archived page's, not the archive's.
        const fromArchive = response.headers['memento-datetime'] === undefined;
        if (fromArchive && response.status === 429) {
          const pauseMs =
            parseRetryAfterMs(response.headers['retry-after'], clock.now()) ?? DEFAULT_RATE_LIMIT_PAUSE_MS;
          limiter.pauseAll(pauseMs, `429 from ${new URL(request.url).host}, pausing ${Math.ceil(pauseMs / 1000)} s`);
          logger?.warn({ url: request.url, pauseMs }, 'archive rate limit hit; pausing every archive call');
          lastFault = 'ARCHIVE_HTTP_429';
          continue;
        }
        if (!(fromArchive && response.status >= 500)) return response;
        lastFault = `ARCHIVE_HTTP_${response.status}`;
      } else {
        if (!TIMEOUT_CODES.has(outcome.code)) {
          throw new ArchiveLookupError(outcome.code, `${request.method} ${request.url}: ${outcome.message}`);
        }
        lastFault = outcome.code;
      }
      logger?.debug({ url: request.url, attempt, fault: lastFault }, 'archive call failed; retrying');
      if (attempt < ARCHIVE_ATTEMPTS) {
        await limiter.delay(RETRY_BASE_DELAY_MS * 2 ** (attempt - 1), options.signal ?? undefined);
      }
    }
    throw new ArchiveLookupError(
      lastFault,
      `${request.method} ${request.url}: ${lastFault} after ${ARCHIVE_ATTEMPTS} attempts`,
    );
  };

  async function sendOnce(
    request: HttpRequest,
  ): Promise<{ response: HttpResponse } | { code: string; message: string }> {
    const timeoutMs = Math.max(1, Math.min(options.requestTimeoutMs, limiter.remainingMs()));
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      return { response: await http.request({ ...request, signal }) };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (timeout.aborted) return { code: 'TOTAL_TIMEOUT', message: `no answer within ${timeoutMs} ms` };
      if (error instanceof HttpTransportError) return { code: error.code, message: error.message };
      throw error;
    }
  }
}
