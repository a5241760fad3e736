import { describe, expect, it } from 'vitest';
import { findSnapshots, type SnapshotRequest } from '../../../src/archive/index.js';
import type { ReferenceDate, SnapshotLookup } from '../../../src/model/snapshot.js';
import {
  ARCHIVED_NOT_FOUND_PAGE,
  ARCHIVED_SOFT_404_PAGE,
  archivedArticle,
  availabilityHit,
  CDX_WITH_QUIRKS,
  type CdxRow,
  mementoHeaders,
  WAYBACK_NOT_ARCHIVED_PAGE,
} from '../../fixtures/archive/wayback-bodies.js';
import { createFakeTime } from '../../unit/archive/fake-time.js';
import {
  archiveConfigFor,
  type CannedReply,
  createRecordingLogger,
  type FakeWaybackOptions,
  useFakeWaybackSession,
} from './fake-wayback.js';

const PAGE = 'https://example.org/report';
const ACCESSED: ReferenceDate = {
  from: '2022-08-06',
  to: '2022-08-06',
  source: 'accessed',
  text: 'accessed August 6, 2022',
};

const row = (timestamp: string, digest = `D${timestamp}`, status = '200', original = PAGE): CdxRow => [
  timestamp,
  original,
  status,
  'text/html',
  digest,
];

const article = (timestamp: string, original = PAGE): CannedReply => ({
  status: 200,
  headers: mementoHeaders(timestamp, original),
  body: archivedArticle('Link rot in the 2022 survey'),
});

const session = useFakeWaybackSession();

async function lookUp(
  options: FakeWaybackOptions,
  requests: Array<Partial<SnapshotRequest>>,
  configOverrides: Parameters<typeof archiveConfigFor>[1] = {},
) {
  const time = createFakeTime();
  const { wayback, http } = await session.start(options, time.clock);
  const logger = createRecordingLogger();
  const full = requests.map((r, i) => ({ id: `c${i}`, url: PAGE, archived: null, referenceDate: ACCESSED, ...r }));
  const results = await findSnapshots(full, archiveConfigFor(wayback.base, configOverrides), {
    http,
    clock: time.clock,
    sleep: time.sleep,
    logger,
  });
  return { results, wayback, time, logger, first: results.get('c0') as SnapshotLookup };
}

function expectFound(lookup: SnapshotLookup | undefined): Extract<SnapshotLookup, { kind: 'found' }> {
  expect(lookup?.kind).toBe('found');
  return lookup as Extract<SnapshotLookup, { kind: 'found' }>;
}

