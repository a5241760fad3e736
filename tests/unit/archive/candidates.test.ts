import { describe, expect, it } from 'vitest';
import { orderCandidates } from '../../../src/archive/candidates.js';
import type { CdxCapture } from '../../../src/archive/cdx.js';

const capture = (timestamp: string): CdxCapture => ({
  timestamp,
  original: 'https://example.org/',
  statuscode: '200',
  mimetype: 'text/html',
  digest: `D${timestamp}`,
});

const stamps = (captures: CdxCapture[]) => captures.map((c) => c.timestamp);

describe('orderCandidates', () => {
  const captures = ['20200101000000', '20220806230000', '20220801000000', '20230101000000', '20221001000000'].map(
    capture,
  );

  it('puts captures up to the end of the reference day first, closest first, then later ones, closest first', () => {
    expect(stamps(orderCandidates(captures, { from: '2022-08-06', to: '2022-08-06' }))).toEqual([
      '20220806230000',
      '20220801000000',
      '20200101000000',
      '20221001000000',
      '20230101000000',
    ]);
  });

  it('chooses a capture after the reference date only when none is before it', () => {
    const later = ['20230101000000', '20221001000000'].map(capture);
    expect(stamps(orderCandidates(later, { from: '2022-08-06', to: '2022-08-06' }))[0]).toBe('20221001000000');
  });

  it('treats a range as before up to its last day', () => {
    expect(stamps(orderCandidates(captures, { from: '2019-12-01', to: '2020-03-31' }))[0]).toBe('20200101000000');
  });

  it('orders newest first without a reference date', () => {
    expect(stamps(orderCandidates(captures, null))[0]).toBe('20230101000000');
  });
});
