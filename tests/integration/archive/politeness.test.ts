import { describe, expect, it } from 'vitest';
import { findSnapshots, type SnapshotRequest } from '../../../src/archive/index.js';
import type { HttpClient } from '../../../src/model/http.js';
import type { ReferenceDate, SnapshotLookup } from '../../../src/model/snapshot.js';
import { archivedArticle, type CdxRow, mementoHeaders } from '../../fixtures/archive/wayback-bodies.js';
import { startLoopbackServer } from '../../helpers/loopback-server.js';
import { createFakeTime, type FakeTime } from '../../unit/archive/fake-time.js';
import {
  archiveConfigFor,
  type CannedReply,
  createLoopbackClient,
  createRecordingLogger,
  type FakeWaybackOptions,
  useFakeWaybackSession,
} from './fake-wayback.js';

/** Close to the fake "now" (2026-01-01), so the CDX window reaches today and no drift query is needed. */
const RECENT: ReferenceDate = { from: '2025-12-15', to: '2025-12-15', source: 'accessed', text: null };
const CAPTURE = '20251210101010';
const pageUrl = (i: number) => `https://example.org/page-${i}`;

/** Every page has one sound capture. */
function archiveOf(count: number): Pick<FakeWaybackOptions, 'captures' | 'mementos'> {
  const captures: Record<string, CdxRow[]> = {};
  const mementos: Record<string, CannedReply> = {};
  for (let i = 0; i < count; i += 1) {
    captures[pageUrl(i)] = [[CAPTURE, pageUrl(i), '200', 'text/html', `DIGEST${i}`]];
    mementos[`${CAPTURE}/${pageUrl(i)}`] = {
      status: 200,
      headers: mementoHeaders(CAPTURE, pageUrl(i)),
      body: archivedArticle(`Page ${i}`),
    };
  }
  return { captures, mementos };
}

const requestsFor = (count: number): SnapshotRequest[] =>
  Array.from({ length: count }, (_, i) => ({ id: `c${i}`, url: pageUrl(i), archived: null, referenceDate: RECENT }));

const session = useFakeWaybackSession();

async function run(
  options: FakeWaybackOptions,
  requests: SnapshotRequest[],
  configOverrides: Parameters<typeof archiveConfigFor>[1] = {},
  time: FakeTime = createFakeTime(),
  wrapHttp: (client: HttpClient) => HttpClient = (client) => client,
) {
  const { wayback, http } = await session.start(options, time.clock, wrapHttp);
  const logger = createRecordingLogger();
  const config = archiveConfigFor(wayback.base, configOverrides);
  const results = await findSnapshots(requests, config, { http, clock: time.clock, sleep: time.sleep, logger });
  return { results, wayback, time, logger };
}

const kinds = (results: Map<string, SnapshotLookup>) => [...results.values()].map((r) => r.kind);

function busiestMinute(arrivalsMs: number[]): number {
  let best = 0;
  for (const start of arrivalsMs) {
    best = Math.max(best, arrivalsMs.filter((t) => t >= start && t < start + 60_000).length);
  }
  return best;
}

