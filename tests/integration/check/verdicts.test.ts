import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupAll } from '../../../src/deps.js';
import { htmlPage, type LoopbackServer, reply, routes, startLoopbackServer } from '../../helpers/loopback-server.js';
import { checkOne } from './check-harness.js';

const MIB = 1024 * 1024;

describe('checkLinks verdicts, one rule each, against a real loopback server', () => {
  let site: LoopbackServer;
  let flaky = 0;
  beforeAll(async () => {
    site = await startLoopbackServer(
      routes({
        '/ok': reply(200, htmlPage('A real article')),
        '/moved': reply(301, '', { location: '/ok' }),
        '/temp': reply(302, '', { location: '/ok' }),
        '/gone': reply(410, 'gone'),
        '/bad-request': reply(400, 'no'),
        '/not-found-page': reply(200, htmlPage('Page not found', 'Sorry.')),
        '/articles/2020/deep': reply(302, '', { location: '/' }),
        '/': reply(200, htmlPage('Home')),
        '/login-wall': reply(302, '', { location: '/account/login?next=/x' }),
        '/account/login': reply(200, htmlPage('Sign in')),
        '/forbidden': reply(403, 'no'),
        '/auth': reply(401, 'no'),
        '/linkedin': reply(999, ''),
        '/cf': reply(403, htmlPage('Just a moment...'), { 'cf-mitigated': 'challenge' }),
        '/captcha': reply(200, '<html><body><div class="g-recaptcha"></div></body></html>'),
        '/error': reply(500, 'boom'),
        // 30,000 three-byte characters (90 KB) before the title: within the 64 K characters the
        // page rules scan, though past 64 KB.
        '/late-title': reply(
          200,
          `<html><head><meta name="description" content="${'記'.repeat(30_000)}"><title>Page not found</title></head></html>`,
        ),
        '/flaky': (_req, res) => {
          flaky += 1;
          res.writeHead(flaky === 1 ? 503 : 200, { 'content-type': 'text/html' });
          res.end(htmlPage('Recovered'));
        },
        '/slow-headers': (_req, res) => {
          setTimeout(() => res.destroyed || res.end('late'), 2_000).unref();
        },
        '/stall': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.write('<html><head><title>Half a page');
        },
        '/reset': (req) => {
          req.socket.destroy();
        },
        '/bomb': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
          res.end(gzipSync(Buffer.concat([Buffer.from(htmlPage('Bomb')), Buffer.alloc(30 * MIB, 0x20)])));
        },
        '/huge': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.write(htmlPage('Huge'));
          const chunk = Buffer.alloc(MIB, 0x20);
          let sent = 0;
          res.on('error', () => {});
          const pump = () => {
            while (sent < 50 && !res.destroyed) {
              sent += 1;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            res.end();
          };
          pump();
        },
      }),
    );
  });
  afterAll(() => site.close());

  it('alive: a 200 page, with its title', async () => {
    const { verdict } = await checkOne(site.url('/ok'));
    expect(verdict.kind).toBe('alive');
    expect(verdict.evidence).toMatchObject({
      status: 200,
      title: 'A real article',
      rule: 'status-200',
      attempts: 1,
      method: 'GET',
    });
  });

  it('redirected: permanent and temporary, with the final URL and the hops', async () => {
    const moved = (await checkOne(site.url('/moved'))).verdict;
    expect(moved).toMatchObject({ kind: 'redirected', permanent: true, finalUrl: site.url('/ok') });
    expect(moved.evidence.redirects).toEqual([{ url: site.url('/moved'), status: 301, location: site.url('/ok') }]);
    expect((await checkOne(site.url('/temp'))).verdict).toMatchObject({ kind: 'redirected', permanent: false });
  });

  it('soft-404: a not-found title, a deep link sent home, a login wall', async () => {
    expect((await checkOne(site.url('/not-found-page'))).verdict).toMatchObject({ kind: 'soft-404', signal: 'title' });
    expect((await checkOne(site.url('/articles/2020/deep'))).verdict).toMatchObject({
      kind: 'soft-404',
      signal: 'redirect-to-root',
    });
    expect((await checkOne(site.url('/login-wall'))).verdict).toMatchObject({
      kind: 'soft-404',
      signal: 'login-redirect',
    });
  });

  it('soft-404: a not-found title after 64 KB of multi-byte text, still within the characters scanned', async () => {
    expect((await checkOne(site.url('/late-title'))).verdict).toMatchObject({
      kind: 'soft-404',
      signal: 'title',
      evidence: { title: 'Page not found' },
    });
  });

  it('broken: 404, 410 and other definite 4xx', async () => {
    expect((await checkOne(site.url('/missing'))).verdict).toMatchObject({
      kind: 'broken',
      evidence: { rule: 'status-404' },
    });
    expect((await checkOne(site.url('/gone'))).verdict).toMatchObject({
      kind: 'broken',
      evidence: { rule: 'status-410' },
    });
    expect((await checkOne(site.url('/bad-request'))).verdict).toMatchObject({
      kind: 'broken',
      evidence: { rule: 'status-4xx' },
    });
  });

  it('broken: a domain that no longer resolves, while a canary answers', async () => {
    const lookup: LookupAll = async (host) => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };
    const result = await checkOne('http://gone-domain.test/page', { canaryUrls: [site.url('/ok')] }, { lookup });
    expect(result.verdict).toMatchObject({
      kind: 'broken',
      evidence: { rule: 'dns-not-found', errorCode: 'ENOTFOUND' },
    });
  });

  it('server-error: a 5xx after every retry, and a passing 503 is retried to alive', async () => {
    const error = (await checkOne(site.url('/error'), { retries: 3 })).verdict;
    expect(error).toMatchObject({ kind: 'server-error', evidence: { status: 500, attempts: 3 } });
    const recovered = (await checkOne(site.url('/flaky'))).verdict;
    expect(recovered).toMatchObject({ kind: 'alive', evidence: { attempts: 2 } });
  });

  it('blocked: 401, 403, 999, cf-mitigated and a captcha page are not dead', async () => {
    for (const path of ['/auth', '/forbidden', '/linkedin']) {
      expect((await checkOne(site.url(path))).verdict.kind).toBe('blocked');
    }
    expect((await checkOne(site.url('/cf'))).verdict).toMatchObject({
      kind: 'blocked',
      evidence: { rule: 'cf-mitigated' },
    });
    expect((await checkOne(site.url('/captcha'))).verdict).toMatchObject({
      kind: 'blocked',
      evidence: { rule: 'captcha' },
    });
  });

  it('timeout: slow headers and a body that stalls halfway, each with its phase', async () => {
    const slow = (await checkOne(site.url('/slow-headers'), { retries: 1 })).verdict;
    expect(slow).toMatchObject({ kind: 'timeout', phase: 'headers' });
    const stalled = (await checkOne(site.url('/stall'), { retries: 1 })).verdict;
    expect(stalled).toMatchObject({ kind: 'timeout', phase: 'body', evidence: { errorCode: 'UND_ERR_BODY_TIMEOUT' } });
  });

  it('network-error: a reset connection (retried) and a refused port, with their codes', async () => {
    const reset = (await checkOne(site.url('/reset'))).verdict;
    expect(reset).toMatchObject({ kind: 'network-error', evidence: { attempts: 2 } });
    expect(reset.kind === 'network-error' && reset.code).toMatch(/^(ECONNRESET|UND_ERR_SOCKET)$/);
    const closed = await startLoopbackServer(reply(200));
    const url = closed.url('/');
    await closed.close();
    expect((await checkOne(url)).verdict).toMatchObject({ kind: 'network-error', code: 'ECONNREFUSED' });
  });

  it('a gzip bomb and a 50 MB body are read only up to the cap', async () => {
    const started = Date.now();
    const bomb = (await checkOne(site.url('/bomb'), { maxBodyBytes: 256 * 1024 })).verdict;
    expect(bomb).toMatchObject({ kind: 'alive', evidence: { title: 'Bomb' } });
    const huge = (await checkOne(site.url('/huge'), { maxBodyBytes: 256 * 1024 })).verdict;
    expect(huge).toMatchObject({ kind: 'alive', evidence: { title: 'Huge' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
