import { type HttpClient, type HttpRequest, type HttpResponse, HttpTransportError } from '../../../src/model/http.js';

export type FakeRoute =
  | { status: number; headers?: Record<string, string>; body?: string | Buffer; truncated?: boolean }
  | { error: string };

/** An in-memory HttpClient for unit tests: answers from a route table and records every request. */
export function createFakeHttp(routes: Record<string, FakeRoute>): HttpClient & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    async request(req) {
      requests.push(req);
      const route = routes[req.url];
      if (!route) return respond(req.url, { status: 404, body: 'no route' });
      if ('error' in route) throw new HttpTransportError(route.error, `fake ${route.error}`);
      return respond(req.url, route);
    },
    async close() {},
  };
}

function respond(url: string, route: Exclude<FakeRoute, { error: string }>): HttpResponse {
  const body = typeof route.body === 'string' ? Buffer.from(route.body) : (route.body ?? Buffer.alloc(0));
  return {
    url,
    status: route.status,
    headers: route.headers ?? {},
    body,
    truncated: route.truncated ?? false,
    remoteAddress: '127.0.0.1',
    timings: { startMs: 0, headersMs: 0, endMs: 0 },
  };
}