describe('archive politeness (fake clock, real loopback sockets)', () => {
  it('on a 429 with Retry-After pauses every archive call, in every lookup, for that long', async () => {
    const PAUSE_MS = 30_000;
    let limited = false;
    // Settles once the client has handed the 429 back (and the requester has reacted to it).
    let markLimitSeen = () => {};
    const limitSeen = new Promise<void>((resolve) => {
      markLimitSeen = resolve;
    });
    const noticeLimit = (client: HttpClient): HttpClient => ({
      request: async (req) => {
        const response = await client.request(req);
        if (response.status === 429) setImmediate(markLimitSeen);
        return response;
      },
      close: () => client.close(),
    });
    // Pause-long sleeps are held until both lookups wait on the pause (or page 1's fetch got
    // through without waiting), so page 0's wait cannot move the fake clock past page 1's fetch.
    const time = createFakeTime();
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    let pauseSleepers = 0;
    const gatedTime: FakeTime = {
      ...time,
      sleep: async (ms, signal) => {
        if (ms >= PAUSE_MS) {
          pauseSleepers += 1;
          if (pauseSleepers >= 2) openGate();
          await gate;
        }
        await time.sleep(ms, signal);
      },
    };
    const { results, wayback } = await run(
      {
        ...archiveOf(2),
        intercept: (call) => {
          if (call.kind === 'memento' && call.path.includes(pageUrl(1))) openGate();
          if (call.kind !== 'cdx') return undefined;
          if (call.params.get('url') === pageUrl(0) && !limited) {
            limited = true;
            return { status: 429, headers: { 'retry-after': String(PAUSE_MS / 1000) }, body: 'Too Many Requests' };
          }
          // Page 1's search is answered only after the 429 was seen, so its fetch starts during the pause.
          return call.params.get('url') === pageUrl(1)
            ? { ...cdxReply(call.params.get('url') ?? ''), after: limitSeen }
            : undefined;
        },
      },
      requestsFor(2),
      {},
      gatedTime,
      noticeLimit,
    );
    expect(kinds(results)).toEqual(['found', 'found']);
    const limitedAt = wayback.calls.find((c) => c.kind === 'cdx' && c.params.get('url') === pageUrl(0))?.atMs ?? -1;
    const after = wayback.calls.filter((c) => c.kind === 'memento' || c.params.get('url') === pageUrl(0)).slice(1);
    // Page 0's retried search and both validation fetches (page 1's included) waited out the pause.
    expect(after).toHaveLength(3);
    for (const call of after) expect(call.atMs).toBeGreaterThanOrEqual(limitedAt + PAUSE_MS);
  });

  it('on a 429 without Retry-After pauses for 60 s', async () => {
    let limited = false;
    const { results, wayback } = await run(
      {
        ...archiveOf(1),
        intercept: (call) => {
          if (call.kind !== 'cdx' || limited) return undefined;
          limited = true;
          return { status: 429, body: 'Too Many Requests' };
        },
      },
      requestsFor(1),
    );
    expect(kinds(results)).toEqual(['found']);
    const [first, retry] = wayback.callsOf('cdx');
    expect((retry?.atMs ?? 0) - (first?.atMs ?? 0)).toBeGreaterThanOrEqual(60_000);
  });

  it('retries a 5xx with backoff, then succeeds', async () => {
    let failures = 0;
    const { results, wayback, time } = await run(
      {
        ...archiveOf(1),
        intercept: (call) => (call.kind === 'cdx' && failures++ < 2 ? { status: 503, body: 'busy' } : undefined),
      },
      requestsFor(1),
    );
    expect(kinds(results)).toEqual(['found']);
    expect(wayback.callsOf('cdx')).toHaveLength(3);
    expect(time.sleeps).toEqual(expect.arrayContaining([1_000, 2_000]));
  });

  it('turns a persistent 5xx into lookup-failed with a warning, after bounded attempts and the memento hint', async () => {
    const { results, wayback, logger } = await run(
      { ...archiveOf(1), intercept: () => ({ status: 503, body: 'Service Unavailable' }) },
      requestsFor(1),
    );
    expect(results.get('c0')).toMatchObject({ kind: 'lookup-failed', code: 'ARCHIVE_HTTP_503' });
    expect(wayback.callsOf('cdx')).toHaveLength(3);
    // The memento-redirect hint was tried (3 attempts as well) before giving up.
    expect(wayback.callsOf('memento')).toHaveLength(3);
    expect(logger.warnings.map((w) => w.message)).toContain('archive lookup failed');
  });

  it('falls back to the memento redirect when CDX is down, validating where it leads', async () => {
    const url = pageUrl(0);
    const { results } = await run(
      {
        ...archiveOf(1),
        intercept: (call) => {
          if (call.kind === 'cdx') return { status: 502, body: 'Bad Gateway' };
          // The Wayback Machine redirects a timestamp to the nearest capture (no Memento-Datetime).
          if (call.path === `/web/20251215235959id_/${url}`) {
            return { status: 302, headers: { location: `/web/${CAPTURE}id_/${url}` } };
          }
          return undefined;
        },
      },
      requestsFor(1),
    );
    expect(results.get('c0')).toMatchObject({
      kind: 'found',
      origin: 'memento-redirect',
      timestamp: CAPTURE,
      drift: null,
    });
  });

  it('does not retry an archived 5xx: it is the captured page, rejected', async () => {
    const url = pageUrl(0);
    const { results, wayback } = await run(
      {
        ...archiveOf(1),
        mementos: { [`${CAPTURE}/${url}`]: { status: 503, headers: mementoHeaders(CAPTURE, url), body: 'down' } },
      },
      requestsFor(1),
    );
    expect(results.get('c0')).toMatchObject({
      kind: 'not-archived',
      reason: expect.stringMatching(/archived status 503/),
    });
    expect(wayback.callsOf('memento')).toHaveLength(1);
  });

  it('says lookup-skipped, with the reason, for the lookups the time budget cannot cover', async () => {
    // 6 searches a minute = one every 10 s: searches at 0, 10 and 20 s fit a 25 s budget; a fourth does not.
    const { results, wayback } = await run(archiveOf(5), requestsFor(5), { searchPerMinute: 6, timeoutMs: 25_000 });
    const all = [...results.values()];
    expect(all.filter((r) => r.kind === 'found')).toHaveLength(3);
    const skipped = all.filter((r) => r.kind === 'lookup-skipped');
    expect(skipped).toHaveLength(2);
    for (const r of skipped) expect(r).toMatchObject({ reason: expect.stringMatching(/25 s archive budget/) });
    expect(wayback.callsOf('cdx')).toHaveLength(3);
  });

  it('keeps searches at the configured rate across many lookups', async () => {
    const count = 30;
    const { results, wayback, time } = await run(archiveOf(count), requestsFor(count));
    expect(kinds(results).every((k) => k === 'found')).toBe(true);
    const searches = wayback.callsOf('cdx').map((c) => c.atMs);
    expect(searches).toHaveLength(count);
    expect(busiestMinute(searches)).toBeLessThanOrEqual(24 + 2);
    // 30 searches: 2 from the burst, then one every 2.5 s.
    expect(time.elapsedMs()).toBeGreaterThanOrEqual(28 * 2_500);
  });

  it('retries a search that times out, then reports the timeout', async () => {
    const { results, wayback } = await run(
      { ...archiveOf(1), intercept: (call) => (call.kind === 'cdx' ? { status: 200, delayMs: 5_000 } : undefined) },
      requestsFor(1),
      { requestTimeoutMs: 150 },
    );
    expect(results.get('c0')).toMatchObject({ kind: 'lookup-failed', code: 'TOTAL_TIMEOUT' });
    expect(wayback.callsOf('cdx')).toHaveLength(3);
  });

  it('reports a site the archive blocks as lookup-failed, without retrying or hinting', async () => {
    const blocked: CannedReply = {
      status: 403,
      headers: {
        'x-archive-wayback-runtime-error':
          'org.archive.wayback.exception.AdministrativeAccessControlException: Blocked Site Error',
      },
      body: 'Blocked',
    };
    const { results, wayback } = await run(
      { ...archiveOf(1), intercept: (c) => (c.kind === 'cdx' ? blocked : undefined) },
      requestsFor(1),
    );
    expect(results.get('c0')).toMatchObject({
      kind: 'lookup-failed',
      code: 'ARCHIVE_BLOCKED',
      message: expect.stringMatching(/Blocked Site Error/),
    });
    expect(wayback.calls).toHaveLength(1);
  });

  it('reports a capture CDX lists but playback cannot serve as found, unvalidated', async () => {
    const { results } = await run(
      {
        ...archiveOf(1),
        intercept: (c) => (c.kind === 'memento' ? { status: 504, body: 'Gateway Timeout' } : undefined),
      },
      requestsFor(1),
    );
    expect(results.get('c0')).toMatchObject({ kind: 'found', timestamp: CAPTURE, validated: false, drift: null });
    expect(results.get('c0')).not.toHaveProperty('rawUrl');
  });

  it('skips every lookup once the run is aborted', async () => {
    const time = createFakeTime();
    const { wayback, http } = await session.start(archiveOf(2), time.clock);
    const results = await findSnapshots(requestsFor(2), archiveConfigFor(wayback.base), {
      http,
      clock: time.clock,
      sleep: time.sleep,
      signal: AbortSignal.abort(),
    });
    expect([...results.values()]).toEqual([
      { kind: 'lookup-skipped', reason: 'run aborted' },
      { kind: 'lookup-skipped', reason: 'run aborted' },
    ]);
    expect(wayback.calls).toHaveLength(0);
  });

  it('reports an unreachable archive as lookup-failed, never a crash', async () => {
    const closed = await startLoopbackServer(() => {});
    await closed.close();
    const time = createFakeTime();
    const http = createLoopbackClient(time.clock);
    const results = await findSnapshots(requestsFor(1), archiveConfigFor(closed.origin), {
      http,
      clock: time.clock,
      sleep: time.sleep,
    });
    await http.close();
    expect(results.get('c0')).toMatchObject({ kind: 'lookup-failed', code: 'ECONNREFUSED' });
  });
});

function cdxReply(url: string): CannedReply {
  const rows = archiveOf(2).captures?.[url] ?? [];
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([['timestamp', 'original', 'statuscode', 'mimetype', 'digest'], ...rows]),
  };
}
