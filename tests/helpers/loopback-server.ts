import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildConnector } from 'undici';
import { createHttpClient, type HttpClientOptions } from '../../src/check/http-client.js';
import type { HttpClient } from '../../src/model/http.js';

/** What the server saw of one request, in arrival order. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingMessage['headers'];
  /** performance.now() at arrival. */
  atMs: number;
}

export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  origin: string;
  host: string;
  port: number;
  /** `origin + path`. */
  url(path: string): string;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted (a refused request shows none). */
  readonly connections: number;
  /** Most requests in flight at once, measured here. */
  readonly maxConcurrent: number;
  /** Smallest gap between two request arrivals, in ms (Infinity below two requests). */
  minStartGapMs(): number;
  close(): Promise<void>;
}

/**
 * A real `node:http` server on loopback, recording every request it gets. Use a distinct
 * 127.x.y.z `host` (or port) per simulated web host. Sockets are destroyed on close so a
 * handler that stalls on purpose cannot keep the test run alive.
 */
export async function startLoopbackServer(
  handler: LoopbackHandler,
  options: { host?: string; port?: number } = {},
): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let active = 0;
  let maxConcurrent = 0;

  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, atMs: performance.now() });
    active += 1;
    maxConcurrent = Math.max(maxConcurrent, active);
    res.once('close', () => {
      active -= 1;
    });
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;

  return {
    origin,
    host,
    port,
    url: (path) => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    requests,
    get connections() {
      return connections;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    minStartGapMs() {
      let min = Number.POSITIVE_INFINITY;
      for (let i = 1; i < requests.length; i++) {
        const gap = (requests[i]?.atMs ?? 0) - (requests[i - 1]?.atMs ?? 0);
        min = Math.min(min, gap);
      }
      return min;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A handler dispatching on the request path (without query); unknown paths get 404. */
export function routes(table: Record<string, LoopbackHandler>): LoopbackHandler {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = table[path];
    if (route) return route(req, res);
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<html><head><title>404 Not Found</title></head><body>Not Found</body></html>');
  };
}

/** A handler answering with a fixed status, headers and body. */
export function reply(status: number, body = '', headers: Record<string, string> = {}): LoopbackHandler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
}

/** A small HTML page with a title and body text. */
export function htmlPage(title: string, text = 'Some article text.'): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

/** A connector (undici shape) that opens sockets only inside 127.0.0.0/8 and records any other attempt. */
export interface LoopbackOnlyConnector {
  connect: buildConnector.connector;
  /** Addresses something tried to reach outside loopback: must stay empty. */
  readonly violations: string[];
  /** Addresses connected to, in order. */
  readonly connected: string[];
}

/**
 * Guard tests pass this as the HTTP client's `connect`, so a broken address guard fails the
 * test with a recorded violation instead of sending a packet off this machine.
 */
export function createLoopbackOnlyConnector(
  /** Maps a pretend public address to the loopback server that plays it. */
  playedBy: Record<string, { host: string }> = {},
): LoopbackOnlyConnector {
  const base = buildConnector({ timeout: 2_000 });
  const violations: string[] = [];
  const connected: string[] = [];
  const connect: buildConnector.connector = (options, callback) => {
    const pretend = playedBy[options.hostname];
    const target = pretend ? pretend.host : options.hostname;
    if (!target.startsWith('127.')) {
      violations.push(target);
      callback(new Error(`test connector: refusing to leave loopback for ${target}`), null);
      return;
    }
    connected.push(target);
    base({ ...options, hostname: target }, (error, socket) => {
      if (socket && pretend) {
        // The peer plays a public host: make the socket report the address it stands in for.
        Object.defineProperty(socket, 'remoteAddress', { value: options.hostname });
      }
      if (error || !socket) callback(error ?? new Error('no socket'), null);
      else callback(null, socket);
    });
  };
  return { connect, violations, connected };
}

/** Short timeouts and small caps, so a test that goes wrong fails in seconds. */
const TEST_CLIENT_OPTIONS: HttpClientOptions = {
  connectTimeoutMs: 2_000,
  headersTimeoutMs: 2_000,
  totalTimeoutMs: 5_000,
  maxHeaderBytes: 16 * 1024,
  maxBodyBytes: 64 * 1024,
  allowPrivate: true,
};

/**
 * The real HTTP client as tests use it: allowed onto loopback and, through a loopback-only
 * connector, nowhere else.
 */
export function createLoopbackTestClient(
  overrides: Partial<HttpClientOptions> = {},
  connector: LoopbackOnlyConnector = createLoopbackOnlyConnector(),
): HttpClient {
  return createHttpClient({ ...TEST_CLIENT_OPTIONS, ...overrides }, { connect: connector.connect });
}
