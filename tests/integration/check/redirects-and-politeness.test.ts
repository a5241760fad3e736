import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage, type LoopbackServer, reply, routes, startLoopbackServer } from '../../helpers/loopback-server.js';
import { checkOne, checkUrls } from './check-harness.js';

describe('redirects followed by hand', () => {
  let a: LoopbackServer;
  let b: LoopbackServer;
  beforeAll(async () => {
    b = await startLoopbackServer(routes({ '/landing': reply(200, htmlPage('Landing')) }), { host: '127.0.0.2' });
    a = await startLoopbackServer(
      routes({
        '/one': reply(301, '', { location: '/two' }),
        '/two': reply(302, '', { location: '/three' }),
        '/three': (_req, res) => {
          res.writeHead(307, { location: `${b.origin}/landing` });
          res.end();
        },
        '/loop-a': reply(302, '', { location: '/loop-b' }),
        '/loop-b': reply(302, '', { location: '/loop-a' }),
        '/mailto': reply(302, '', { location: 'mailto:someone@example.test' }),
        '/no-location': reply(302, ''),
      }),
      { host: '127.0.0.1' },
    );
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('records every hop of a chain that crosses hosts, each request seen by its own server', async () => {
    const { verdict } = await checkOne(a.url('/one'));
    expect(verdict).toMatchObject({ kind: 'redirected', permanent: false, finalUrl: `${b.origin}/landing` });
    expect(verdict.evidence.redirects.map((h) => [h.status, h.location])).toEqual([
      [301, a.url('/two')],
      [302, a.url('/three')],
      [307, `${b.origin}/landing`],
    ]);
    expect(b.requests.map((r) => r.path)).toEqual(['/landing']);
  });

  it('detects a loop and stops', async () => {
    const before = a.requests.length;
    const { verdict } = await checkOne(a.url('/loop-a'));
    expect(verdict).toMatchObject({ kind: 'network-error', code: 'REDIRECT_LOOP' });
    expect(a.requests.length - before).toBe(2);
  });

  it('stops after maxRedirects hops', async () => {
    const { verdict } = await checkOne(a.url('/one'), { maxRedirects: 2 });
    expect(verdict).toMatchObject({ kind: 'network-error', code: 'TOO_MANY_REDIRECTS' });
    expect(verdict.evidence.redirects).toHaveLength(3);
  });

  it('skips a redirect to an unsupported scheme and reports a 3xx without Location', async () => {
    expect((await checkOne(a.url('/mailto'))).verdict).toMatchObject({
      kind: 'skipped',
      skipReason: 'unsupported-scheme',
    });
    expect((await checkOne(a.url('/no-location'))).verdict).toMatchObject({
      kind: 'network-error',
      code: 'REDIRECT_WITHOUT_LOCATION',
    });
  });
});

describe('HEAD and GET', () => {
  let site: LoopbackServer;
  beforeAll(async () => {
    site = await startLoopbackServer(
      routes({
        '/paper.pdf': (req, res) => {
          if (req.method === 'HEAD') {
            res.writeHead(405);
            res.end();
            return;
          }
          res.writeHead(200, { 'content-type': 'application/pdf' });
          res.end('%PDF-1.7');
        },
        '/data.csv': reply(200, 'a,b', { 'content-type': 'text/csv' }),
        '/report.pdf': reply(200, htmlPage('Document not found'), { 'content-type': 'text/html' }),
      }),
    );
  });
  afterAll(() => site.close());

  it('falls back to GET when HEAD is refused with 405', async () => {
    const { verdict } = await checkOne(site.url('/paper.pdf'));
    expect(verdict).toMatchObject({ kind: 'alive', evidence: { method: 'GET', attempts: 2 } });
    expect(site.requests.filter((r) => r.path === '/paper.pdf').map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('uses HEAD alone for a document whose body no verdict needs', async () => {
    const { verdict } = await checkOne(site.url('/data.csv'));
    expect(verdict).toMatchObject({ kind: 'alive', evidence: { method: 'HEAD', attempts: 1 } });
  });

  it('reads the body with GET when a HEAD says the document is really an HTML page', async () => {
    const { verdict } = await checkOne(site.url('/report.pdf'));
    expect(verdict).toMatchObject({ kind: 'soft-404', signal: 'title', evidence: { method: 'GET' } });
  });
});

describe('the random-path probe', () => {
  it('calls a page that looks like the answer to a random path a soft-404, probing once per host', async () => {
    const site = await startLoopbackServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(htmlPage('Example Shop', 'Welcome to our shop. Browse our catalogue.'));
    });
    try {
      const run = await checkUrls([site.url('/product/1'), site.url('/product/2')], { soft404Probe: true });
      for (const result of run.results) {
        expect(result.verdict).toMatchObject({ kind: 'soft-404', signal: 'random-path-probe' });
      }
      expect(site.requests.filter((r) => r.path.includes('citecheck-probe'))).toHaveLength(1);
    } finally {
      await site.close();
    }
  });

  it('leaves a page alone on a host that answers random paths with 404', async () => {
    const site = await startLoopbackServer(routes({ '/article': reply(200, htmlPage('Article')) }));
    try {
      expect((await checkOne(site.url('/article'), { soft404Probe: true })).verdict.kind).toBe('alive');
    } finally {
      await site.close();
    }
  });
});

function arrivalSpanMs(server: LoopbackServer): number {
  const first = server.requests[0]?.atMs ?? 0;
  return (server.requests.at(-1)?.atMs ?? first) - first;
}

describe('politeness, measured by the server', () => {
  it('holds hostConcurrency and hostInterval, overridable per host, while another host runs freely', async () => {
    const slowReply = (_req: unknown, res: import('node:http').ServerResponse) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(htmlPage('Page'));
      }, 120);
    };
    const polite = await startLoopbackServer(slowReply, { host: '127.0.0.3' });
    const strict = await startLoopbackServer(slowReply, { host: '127.0.0.4' });
    try {
      const urls = [
        ...Array.from({ length: 8 }, (_, i) => polite.url(`/p/${i}`)),
        ...Array.from({ length: 4 }, (_, i) => strict.url(`/s/${i}`)),
      ];
      const run = await checkUrls(urls, {
        hostConcurrency: 2,
        hostIntervalMs: 60,
        hosts: { [`127.0.0.4:${strict.port}`]: { concurrency: 1, intervalMs: 200 } },
      });
      expect(run.results.every((r) => r.verdict.kind === 'alive')).toBe(true);
      expect(polite.maxConcurrent).toBe(2);
      expect(strict.maxConcurrent).toBe(1);
      // The exact spacing is pinned under a fake clock (host-scheduler tests). Here the server's own
      // clock must agree over the whole run: on a loaded box one arrival can be late and crowd the
      // next, so the span is asserted with one interval of slack rather than every single gap.
      expect(arrivalSpanMs(polite)).toBeGreaterThanOrEqual(6 * 60);
      expect(arrivalSpanMs(strict)).toBeGreaterThanOrEqual(2 * 200);
    } finally {
      await polite.close();
      await strict.close();
    }
  });

  it('honours Retry-After in seconds and as an HTTP date by pausing that host', async () => {
    let calls = 0;
    const site = await startLoopbackServer((_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(429, { 'retry-after': '1' });
      else if (calls === 2) res.writeHead(503, { 'retry-after': new Date(Date.now() + 2_000).toUTCString() });
      else res.writeHead(200, { 'content-type': 'text/html' });
      res.end(htmlPage('Finally'));
    });
    try {
      const { verdict } = await checkOne(site.url('/'), { retries: 3 });
      expect(verdict).toMatchObject({ kind: 'alive', evidence: { attempts: 3 } });
      const [first, second, third] = site.requests.map((r) => r.atMs);
      // Without the pause the retry would follow within ~20 ms (the test's backoff base); the slack
      // below 1 s absorbs a late arrival on a loaded box. An HTTP date has one-second resolution:
      // at least one of its two seconds remains.
      expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(700);
      expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(700);
    } finally {
      await site.close();
    }
  });

  it('gives up at once on a Retry-After longer than maxRetryAfterMs: rate-limited, with the delay', async () => {
    const site = await startLoopbackServer(reply(429, '', { 'retry-after': '3600' }));
    try {
      const { verdict } = await checkOne(site.url('/'), { retries: 3 });
      expect(verdict).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3_600_000, evidence: { attempts: 1 } });
    } finally {
      await site.close();
    }
  });
});
