import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientDeps, type HttpClientOptions } from '../../../src/check/http-client.js';
import type { LookupAll } from '../../../src/deps.js';
import { type HttpClient, HttpTransportError } from '../../../src/model/http.js';
import { DEFAULT_USER_AGENT } from '../../../src/version.js';
import {
  createLoopbackOnlyConnector,
  type LoopbackServer,
  reply,
  routes,
  startLoopbackServer,
} from '../../helpers/loopback-server.js';

const MIB = 1024 * 1024;
const OPTIONS: HttpClientOptions = {
  connectTimeoutMs: 1_000,
  headersTimeoutMs: 400,
  totalTimeoutMs: 2_000,
  maxHeaderBytes: 16 * 1024,
  maxBodyBytes: 64 * 1024,
  allowPrivate: true,
};

async function transportErrorOf(promise: Promise<unknown>): Promise<HttpTransportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpTransportError);
  return error as HttpTransportError;
}

const clients: HttpClient[] = [];
function client(options: Partial<HttpClientOptions> = {}, deps: HttpClientDeps = {}): HttpClient {
  const c = createHttpClient({ ...OPTIONS, ...options }, deps);
  clients.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('createHttpClient over real loopback sockets', () => {
  let server: LoopbackServer;
  const bomb = gzipSync(Buffer.alloc(20 * MIB));
  // Incompressible, so the encoded body is past the one-shot decode size and is streamed.
  const bigText = Buffer.from(
    Array.from({ length: 60_000 }, (_, i) => ((i * 2_654_435_761) >>> 0).toString(36)).join(' '),
  );
  const bigGzip = gzipSync(bigText, { level: 0 });
  beforeAll(async () => {
    server = await startLoopbackServer(
      routes({
        '/page': reply(200, '<title>Hello</title>', { 'x-multi': 'a' }),
        '/redirect': reply(302, '', { location: '/page' }),
        '/gzip': (_req, res) => {
          res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
          res.end(gzipSync('decoded text'));
        },
        '/big-gzip': (_req, res) => {
          res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
          res.end(bigGzip);
        },
        '/big-gzip-reset': (req, res) => {
          // Past the one-shot size, so the body is being streamed through the decoder when the peer goes.
          res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
          res.write(bigGzip.subarray(0, 300 * 1024), () => setTimeout(() => req.socket.destroy(), 20));
        },
        '/stall-big-gzip': (_req, res) => {
          res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
          res.write(bigGzip.subarray(0, 300 * 1024)); // and then nothing more
        },
        '/br': (_req, res) => {
          res.writeHead(200, { 'content-encoding': 'br', 'content-type': 'text/plain' });
          res.end(brotliCompressSync('brotli text'));
        },
        '/corrupt-gzip': (_req, res) => {
          res.writeHead(200, { 'content-encoding': 'gzip' });
          res.end('this is not gzip');
        },
        '/bomb': (_req, res) => {
          res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/html' });
          res.end(bomb);
        },
        '/huge': (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(50 * MIB) });
          const chunk = Buffer.alloc(MIB, 0x61);
          let sent = 0;
          const pump = () => {
            while (sent < 50 && !res.destroyed) {
              sent += 1;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            res.end();
          };
          res.on('error', () => {});
          pump();
        },
        '/big-headers': (_req, res) => {
          res.writeHead(200, { 'x-big': 'x'.repeat(32 * 1024) });
          res.end('ok');
        },
        '/slow-headers': (_req, res) => {
          setTimeout(() => {
            if (!res.destroyed) res.end('late');
          }, 1_500).unref();
        },
        '/stall-body': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.write('<html><head><title>Half</title>'); // and then nothing more
        },
        '/drip': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          const timer = setInterval(() => res.write('.'), 100);
          res.once('close', () => clearInterval(timer));
        },
        '/reset': (req) => {
          req.socket.destroy();
        },
      }),
    );
  });
  afterAll(() => server.close());

  it('sends an honest User-Agent and browser-like Accept headers, and does not follow redirects', async () => {
    const res = await client().request({ url: server.url('/redirect'), method: 'GET' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/page');
    const seen = server.requests.at(-1);
    expect(seen?.path).toBe('/redirect');
    expect(seen?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(seen?.headers.accept).toContain('text/html');
    expect(seen?.headers['accept-encoding']).toContain('gzip');
    expect(res.remoteAddress).toBe('127.0.0.1');
  });

  it('reports when a request goes out: once, before the answer, and never for a refused connection', async () => {
    const c = client();
    const events: string[] = [];
    const before = server.requests.length;
    const res = await c.request({ url: server.url('/page'), method: 'GET', onSent: () => events.push('sent') });
    events.push(`answered ${res.status}`);
    expect(events).toEqual(['sent', 'answered 200']);
    expect(server.requests.length).toBe(before + 1);
    const closed = await startLoopbackServer(reply(200));
    const url = closed.url('/');
    await closed.close();
    let refusedSent = false;
    await transportErrorOf(c.request({ url, method: 'GET', onSent: () => (refusedSent = true) }));
    expect(refusedSent).toBe(false);
  });

  it('lets configured and per-request headers override the defaults', async () => {
    const c = client({ userAgent: 'custom-agent/1', headers: { 'X-Token': 'abc' } });
    await c.request({ url: server.url('/page'), method: 'HEAD', headers: { Accept: 'text/plain' } });
    const seen = server.requests.at(-1);
    expect(seen?.method).toBe('HEAD');
    expect(seen?.headers['user-agent']).toBe('custom-agent/1');
    expect(seen?.headers['x-token']).toBe('abc');
    expect(seen?.headers.accept).toBe('text/plain');
  });

  it('reuses a keep-alive connection for requests to one origin', async () => {
    const before = server.connections;
    const c = client();
    for (let i = 0; i < 6; i++) await c.request({ url: server.url('/page'), method: 'GET' });
    // The pool may open another socket while the first is still settling; never one per request.
    expect(server.connections - before).toBeLessThanOrEqual(3);
  });

  it('decodes gzip and br bodies', async () => {
    const c = client();
    const gz = await c.request({ url: server.url('/gzip'), method: 'GET' });
    expect(gz.body.toString()).toBe('decoded text');
    const br = await c.request({ url: server.url('/br'), method: 'GET' });
    expect(br.body.toString()).toBe('brotli text');
  });

  it('decodes a gzip body too big to decode in one go, and cuts it at the cap', async () => {
    expect(bigGzip.length).toBeGreaterThan(256 * 1024);
    const whole = await client().request({ url: server.url('/big-gzip'), method: 'GET', maxBodyBytes: 4 * MIB });
    expect(whole.truncated).toBe(false);
    expect(whole.body.equals(bigText)).toBe(true);
    const cut = await client().request({ url: server.url('/big-gzip'), method: 'GET', maxBodyBytes: 1000 });
    expect(cut.truncated).toBe(true);
    expect(cut.body.equals(bigText.subarray(0, 1000))).toBe(true);
  });

  it('reports a connection lost in the middle of a streamed encoded body as the transport fault, not a decode one', async () => {
    const error = await transportErrorOf(
      client().request({ url: server.url('/big-gzip-reset'), method: 'GET', maxBodyBytes: 4 * MIB }),
    );
    expect(error.code).toMatch(/^(ECONNRESET|UND_ERR_SOCKET)$/);
    const aborted = new AbortController();
    const pending = client().request({
      url: server.url('/stall-big-gzip'),
      method: 'GET',
      maxBodyBytes: 4 * MIB,
      signal: aborted.signal,
    });
    setTimeout(() => aborted.abort(), 150);
    expect((await transportErrorOf(pending)).code).toBe('ABORTED');
  });

  it('reports a body that does not decode as DECODE_FAILED', async () => {
    const error = await transportErrorOf(client().request({ url: server.url('/corrupt-gzip'), method: 'GET' }));
    expect(error.code).toBe('DECODE_FAILED');
  });

  it('caps the decoded size of a gzip bomb', async () => {
    const res = await client().request({ url: server.url('/bomb'), method: 'GET', maxBodyBytes: 100_000 });
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBe(100_000);
  });

  it('reads a 50 MB body only up to the cap and drops the rest', async () => {
    const started = Date.now();
    const res = await client().request({ url: server.url('/huge'), method: 'GET' });
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBe(OPTIONS.maxBodyBytes);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reads nothing on HEAD', async () => {
    const res = await client().request({ url: server.url('/page'), method: 'HEAD' });
    expect(res.body.length).toBe(0);
    expect(res.truncated).toBe(false);
  });

  it('refuses oversized headers', async () => {
    const error = await transportErrorOf(client().request({ url: server.url('/big-headers'), method: 'GET' }));
    expect(error.code).toBe('UND_ERR_HEADERS_OVERFLOW');
  });

  it('times out slow headers, a stalled body and an endless drip with distinct codes', async () => {
    const c = client();
    expect((await transportErrorOf(c.request({ url: server.url('/slow-headers'), method: 'GET' }))).code).toBe(
      'UND_ERR_HEADERS_TIMEOUT',
    );
    expect((await transportErrorOf(c.request({ url: server.url('/stall-body'), method: 'GET' }))).code).toBe(
      'UND_ERR_BODY_TIMEOUT',
    );
    const drip = client({ totalTimeoutMs: 600 });
    expect((await transportErrorOf(drip.request({ url: server.url('/drip'), method: 'GET' }))).code).toBe(
      'TOTAL_TIMEOUT',
    );
  });

  it('reports a reset connection and a refused port', async () => {
    const c = client();
    expect((await transportErrorOf(c.request({ url: server.url('/reset'), method: 'GET' }))).code).toMatch(
      /^(ECONNRESET|UND_ERR_SOCKET)$/,
    );
    const closed = await startLoopbackServer(reply(200));
    const url = closed.url('/');
    await closed.close();
    expect((await transportErrorOf(c.request({ url, method: 'GET' }))).code).toBe('ECONNREFUSED');
  });

  it('refuses schemes other than http and https', async () => {
    const error = await transportErrorOf(client().request({ url: 'ftp://127.0.0.1/file', method: 'GET' }));
    expect(error.code).toBe('UNSUPPORTED_SCHEME');
  });

  it('passes DNS failures on with their code', async () => {
    const lookup: LookupAll = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND gone.test'), { code: 'ENOTFOUND' });
    };
    const error = await transportErrorOf(client({}, { lookup }).request({ url: 'http://gone.test/', method: 'GET' }));
    expect(error.code).toBe('ENOTFOUND');
  });
});

