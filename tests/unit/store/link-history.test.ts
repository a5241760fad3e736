import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLive, isRot, LINK_VERDICT_KINDS, type LinkVerdictKind } from '../../../src/model/link-result.js';
import { computeLinkHistory } from '../../../src/store/link-history.js';
import { isoAt, makeResult } from './make-result.js';

const KEY = 'https://host.test/page';
const audits = (kinds: readonly LinkVerdictKind[]) => kinds.map((kind, day) => makeResult(KEY, kind, isoAt(day)));

describe('computeLinkHistory', () => {
  it('counts the rot audits since the last live one, from the first of them', () => {
    const history = computeLinkHistory(KEY, audits(['broken', 'alive', 'soft-404', 'broken']));
    expect(history).toEqual({
      key: KEY,
      failingSince: isoAt(2),
      consecutiveFailures: 2,
      lastOkAt: isoAt(1),
      lastCheckedAt: isoAt(3),
      checks: 4,
    });
  });

  it('lets inconclusive verdicts neither break nor extend a streak', () => {
    const history = computeLinkHistory(KEY, audits(['broken', 'timeout', 'offline', 'server-error', 'rate-limited']));
    expect(history).toMatchObject({ failingSince: isoAt(0), consecutiveFailures: 2, lastOkAt: null, checks: 5 });
  });

  it('has no open streak once a live verdict is the newest conclusive one', () => {
    const history = computeLinkHistory(KEY, audits(['broken', 'broken', 'redirected', 'blocked']));
    expect(history).toMatchObject({ failingSince: null, consecutiveFailures: 0, lastOkAt: isoAt(2) });
  });

  it('ignores results served from the cache: they are not new observations', () => {
    const cached = makeResult(KEY, 'alive', isoAt(5), { fromCache: true });
    const history = computeLinkHistory(KEY, [...audits(['broken', 'broken']), cached]);
    expect(history).toMatchObject({ consecutiveFailures: 2, lastOkAt: null, lastCheckedAt: isoAt(1), checks: 2 });
  });

  const kindArb = fc.constantFrom(...LINK_VERDICT_KINDS);
  it('matches its definition for any sequence of verdicts', () => {
    fc.assert(
      fc.property(fc.array(kindArb, { maxLength: 30 }), (kinds) => {
        const history = computeLinkHistory(KEY, audits(kinds));
        const lastLive = kinds.findLastIndex((kind) => isLive({ kind }));
        const streak = kinds
          .map((kind, day) => ({ kind, day }))
          .slice(lastLive + 1)
          .filter((a) => isRot(a));
        expect(history.consecutiveFailures).toBe(streak.length);
        expect(history.failingSince).toBe(streak[0] ? isoAt(streak[0].day) : null);
        expect(history.lastOkAt).toBe(lastLive >= 0 ? isoAt(lastLive) : null);
        expect(history.checks).toBe(kinds.length);
      }),
      { numRuns: 300 },
    );
  });

  it('is unchanged by inserting inconclusive verdicts anywhere', () => {
    const inconclusive = fc.constantFrom<LinkVerdictKind>(
      'blocked',
      'rate-limited',
      'timeout',
      'network-error',
      'offline',
    );
    fc.assert(
      fc.property(
        fc.array(kindArb, { maxLength: 20 }),
        fc.array(fc.tuple(fc.nat(), inconclusive)),
        (kinds, inserts) => {
          const noisy = [...kinds];
          for (const [at, kind] of inserts) noisy.splice(at % (noisy.length + 1), 0, kind);
          const strip = ({ consecutiveFailures, failingSince, lastOkAt }: ReturnType<typeof computeLinkHistory>) => ({
            consecutiveFailures,
            failingSince: failingSince !== null,
            lastOkAt: lastOkAt !== null,
          });
          expect(strip(computeLinkHistory(KEY, audits(noisy)))).toEqual(strip(computeLinkHistory(KEY, audits(kinds))));
        },
      ),
      { numRuns: 300 },
    );
  });
});
