import { describe, expect, it } from 'vitest';
import type { LinkResult, LinkVerdict } from '../../../src/model/link-result.js';
import { decideLinkState } from '../../../src/report/link-state.js';

const NOW = '2026-12-01T08:00:00.000Z';
const evidence = {
  status: 404,
  finalUrl: null,
  redirects: [],
  attempts: 1,
  method: 'GET' as const,
  contentType: null,
  title: null,
  errorCode: null,
  rule: 'status-404',
  elapsedMs: 5,
};

function result(verdict: Pick<LinkVerdict, 'kind'> & Partial<LinkVerdict>): LinkResult {
  return {
    key: 'https://a.example/',
    url: 'https://a.example/',
    checkedAt: NOW,
    fromCache: false,
    verdict: { reason: 'r', evidence, ...verdict } as LinkVerdict,
  };
}

describe('decideLinkState', () => {
  const broken = result({ kind: 'broken' });

  it('with the defaults (1 run, 0 days) one failure is rot', () => {
    expect(decideLinkState(broken, null, { runs: 1, days: 0 }, NOW)).toEqual({ state: 'rot', suspect: false });
  });

  it('is suspect until enough failing runs are seen', () => {
    const history = { failingSince: '2026-11-30T08:00:00.000Z', consecutiveFailures: 2 };
    expect(decideLinkState(broken, history, { runs: 3, days: 0 }, NOW)).toEqual({ state: 'suspect', suspect: true });
    expect(decideLinkState(broken, { ...history, consecutiveFailures: 3 }, { runs: 3, days: 0 }, NOW).state).toBe(
      'rot',
    );
  });

  it('is suspect until the failures span the required days', () => {
    const history = { failingSince: '2026-11-28T08:00:00.000Z', consecutiveFailures: 5 };
    expect(decideLinkState(broken, history, { runs: 2, days: 7 }, NOW).state).toBe('suspect');
    expect(decideLinkState(broken, history, { runs: 2, days: 3 }, NOW).state).toBe('rot');
  });

  it('never calls inconclusive, skipped or live verdicts rot', () => {
    const policy = { runs: 1, days: 0 };
    expect(decideLinkState(result({ kind: 'offline' }), null, policy, NOW).state).toBe('inconclusive');
    expect(decideLinkState(result({ kind: 'blocked' }), null, policy, NOW).state).toBe('inconclusive');
    expect(decideLinkState(result({ kind: 'alive' }), null, policy, NOW).state).toBe('live');
    expect(decideLinkState(result({ kind: 'skipped', skipReason: 'excluded' }), null, policy, NOW).state).toBe(
      'skipped',
    );
    expect(decideLinkState(null, null, policy, NOW).state).toBe('unchecked');
  });
});
