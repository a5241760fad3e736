import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, httpClientOptionsFrom } from '../../../src/check/http-client.js';
import { checkLinks } from '../../../src/check/index.js';
import type { LookupAll } from '../../../src/deps.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import {
  createLoopbackOnlyConnector,
  htmlPage,
  type LoopbackServer,
  reply,
  routes,
  startLoopbackServer,
} from '../../helpers/loopback-server.js';
import { checkUrls, testConfig } from './check-harness.js';

const noDns: LookupAll = async (host) => {
  throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${host}`), { code: 'EAI_AGAIN' });
};

describe('no network is not link rot', () => {
  it('marks every link offline, fast, when DNS fails and every canary fails too', async () => {
    const urls = Array.from({ length: 45 }, (_, i) => `https://host-${i % 15}.example.test/page/${i}`);
    const started = Date.now();
    const run = await checkUrls(urls, { hostIntervalMs: 250 }, { lookup: noDns });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.results).toHaveLength(45);
    expect(run.results.every((r) => r.verdict.kind === 'offline')).toBe(true);
    expect(run.network).toMatchObject({
      state: 'offline',
      message: 'network unreachable: 45 links could not be checked',
    });
    expect(run.network.canaries).toEqual([{ url: 'http://127.0.0.1:9/', ok: false, detail: 'ECONNREFUSED' }]);
  });

  it('tells a dead domain from no network when one canary answers', async () => {
    const canary = await startLoopbackServer(reply(204));
    try {
      const run = await checkUrls(
        ['https://dead.example.test/'],
        { canaryUrls: ['http://127.0.0.1:9/', canary.url('/')] },
        {
          lookup: noDns,
        },
      );
      expect(run.network.state).toBe('online');
      expect(run.results[0]?.verdict).toMatchObject({ kind: 'network-error', code: 'EAI_AGAIN' });
    } finally {
      await canary.close();
    }
  });
});