describe('findSnapshots: choosing the capture', () => {
  it('picks the closest validated capture before the accessed date and reports drift against the newest', async () => {
    const { first, wayback } = await lookUp(
      {
        captures: {
          [PAGE]: [
            row('20210101000000', 'OLD'),
            row('20220801120000', 'CITED'),
            row('20220801120000', 'CITED'),
            row('20230301000000', 'NEW'),
          ],
        },
        mementos: { [`20220801120000/${PAGE}`]: article('20220801120000') },
      },
      [{}],
    );
    const found = expectFound(first);
    expect(found).toMatchObject({
      timestamp: '20220801120000',
      snapshotUrl: `${wayback.base}/web/20220801120000/${PAGE}`,
      rawUrl: `${wayback.base}/web/20220801120000id_/${PAGE}`,
      distanceDays: 5,
      validated: true,
      drift: true,
      origin: 'cdx',
      rejected: [],
      referenceDate: ACCESSED,
    });
    const [firstQuery] = wayback.callsOf('cdx');
    expect(firstQuery?.params.get('url')).toBe(PAGE);
    expect(firstQuery?.params.get('from')).toBe('20210806000000');
    expect(firstQuery?.params.get('to')).toBe('20230806235959');
    expect(firstQuery?.params.get('fl')).toBe('timestamp,original,statuscode,mimetype,digest');
    // The fetch that validated it used the raw id_ form.
    expect(wayback.callsOf('memento').map((c) => c.path)).toEqual([`/web/20220801120000id_/${PAGE}`]);
    // The window ends before today, so the newest capture took one more (cheap) search.
    expect(wayback.callsOf('cdx').map((c) => c.params.get('limit'))).toEqual([null, '-1']);
  });

  it('reports no drift when the chosen capture has the newest digest', async () => {
    const { first } = await lookUp(
      {
        captures: { [PAGE]: [row('20220801120000', 'SAME'), row('20250101000000', 'SAME')] },
        mementos: { [`20220801120000/${PAGE}`]: article('20220801120000') },
      },
      [{}],
    );
    expect(expectFound(first).drift).toBe(false);
  });

  it('drops repeated rows and non-page statuses from a quirky CDX answer', async () => {
    const { first, wayback } = await lookUp(
      {
        intercept: (call) =>
          call.kind === 'cdx' && call.params.get('limit') === null
            ? { status: 200, headers: { 'content-type': 'application/json' }, body: CDX_WITH_QUIRKS }
            : undefined,
        mementos: {
          '20190304101500/http://example.org/report': {
            status: 404,
            headers: mementoHeaders('20190304101500', PAGE),
            body: ARCHIVED_NOT_FOUND_PAGE,
          },
          [`20210720093000/${PAGE}`]: article('20210720093000'),
        },
      },
      [{ referenceDate: { ...ACCESSED, from: '2021-08-01', to: '2021-08-01' } }],
    );
    const found = expectFound(first);
    // The 206 capture of July 2021 is closest before; the 301 and the revisit rows were never candidates.
    expect(found.timestamp).toBe('20210720093000');
    expect(wayback.callsOf('memento')).toHaveLength(1);
  });

  it('widens the window once when the first answer is [] and finds the old capture', async () => {
    const { first, wayback } = await lookUp(
      {
        captures: { [PAGE]: [row('20120505000000')] },
        mementos: { [`20120505000000/${PAGE}`]: article('20120505000000') },
      },
      [{}],
    );
    expect(expectFound(first).timestamp).toBe('20120505000000');
    const windows = wayback.callsOf('cdx').map((c) => [c.params.get('from'), c.params.get('to')]);
    expect(windows).toEqual([
      ['20210806000000', '20230806235959'],
      [null, null],
    ]);
  });

  it('chooses a capture after the reference date only when none is before it', async () => {
    const mementos = {
      [`20220901000000/${PAGE}`]: article('20220901000000'),
      [`20220701000000/${PAGE}`]: article('20220701000000'),
    };
    const afterOnly = await lookUp({ captures: { [PAGE]: [row('20220901000000'), row('20230101000000')] }, mementos }, [
      {},
    ]);
    expect(expectFound(afterOnly.first)).toMatchObject({ timestamp: '20220901000000', distanceDays: 26 });

    const both = await lookUp(
      { captures: { [PAGE]: [row('20220701000000'), row('20220807000000'), row('20220901000000')] }, mementos },
      [{}],
    );
    // 2022-08-07 is a day closer than 2022-07-01 but after the access: the earlier one wins.
    expect(expectFound(both.first).timestamp).toBe('20220701000000');
  });

  it('shares one lookup between citations of the same URL and date', async () => {
    const { results, wayback } = await lookUp(
      {
        captures: { [PAGE]: [row('20220801120000')] },
        mementos: { [`20220801120000/${PAGE}`]: article('20220801120000') },
      },
      [{}, { referenceDate: { ...ACCESSED, text: 'Accessed 6 Aug 2022' } }],
    );
    expect(wayback.callsOf('memento')).toHaveLength(1);
    expect(expectFound(results.get('c1')).referenceDate?.text).toBe('Accessed 6 Aug 2022');
    expect(expectFound(results.get('c0')).timestamp).toBe(expectFound(results.get('c1')).timestamp);
  });
});

