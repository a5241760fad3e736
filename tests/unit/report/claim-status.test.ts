import { describe, expect, it } from 'vitest';
import type { SourceEvidence } from '../../../src/model/evidence.js';
import type { ReportCitation } from '../../../src/model/report.js';
import type { SnapshotLookup } from '../../../src/model/snapshot.js';
import { classifySource, decideClaimStatus } from '../../../src/report/claim-status.js';

type View = Pick<ReportCitation, 'url' | 'archived' | 'state' | 'archive' | 'evidence'>;

const capture: SnapshotLookup = {
  kind: 'found',
  snapshotUrl: 'https://web.archive.org/web/2019/https://a.example/',
  timestamp: '20190101000000',
  distanceDays: 3,
  validated: true,
  drift: null,
  referenceDate: null,
  rejected: [],
};
const supports: SourceEvidence = {
  kind: 'read',
  sourceUrl: 'https://a.example/',
  finalUrl: 'https://a.example/',
  from: 'live',
  contentType: 'text/html',
  pageCount: null,
  titles: [],
  titleMatch: { verdict: 'no-cited-title', score: null, citedTitle: null, sourceTitle: null },
  verdict: 'supports',
  score: 0.9,
  passages: [],
  signals: null,
  locator: null,
  textFragment: null,
  drift: null,
};

function view(state: ReportCitation['state'], extra: Partial<View> = {}): View {
  return {
    url: state === 'no-url' ? null : 'https://a.example/',
    archived: null,
    state,
    archive: null,
    evidence: null,
    ...extra,
  };
}

function statusOf(...citations: View[]) {
  return decideClaimStatus(citations.map((citation) => ({ citation, source: classifySource(citation, null) })));
}

describe('decideClaimStatus', () => {
  it('supported, with evidence, when a live source shows a backing passage', () => {
    const decided = statusOf(view('live', { evidence: supports }), view('rot'));
    expect(decided).toMatchObject({ status: 'supported', support: 'with-evidence' });
    expect(decided.reason).toBe('1 of 2 sources live');
  });

  it('supported by the link only when no live source shows a passage', () => {
    expect(statusOf(view('live'), view('inconclusive'))).toMatchObject({ status: 'supported', support: 'link-only' });
  });

  it('archived-only when every source rotted and one has a validated capture', () => {
    expect(statusOf(view('rot', { archive: capture }), view('rot'))).toMatchObject({
      status: 'archived-only',
      support: 'link-only',
    });
  });

  it('an unvalidated capture does not save a claim: unsupported', () => {
    expect(statusOf(view('rot', { archive: { ...capture, validated: false } }))).toMatchObject({
      status: 'unsupported',
      support: null,
    });
  });

  it('unsupported when every source rotted and none was archived', () => {
    expect(statusOf(view('rot'), view('rot', { archive: { kind: 'not-archived', reason: 'none' } })).status).toBe(
      'unsupported',
    );
  });

  it('at-risk when no source is live and some are inconclusive, suspect or unchecked', () => {
    expect(statusOf(view('inconclusive')).status).toBe('at-risk');
    expect(statusOf(view('suspect'), view('rot')).status).toBe('at-risk');
    expect(statusOf(view('unchecked')).status).toBe('at-risk');
    expect(statusOf(view('rot', { archive: capture }), view('inconclusive')).status).toBe('at-risk');
  });

  it('unsourced when no citation carries a URL', () => {
    expect(statusOf(view('no-url'), view('no-url'))).toMatchObject({ status: 'unsourced', support: null });
    expect(statusOf().status).toBe('unsourced');
  });

  it('ignores URL-less citations next to sourced ones', () => {
    expect(statusOf(view('no-url'), view('rot')).status).toBe('unsupported');
  });
});

describe('classifySource for a citation that already points at a capture', () => {
  const archived = { original: 'https://dead.example/', timestamp: '20200101000000' };

  it('is live when its original still lives', () => {
    expect(classifySource(view('live', { archived }), 'live')).toBe('live');
  });

  it('is archived when the capture validated, whatever the original says', () => {
    expect(classifySource(view('live', { archived, archive: capture }), 'rot')).toBe('archived');
  });

  it('is rot when the capture itself is gone and nothing validated', () => {
    expect(classifySource(view('rot', { archived }), 'rot')).toBe('rot');
  });
});