describe('address guard in a run', () => {
  let internal: LoopbackServer;
  let front: LoopbackServer;
  beforeAll(async () => {
    internal = await startLoopbackServer(reply(200, 'internal admin'), { host: '127.0.0.5' });
    front = await startLoopbackServer(
      routes({ '/go': reply(302, '', { location: `http://127.0.0.5:${internal.port}/admin` }) }),
      { host: '127.0.0.6' },
    );
  });
  afterAll(async () => {
    await internal.close();
    await front.close();
  });

  it('skips loopback, metadata and private URLs by default: the server sees nothing', async () => {
    const connector = createLoopbackOnlyConnector();
    const config = testConfig({ allowPrivate: false });
    const http = createHttpClient(httpClientOptionsFrom(config), { connect: connector.connect, lookup: noDns });
    try {
      const urls = [internal.url('/'), 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/', 'http://[::1]/'];
      const run = await checkLinks(
        urls.map((url) => ({ key: url, url })),
        config,
        { http },
      );
      for (const result of run.results) {
        expect(result.verdict).toMatchObject({ kind: 'skipped', skipReason: 'address-refused' });
      }
      expect(internal.connections).toBe(0);
      expect(connector.violations).toEqual([]);
    } finally {
      await http.close();
    }
  });

  it('refuses a redirect from a public host to an internal address', async () => {
    // 203.0.113.20 plays a public host; the socket to it really goes to the front server on loopback.
    const connector = createLoopbackOnlyConnector({ '203.0.113.20': { host: '127.0.0.6' } });
    const config = testConfig({ allowPrivate: false });
    const http = createHttpClient(httpClientOptionsFrom(config), {
      connect: connector.connect,
      lookup: async () => [{ address: '203.0.113.20', family: 4 }],
    });
    try {
      const url = `http://public.example.test:${front.port}/go`;
      const run = await checkLinks([{ key: url, url }], config, { http });
      expect(run.results[0]?.verdict).toMatchObject({ kind: 'skipped', skipReason: 'address-refused' });
      expect(run.results[0]?.verdict.evidence.redirects).toHaveLength(1);
      expect(front.requests.map((r) => r.path)).toEqual(['/go']);
      expect(internal.connections).toBe(0);
      expect(connector.violations).toEqual([]);
    } finally {
      await http.close();
    }
  });
});

describe('filters, keys, cache and interrupts', () => {
  let site: LoopbackServer;
  beforeAll(async () => {
    site = await startLoopbackServer(
      routes({
        '/a': reply(200, htmlPage('A')),
        '/b': reply(200, htmlPage('B')),
        '/blocked': reply(403, ''),
        '/slow': (_req, res) => {
          setTimeout(() => res.destroyed || res.end(htmlPage('Slow')), 300).unref();
        },
      }),
    );
  });
  afterAll(() => site.close());

  it('skips excluded and unsupported URLs without a request', async () => {
    const before = site.requests.length;
    const run = await checkUrls([site.url('/a?private=1'), 'ftp://files.example.test/x', 'not a url'], {
      exclude: ['private=1'],
    });
    expect(run.results.map((r) => r.verdict.kind === 'skipped' && r.verdict.skipReason)).toEqual([
      'excluded',
      'unsupported-scheme',
      'invalid-url',
    ]);
    expect(site.requests.length).toBe(before);
  });

  it('checks each unique key once', async () => {
    const before = site.requests.length;
    const run = await checkLinks(
      [
        { key: 'k', url: site.url('/a') },
        { key: 'k', url: site.url('/a#section') },
      ],
      testConfig(),
    );
    expect(run.results).toHaveLength(1);
    expect(site.requests.length - before).toBe(1);
  });

  it('reuses fresh live results from the store, never rot or inconclusive ones, and not with cache off', async () => {
    const store = createMemoryStore();
    const urls = [site.url('/a'), site.url('/blocked'), site.url('/gone')];
    await checkUrls(urls, {}, { store });
    const before = site.requests.length;
    const second = await checkUrls(urls, {}, { store });
    expect(second.results.map((r) => [r.verdict.kind, r.fromCache])).toEqual([
      ['alive', true],
      ['blocked', false],
      ['broken', false],
    ]);
    expect(site.requests.slice(before).map((r) => r.path)).toEqual(['/blocked', '/gone']);
    const third = await checkUrls(urls, { cache: false }, { store });
    expect(third.results.every((r) => !r.fromCache)).toBe(true);
    const stale = await checkUrls(urls, { cacheTtlMs: 0 }, { store });
    expect(stale.results[0]?.fromCache).toBe(false);
  });

  it('resumes a run: what it recorded is reused, inconclusive included, and only the rest is checked', async () => {
    const store = createMemoryStore();
    const runId = store.beginRun(new Date().toISOString(), { command: 'check' });
    const urls = [site.url('/blocked'), site.url('/b')];
    // The first, cut-short run got as far as one link.
    const first = await checkUrls([urls[0] ?? ''], {}, { store, runId });
    expect(first.results[0]?.verdict.kind).toBe('blocked');
    const before = site.requests.length;
    const resumed = await checkUrls(urls, {}, { store, runId });
    expect(resumed.results.map((r) => [r.verdict.kind, r.fromCache])).toEqual([
      ['blocked', true],
      ['alive', false],
    ]);
    expect(site.requests.slice(before).map((r) => r.path)).toEqual(['/b']);
    expect(store.resultsInRun(runId).map((r) => r.key)).toEqual(urls);
  });

  it('on abort stops starting checks, keeps what finished in the store, and says interrupted', async () => {
    const store = createMemoryStore();
    const controller = new AbortController();
    const urls = [site.url('/a'), ...Array.from({ length: 6 }, (_, i) => site.url(`/slow?${i}`))];
    const run = await checkUrls(
      urls,
      { hostConcurrency: 1, hostIntervalMs: 0 },
      {
        store,
        signal: controller.signal,
        onResult: () => controller.abort(new Error('interrupted')),
      },
    );
    expect(run.interrupted).toBe(true);
    expect(run.results.length).toBeGreaterThanOrEqual(1);
    expect(run.results.length).toBeLessThan(urls.length);
    const interrupted = store.lastInterruptedRun();
    expect(interrupted).not.toBeNull();
    expect(store.recordedInRun(interrupted?.runId ?? -1)).toEqual(new Set(run.results.map((r) => r.key)));
  });
});
