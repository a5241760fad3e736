import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRot } from '../../../src/model/link-result.js';
import { htmlPage, type LoopbackServer, reply, routes, startLoopbackServer } from '../../helpers/loopback-server.js';
import { lookupFrom, runCheck, testCheckConfig, verdictOf } from './check-harness.js';

/** DNS that fails for some hosts only: dead domains are rot, a flaky resolver is not. */
function dnsError(code: string, hostname: string): never {
  throw Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname });
}

describe('DNS failures for a subset of hosts', () => {
  let alive: LoopbackServer;
  let other: LoopbackServer;
  beforeAll(async () => {
    alive = await startLoopbackServer(
      routes({ '/': reply(200, htmlPage('Canary')), '/a': reply(200, htmlPage('A')) }),
      {
        host: '127.0.0.14',
      },
    );
    other = await startLoopbackServer(routes({ '/b': reply(200, htmlPage('B')) }), { host: '127.0.0.15' });
  });
  afterAll(async () => {
    await Promise.all([alive.close(), other.close()]);
  });

  it('calls NXDOMAIN hosts broken, a temporary resolver failure inconclusive, and the rest alive', async () => {
    const lookup = lookupFrom({
      'alive.test': '127.0.0.14',
      'canary.test': '127.0.0.14',
      'other.test': '127.0.0.15',
      'flaky.test': () => dnsError('EAI_AGAIN', 'flaky.test'),
    });
    const url = (host: string, path: string, port: number) => `http://${host}:${port}${path}`;
    const urls = {
      a: url('alive.test', '/a', alive.port),
      b: url('other.test', '/b', other.port),
      gone1: url('gone.test', '/x', alive.port),
      gone2: url('expired-domain.test', '/y', alive.port),
      flaky: url('flaky.test', '/z', alive.port),
    };
    const config = testCheckConfig({ allowPrivate: true, canaryUrls: [url('canary.test', '/', alive.port)] });
    const started = performance.now();
    const run = await runCheck(Object.values(urls), config, { lookup });

    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.network.state).toBe('online');
    expect(verdictOf(run, urls.a).kind).toBe('alive');
    expect(verdictOf(run, urls.b).kind).toBe('alive');
    expect(verdictOf(run, urls.gone1)).toMatchObject({ kind: 'broken', evidence: { rule: 'dns-not-found' } });
    expect(verdictOf(run, urls.gone2)).toMatchObject({ kind: 'broken', evidence: { rule: 'dns-not-found' } });
    const flaky = verdictOf(run, urls.flaky);
    expect(isRot(flaky)).toBe(false);
    expect(flaky).toMatchObject({ kind: 'network-error', code: 'EAI_AGAIN' });
  });

  it('says offline, not broken, when the resolver fails for the canary too', async () => {
    const lookup = lookupFrom({});
    const urls = [`http://gone.test:${alive.port}/x`, `http://also-gone.test:${alive.port}/y`];
    const config = testCheckConfig({ allowPrivate: true, canaryUrls: [`http://canary.test:${alive.port}/`] });
    const started = performance.now();
    const run = await runCheck(urls, config, { lookup });

    expect(performance.now() - started).toBeLessThan(15_000);
    expect(run.network.state).toBe('offline');
    for (const u of urls) expect(verdictOf(run, u).kind).toBe('offline');
    expect(run.results.some((r) => isRot(r.verdict))).toBe(false);
  });
});
