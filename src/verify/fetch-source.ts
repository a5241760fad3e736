import { type HttpClient, HttpTransportError } from '../model/http.js';
import { type Unreadable, unreadable } from './source-text.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5';

export interface FetchedBody {
  kind: 'fetched';
  finalUrl: string;
  contentType: string | null;
  body: Buffer;
}

export interface FetchSourceOptions {
  http: HttpClient;
  maxBodyBytes: number;
  maxRedirects: number;
  signal?: AbortSignal | undefined;
}

/**
 * GETs a source to read, following redirects by hand (the client never does, so each hop
 * goes through its address guard) up to `maxRedirects`, and refusing a body over the cap.
 */
export async function fetchSource(url: string, options: FetchSourceOptions): Promise<FetchedBody | Unreadable> {
  const seen = new Set<string>();
  let current = url;
  for (let hop = 0; hop <= options.maxRedirects; hop += 1) {
    seen.add(current);
    let response: Awaited<ReturnType<HttpClient['request']>>;
    try {
      response = await options.http.request({
        url: current,
        method: 'GET',
        headers: { accept: ACCEPT },
        maxBodyBytes: options.maxBodyBytes,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const code = error instanceof HttpTransportError ? error.code : 'UNKNOWN';
      if (code === 'BODY_TOO_LARGE') return unreadable('too-large', null, `body of ${current} is over the cap`);
      return unreadable('fetch-failed', null, `${code}: ${(error as Error).message}`);
    }
    const contentType = response.headers['content-type'] ?? null;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(response.status) && location) {
      let next: string;
      try {
        next = new URL(location, current).href;
      } catch {
        return unreadable('fetch-failed', contentType, `HTTP ${response.status} with a bad Location: ${location}`);
      }
      if (seen.has(next)) return unreadable('fetch-failed', contentType, `redirect loop at ${next}`);
      current = next;
      continue;
    }
    if (response.status < 200 || response.status > 299) {
      return unreadable('fetch-failed', contentType, `HTTP ${response.status} from ${current}`);
    }
    if (response.truncated) {
      return unreadable('too-large', contentType, `body of ${current} is over the ${options.maxBodyBytes}-byte cap`);
    }
    return { kind: 'fetched', finalUrl: current, contentType, body: response.body };
  }
  return unreadable('fetch-failed', null, `more than ${options.maxRedirects} redirects from ${url}`);
}