describe('findSnapshots: validating the capture', () => {
  it('rejects an archived 404 page and chooses the next candidate', async () => {
    const { first } = await lookUp(
      {
        captures: { [PAGE]: [row('20220601000000'), row('20220805000000')] },
        mementos: {
          [`20220805000000/${PAGE}`]: {
            status: 404,
            headers: mementoHeaders('20220805000000', PAGE),
            body: ARCHIVED_NOT_FOUND_PAGE,
          },
          [`20220601000000/${PAGE}`]: article('20220601000000'),
        },
      },
      [{}],
    );
    const found = expectFound(first);
    expect(found.timestamp).toBe('20220601000000');
    expect(found.rejected).toEqual([{ timestamp: '20220805000000', reason: 'archived status 404' }]);
  });

  it('rejects an answer without Memento-Datetime (the Wayback Machine itself) and a soft-404 capture', async () => {
    const { first } = await lookUp(
      {
        captures: { [PAGE]: [row('20220101000000'), row('20220601000000'), row('20220805000000')] },
        mementos: {
          [`20220805000000/${PAGE}`]: { status: 200, body: WAYBACK_NOT_ARCHIVED_PAGE },
          [`20220601000000/${PAGE}`]: {
            status: 200,
            headers: mementoHeaders('20220601000000', PAGE),
            body: ARCHIVED_SOFT_404_PAGE,
          },
          [`20220101000000/${PAGE}`]: article('20220101000000'),
        },
      },
      [{}],
    );
    const found = expectFound(first);
    expect(found.timestamp).toBe('20220101000000');
    expect(found.rejected.map((r) => r.timestamp)).toEqual(['20220805000000', '20220601000000']);
    expect(found.rejected[0]?.reason).toMatch(/without Memento-Datetime/);
    expect(found.rejected[1]?.reason).toMatch(/soft-404.*soft404-title/);
  });

  it('follows an archived redirect to another page but rejects one to the site root', async () => {
    const moved = 'https://example.org/reports/2022';
    const { first, wayback } = await lookUp(
      {
        captures: { [PAGE]: [row('20220301000000'), row('20220801000000')] },
        mementos: {
          [`20220801000000/${PAGE}`]: {
            status: 301,
            headers: {
              ...mementoHeaders('20220801000000', PAGE),
              location: '/web/20220801000001id_/https://example.org/',
            },
          },
          [`20220301000000/${PAGE}`]: {
            status: 302,
            headers: { ...mementoHeaders('20220301000000', PAGE), location: `/web/20220301000005id_/${moved}` },
          },
          [`20220301000005/${moved}`]: article('20220301000005', moved),
          '20220801000001/https://example.org/': article('20220801000001', 'https://example.org/'),
        },
      },
      [{}],
    );
    const found = expectFound(first);
    // The capture is the cited URL's; the bytes judged sound are where its archived redirect led.
    expect(found.timestamp).toBe('20220301000000');
    expect(found.snapshotUrl).toBe(`${wayback.base}/web/20220301000000/${PAGE}`);
    expect(found.rawUrl).toBe(`${wayback.base}/web/20220301000005id_/${moved}`);
    expect(found.rejected[0]?.reason).toMatch(/redirect-to-root/);
  });

  it('rejects a listed capture the Wayback Machine redirects a long way off, accepts one within a day', async () => {
    const { first } = await lookUp(
      {
        captures: { [PAGE]: [row('20220601000000'), row('20220805000000')] },
        mementos: {
          // No Memento-Datetime: the Wayback Machine offering its nearest capture instead.
          [`20220805000000/${PAGE}`]: { status: 302, headers: { location: `/web/20210101000000id_/${PAGE}` } },
          [`20220601000000/${PAGE}`]: { status: 302, headers: { location: `/web/20220601120000id_/${PAGE}` } },
          [`20220601120000/${PAGE}`]: article('20220601120000'),
        },
      },
      [{}],
    );
    const found = expectFound(first);
    expect(found.timestamp).toBe('20220601120000');
    expect(found.rejected).toEqual([
      {
        timestamp: '20220805000000',
        reason: 'the Wayback Machine has no capture at 20220805000000 (offered 20210101000000)',
      },
    ]);
  });

  it('gives up on an archived redirect loop after a bounded number of hops', async () => {
    const other = 'https://example.org/other';
    const hop = (timestamp: string, from: string, to: string): CannedReply => ({
      status: 302,
      headers: { ...mementoHeaders(timestamp, from), location: `/web/${timestamp}id_/${to}` },
    });
    const { first, wayback } = await lookUp(
      {
        captures: { [PAGE]: [row('20220801000000')] },
        mementos: {
          [`20220801000000/${PAGE}`]: hop('20220801000000', PAGE, other),
          [`20220801000000/${other}`]: hop('20220801000000', other, PAGE),
        },
      },
      [{}],
    );
    expect(first).toMatchObject({
      kind: 'not-archived',
      reason: expect.stringMatching(/more than 5 archived redirects/),
    });
    expect(wayback.callsOf('memento')).toHaveLength(6);
  });

  it('says not-archived, listing the reasons, when every capture tried is rejected', async () => {
    const { first } = await lookUp(
      {
        captures: { [PAGE]: [row('20220601000000'), row('20220701000000'), row('20220801000000')] },
        mementos: {},
      },
      [{}],
      { maxCandidates: 2 },
    );
    expect(first.kind).toBe('not-archived');
    expect(first).toMatchObject({ reason: expect.stringMatching(/1 more not tried.*20220801000000: not a memento/) });
  });
});

