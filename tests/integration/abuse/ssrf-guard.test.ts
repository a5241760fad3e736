import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLoopbackOnlyConnector,
  htmlPage,
  type LoopbackServer,
  reply,
  routes,
  startLoopbackServer,
} from '../../helpers/loopback-server.js';
import { lookupFrom, runCheck, testCheckConfig, verdictOf } from '../faults/check-harness.js';

/**
 * SSRF end to end through `checkLinks`: cited URLs and redirects that lead to loopback,
 * private or metadata addresses are skipped as `address-refused` unless `allowPrivate`.
 * The resolver is injected and the connector refuses to leave 127.0.0.0/8 (recording any
 * attempt), so a broken guard fails here instead of sending a packet off this machine.
 * "Public" hosts are played by loopback servers through the connector's address map.
 */

const PUBLIC_A = '203.0.113.10';
const PUBLIC_B = '203.0.113.11';

describe('SSRF guard, end to end', () => {
  /** The internal service an attacker wants to reach: must never see a request. */
  let internal: LoopbackServer;
  /** Plays the public host that sends the redirects. */
  let publicSite: LoopbackServer;

  beforeAll(async () => {
    publicSite = await startLoopbackServer(
      routes({
        '/ok': reply(200, htmlPage('A public article')),
        '/to': (req, res) => {
          const target = new URL(req.url ?? '/', 'http://x').searchParams.get('u') ?? '/';
          res.writeHead(302, { location: target, connection: 'close' });
          res.end();
        },
      }),
      { host: '127.0.0.2' },
    );
    // The internal service listens on the same port on 127.0.0.1, so a redirect or a
    // rebinding that slipped through would land on it.
    internal = await startLoopbackServer(reply(200, htmlPage('internal admin')), {
      host: '127.0.0.1',
      port: publicSite.port,
    });
  });
  afterAll(async () => {
    await Promise.all([internal.close(), publicSite.close()]);
  });

  const port = () => publicSite.port;
  function guardedDeps(table: Parameters<typeof lookupFrom>[0] = {}) {
    const connector = createLoopbackOnlyConnector({
      [PUBLIC_A]: { host: '127.0.0.2' },
      [PUBLIC_B]: { host: '127.0.0.2' },
    });
    return { connector, clientDeps: { lookup: lookupFrom(table), connect: connector.connect } };
  }

  function expectRefused(verdict: ReturnType<typeof verdictOf>) {
    expect(verdict.kind).toBe('skipped');
    if (verdict.kind === 'skipped') expect(verdict.skipReason).toBe('address-refused');
  }

  it.each([
    ['dotted loopback', (p: number) => `http://127.0.0.1:${p}/admin`],
    ['decimal loopback', (p: number) => `http://2130706433:${p}/admin`],
    ['hex loopback', (p: number) => `http://0x7f.0.0.1:${p}/admin`],
    ['octal loopback', (p: number) => `http://0177.0.0.1:${p}/admin`],
    ['short loopback', (p: number) => `http://127.1:${p}/admin`],
    ['IPv6 loopback', (p: number) => `http://[::1]:${p}/admin`],
    ['IPv4-mapped IPv6 (hex) loopback', (p: number) => `http://[::ffff:7f00:1]:${p}/admin`],
    ['IPv4-mapped cloud metadata', () => 'http://[::ffff:a9fe:a9fe]/latest/meta-data/'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['decimal cloud metadata', () => 'http://2852039166/latest/meta-data/'],
    ['private 10/8', () => 'http://10.0.0.1/'],
  ])('skips a cited %s URL without any connection', async (_name, urlOf) => {
    const { connector, clientDeps } = guardedDeps();
    const before = internal.requests.length;
    const url = urlOf(port());
    const run = await runCheck([url], testCheckConfig(), clientDeps);
    expectRefused(verdictOf(run, url));
    expect(connector.violations).toEqual([]);
    expect(connector.connected).toEqual([]);
    expect(internal.requests.length).toBe(before);
  });

  it.each([
    ['loopback', (p: number) => `http://127.0.0.1:${p}/admin`],
    ['decimal loopback', (p: number) => `http://2130706433:${p}/admin`],
    ['IPv6 loopback', (p: number) => `http://[::1]:${p}/admin`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/iam/'],
    ['private 10/8', () => 'http://10.0.0.1/'],
    ['a name that resolves to loopback', (p: number) => `http://intranet.test:${p}/admin`],
    ['a name that resolves to IPv4-mapped loopback', (p: number) => `http://mapped.test:${p}/admin`],
  ])('refuses a redirect from a public page to %s', async (_name, urlOf) => {
    const { connector, clientDeps } = guardedDeps({
      'public.test': PUBLIC_A,
      'intranet.test': '127.0.0.1',
      'mapped.test': '::ffff:127.0.0.1',
    });
    const before = internal.requests.length;
    const publicBefore = publicSite.requests.length;
    const url = `http://public.test:${port()}/to?u=${encodeURIComponent(urlOf(port()))}`;
    const run = await runCheck([url], testCheckConfig(), clientDeps);
    const verdict = verdictOf(run, url);
    expectRefused(verdict);
    // The first hop was fetched and recorded; the internal one never was.
    expect(publicSite.requests.length).toBe(publicBefore + 1);
    expect(verdict.evidence.redirects).toHaveLength(1);
    expect(internal.requests.length).toBe(before);
    expect(connector.violations).toEqual([]);
  });

  it('refuses a host that rebinds to loopback between two runs, through a redirect', async () => {
    // rebind.test answers public once, loopback after: a TTL-0 rebinding attack.
    const answers = [PUBLIC_B];
    const { connector, clientDeps } = guardedDeps({
      'public.test': PUBLIC_A,
      'rebind.test': () => answers.shift() ?? '127.0.0.1',
    });
    const before = internal.requests.length;
    const direct = `http://rebind.test:${port()}/ok`;
    const first = await runCheck([direct], testCheckConfig(), clientDeps);
    expect(verdictOf(first, direct).kind).toBe('alive');

    const viaRedirect = `http://public.test:${port()}/to?u=${encodeURIComponent(`http://rebind.test:${port()}/admin`)}`;
    const second = await runCheck([viaRedirect], testCheckConfig(), clientDeps);
    expectRefused(verdictOf(second, viaRedirect));
    expect(internal.requests.length).toBe(before);
    expect(connector.violations).toEqual([]);
  });

  it('refuses every private answer of a resolver that mixes public and private addresses', async () => {
    const { connector, clientDeps } = guardedDeps({ 'mixed.test': ['10.0.0.7', '127.0.0.1', '::1'] });
    const url = `http://mixed.test:${port()}/`;
    const before = internal.requests.length;
    const run = await runCheck([url], testCheckConfig(), clientDeps);
    expectRefused(verdictOf(run, url));
    expect(internal.requests.length).toBe(before);
    expect(connector.connected).toEqual([]);
    expect(connector.violations).toEqual([]);
  });

  it('does reach the same loopback URL with allowPrivate, so the refusals above are the guard', async () => {
    const { connector, clientDeps } = guardedDeps();
    const before = internal.requests.length;
    const url = `http://2130706433:${port()}/admin`;
    const run = await runCheck([url], testCheckConfig({ allowPrivate: true }), clientDeps);
    expect(verdictOf(run, url).kind).toBe('alive');
    expect(internal.requests.length).toBe(before + 1);
    expect(connector.violations).toEqual([]);
  });
});
