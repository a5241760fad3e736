import { describe, expect, it } from 'vitest';
import { ArchiveLookupError } from '../../../src/archive/archive-errors.js';
import { buildCdxQueryUrl, parseCdxJson, planCdxWindows } from '../../../src/archive/cdx.js';
import { CDX_EMPTY, CDX_WITH_QUIRKS, cdxJson } from '../../fixtures/archive/wayback-bodies.js';

describe('parseCdxJson', () => {
  it('keeps 200/203/206 rows once each, sorted by time, and skips the resume key', () => {
    const captures = parseCdxJson(CDX_WITH_QUIRKS);
    expect(captures.map((c) => [c.timestamp, c.statuscode])).toEqual([
      ['20190304101500', '200'],
      ['20210720093000', '206'],
    ]);
    expect(captures[0]).toEqual({
      timestamp: '20190304101500',
      original: 'http://example.org/report',
      statuscode: '200',
      mimetype: 'text/html',
      digest: 'AAAA2019A5K6V3RPI4OQ2GJQF6H7YFZC',
    });
  });

  it('reads fields by the header row, whatever their order', () => {
    const body = JSON.stringify([
      ['digest', 'statuscode', 'timestamp', 'mimetype', 'original'],
      ['D1', '203', '20200101000000', 'text/html', 'https://example.org/'],
    ]);
    expect(parseCdxJson(body)).toEqual([
      {
        timestamp: '20200101000000',
        original: 'https://example.org/',
        statuscode: '203',
        mimetype: 'text/html',
        digest: 'D1',
      },
    ]);
  });

  it('treats [] and an empty body as no captures', () => {
    expect(parseCdxJson(CDX_EMPTY)).toEqual([]);
    expect(parseCdxJson('')).toEqual([]);
    expect(parseCdxJson(cdxJson([]))).toEqual([]);
  });

  it('rejects bodies that are not CDX JSON', () => {
    expect(() => parseCdxJson('<html>busy</html>')).toThrow(ArchiveLookupError);
    expect(() => parseCdxJson('{"a":1}')).toThrow(/array of rows/);
    expect(() => parseCdxJson('[["timestamp","original"]]')).toThrow(/lacks statuscode/);
  });
});

describe('planCdxWindows', () => {
  it('tries ±windowDays around the range, then the whole history', () => {
    expect(planCdxWindows({ from: '2022-08-06', to: '2022-08-06' }, 30)).toEqual([
      { from: '20220707000000', to: '20220905235959' },
      { from: null, to: null },
    ]);
  });

  it('asks for the whole history straight away without a reference date', () => {
    expect(planCdxWindows(null, 365)).toEqual([{ from: null, to: null }]);
  });
});

describe('buildCdxQueryUrl', () => {
  it('encodes the URL and asks for the fields, usable statuses and window', () => {
    const query = new URL(
      buildCdxQueryUrl('http://127.0.0.1:9/', 'https://example.org/a?b=1&c=2', { from: '2021', to: '2022' }),
    );
    expect(query.pathname).toBe('/cdx/search/cdx');
    expect(query.searchParams.get('url')).toBe('https://example.org/a?b=1&c=2');
    expect(query.searchParams.get('output')).toBe('json');
    expect(query.searchParams.get('fl')).toBe('timestamp,original,statuscode,mimetype,digest');
    expect(query.searchParams.getAll('filter')).toEqual(['statuscode:20[036]']);
    expect(query.searchParams.get('from')).toBe('2021');
    expect(query.searchParams.get('to')).toBe('2022');
  });
});