describe('findSnapshots: hints and cited captures', () => {
  it('asks Availability when CDX has nothing; its empty answer means unknown', async () => {
    const { first, wayback } = await lookUp({ captures: {} }, [{}]);
    expect(first).toEqual({ kind: 'not-archived', reason: 'no 200/203/206 capture in CDX (Availability: unknown)' });
    const [hint] = wayback.callsOf('available');
    expect(hint?.params.get('url')).toBe(PAGE);
    expect(hint?.params.get('timestamp')).toBe('20220806235959');
  });

  it('still says not-archived when the Availability hint itself fails, naming the failure', async () => {
    const { first } = await lookUp(
      { captures: {}, intercept: (call) => (call.kind === 'available' ? { status: 404, body: 'nope' } : undefined) },
      [{}],
    );
    expect(first).toEqual({
      kind: 'not-archived',
      reason: 'no 200/203/206 capture in CDX (Availability: failed, ARCHIVE_HTTP_404)',
    });
  });

  it('uses an Availability capture only after fetching and validating it', async () => {
    const base = { captures: {} };
    const time = '20220710101010';
    const valid = await lookUp(
      {
        ...base,
        availability: { [PAGE]: availabilityHit(PAGE, time, 'http://web.archive.org') },
        mementos: { [`${time}/${PAGE}`]: article(time) },
      },
      [{}],
    );
    expect(expectFound(valid.first)).toMatchObject({ timestamp: time, origin: 'availability', validated: true });

    const invalid = await lookUp(
      { ...base, availability: { [PAGE]: availabilityHit(PAGE, time, 'http://web.archive.org') } },
      [{}],
    );
    expect(invalid.first).toMatchObject({
      kind: 'not-archived',
      reason: expect.stringMatching(/availability hint: not a memento/),
    });
  });

  it('validates a capture the citation already names', async () => {
    const { first, wayback } = await lookUp({ mementos: { [`20200202020202/${PAGE}`]: article('20200202020202') } }, [
      { archived: { original: PAGE, timestamp: '20200202020202' }, referenceDate: null },
    ]);
    expect(expectFound(first)).toMatchObject({
      origin: 'cited',
      timestamp: '20200202020202',
      validated: true,
      drift: null,
    });
    expect(wayback.callsOf('cdx')).toHaveLength(0);
  });

  it('follows the Wayback redirect of a partial cited timestamp to the real capture', async () => {
    const { first } = await lookUp(
      {
        mementos: {
          [`2019/${PAGE}`]: {
            status: 302,
            headers: {
              location: `/web/20190611080910id_/${PAGE}`,
              'x-archive-redirect-reason': 'found capture at 20190611080910',
            },
          },
          [`20190611080910/${PAGE}`]: article('20190611080910'),
        },
      },
      [{ archived: { original: PAGE, timestamp: '2019' }, referenceDate: null }],
    );
    expect(expectFound(first)).toMatchObject({ origin: 'cited', timestamp: '20190611080910' });
  });

  it('replaces a cited capture that is an archived error page, and says so', async () => {
    const { first } = await lookUp(
      {
        captures: { [PAGE]: [row('20200101000000'), row('20200301000000')] },
        mementos: {
          [`20200301000000/${PAGE}`]: {
            status: 404,
            headers: mementoHeaders('20200301000000', PAGE),
            body: ARCHIVED_NOT_FOUND_PAGE,
          },
          [`20200101000000/${PAGE}`]: article('20200101000000'),
        },
      },
      [{ archived: { original: PAGE, timestamp: '20200301000000' }, referenceDate: null }],
    );
    const found = expectFound(first);
    expect(found).toMatchObject({ origin: 'cdx', timestamp: '20200101000000' });
    expect(found.rejected[0]).toEqual({ timestamp: '20200301000000', reason: 'cited capture: archived status 404' });
  });
});