describe('address guard', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer(reply(200, 'secret'));
  });
  afterAll(() => server.close());

  function guarded(lookup: LookupAll) {
    const connector = createLoopbackOnlyConnector();
    return { connector, http: client({ allowPrivate: false }, { lookup, connect: connector.connect }) };
  }
  const noDns: LookupAll = async (host) => {
    throw new Error(`no DNS expected for ${host}`);
  };

  it.each([
    ['loopback literal', (port: number) => `http://127.0.0.1:${port}/`],
    ['IPv6 loopback', (port: number) => `http://[::1]:${port}/`],
    ['IPv4-mapped IPv6 loopback', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['private 10/8', () => 'http://10.0.0.1/'],
    ['private 192.168/16', () => 'http://192.168.1.1/'],
    ['CGNAT', () => 'http://100.64.0.1/'],
    ['unspecified', () => 'http://0.0.0.0/'],
  ])('refuses a %s URL before any connection', async (_name, urlOf) => {
    const { connector, http } = guarded(noDns);
    const before = server.connections;
    const error = await transportErrorOf(http.request({ url: urlOf(server.port), method: 'GET' }));
    expect(error.code).toBe('ADDRESS_REFUSED');
    expect(connector.violations).toEqual([]);
    expect(connector.connected).toEqual([]);
    expect(server.connections).toBe(before);
  });

  it('refuses a host name that resolves to loopback: the server sees no request', async () => {
    const { connector, http } = guarded(async () => [{ address: '127.0.0.1', family: 4 }]);
    const before = server.requests.length;
    const error = await transportErrorOf(http.request({ url: `http://intranet.test:${server.port}/`, method: 'GET' }));
    expect(error.code).toBe('ADDRESS_REFUSED');
    expect(server.requests.length).toBe(before);
    expect(connector.connected).toEqual([]);
  });

  it('connects to the address vetted at connect time when DNS rebinds', async () => {
    // First answer public (the connector would leave loopback: recorded, refused), then, once
    // the remembered answer has aged out, loopback.
    const answers = ['203.0.113.7', '127.0.0.1'];
    let nowMs = 0;
    const connector = createLoopbackOnlyConnector();
    const http = client(
      { allowPrivate: false },
      {
        lookup: async () => [{ address: answers.shift() ?? '127.0.0.1', family: 4 }],
        connect: connector.connect,
        clock: { now: () => nowMs },
      },
    );
    const before = server.requests.length;
    const first = await transportErrorOf(http.request({ url: `http://rebind.test:${server.port}/`, method: 'GET' }));
    expect(first.code).not.toBe('ADDRESS_REFUSED');
    expect(connector.violations).toEqual(['203.0.113.7']);
    nowMs += 61_000;
    const second = await transportErrorOf(http.request({ url: `http://rebind.test:${server.port}/`, method: 'GET' }));
    expect(second.code).toBe('ADDRESS_REFUSED');
    expect(server.requests.length).toBe(before);
    expect(connector.connected).toEqual([]);
  });

  it('remembers a DNS answer for a while, and forgets a temporary failure', async () => {
    const asked: string[] = [];
    const lookup: LookupAll = async (host) => {
      asked.push(host);
      if (host === 'flaky.test') throw Object.assign(new Error('EAI_AGAIN'), { code: 'EAI_AGAIN' });
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const http = client({}, { lookup });
    // Two origins on one host name: two connection pools, one lookup.
    const other = await startLoopbackServer(reply(200));
    try {
      await http.request({ url: `http://cached.test:${server.port}/`, method: 'GET' });
      await http.request({ url: `http://cached.test:${other.port}/`, method: 'GET' });
    } finally {
      await other.close();
    }
    for (let i = 0; i < 2; i++) {
      await transportErrorOf(http.request({ url: `http://flaky.test:${server.port}/`, method: 'GET' }));
    }
    expect(asked).toEqual(['cached.test', 'flaky.test', 'flaky.test']);
  });

  it('judges the socket actually connected, whatever the connector did', async () => {
    // A connector that ignores the vetted address and reaches loopback anyway.
    const rogue = createLoopbackOnlyConnector();
    const http = client(
      { allowPrivate: false },
      {
        lookup: async () => [{ address: '203.0.113.9', family: 4 }],
        connect: (options, callback) => rogue.connect({ ...options, hostname: '127.0.0.1' }, callback),
      },
    );
    const before = server.requests.length;
    const error = await transportErrorOf(http.request({ url: `http://rogue.test:${server.port}/`, method: 'GET' }));
    expect(error.code).toBe('ADDRESS_REFUSED');
    expect(server.requests.length).toBe(before);
  });

  it('lets a host that resolves to a public address through', async () => {
    const connector = createLoopbackOnlyConnector({ '203.0.113.10': { host: '127.0.0.1' } });
    const http = client(
      { allowPrivate: false },
      { lookup: async () => [{ address: '203.0.113.10', family: 4 }], connect: connector.connect },
    );
    const res = await http.request({ url: `http://public.test:${server.port}/`, method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.remoteAddress).toBe('203.0.113.10');
    expect(connector.violations).toEqual([]);
  });
});
