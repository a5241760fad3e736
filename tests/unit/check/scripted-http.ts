import type { Clock } from '../../../src/deps.js';
import { type HttpClient, type HttpRequest, type HttpResponse, HttpTransportError } from '../../../src/model/http.js';

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Fail with this transport code instead of answering. */
  error?: string;
}

export interface ScriptedHttp extends HttpClient {
  /** Every request, with the fake time it was sent at. */
  readonly sent: Array<{ url: string; method: string; atMs: number }>;
}

/** An HttpClient answering from a function, for unit tests under a fake clock: no sockets at all. */
export function createScriptedHttp(
  clock: Clock,
  answer: (req: HttpRequest, nth: number) => ScriptedAnswer,
): ScriptedHttp {
  const sent: ScriptedHttp['sent'] = [];
  const counts = new Map<string, number>();
  return {
    sent,
    async request(req): Promise<HttpResponse> {
      const nth = (counts.get(req.url) ?? 0) + 1;
      counts.set(req.url, nth);
      sent.push({ url: req.url, method: req.method, atMs: clock.now() });
      req.onSent?.();
      const a = answer(req, nth);
      if (a.error) throw new HttpTransportError(a.error, `scripted ${a.error}`);
      const now = clock.now();
      return {
        url: req.url,
        status: a.status ?? 200,
        headers: { 'content-type': 'text/html', ...a.headers },
        body: req.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(a.body ?? '<title>Page</title>'),
        truncated: false,
        remoteAddress: '203.0.113.1',
        timings: { startMs: now, headersMs: now, endMs: now },
      };
    },
    close: async () => {},
  };
}
