import { describe, expect, it } from 'vitest';
import { distanceDays, formatTimestamp, parseTimestamp } from '../../../src/archive/wayback-time.js';
import {
  buildRawMementoUrl,
  buildSnapshotUrl,
  isSameArchivedPage,
  parseMementoUrl,
} from '../../../src/archive/wayback-urls.js';

const BASE = 'http://127.0.0.1:8123';

describe('Wayback timestamps', () => {
  it('reads full and partial timestamps as UTC', () => {
    expect(parseTimestamp('20220806101112')).toBe(Date.UTC(2022, 7, 6, 10, 11, 12));
    expect(parseTimestamp('2019')).toBe(Date.UTC(2019, 0, 1));
    expect(parseTimestamp('201903')).toBe(Date.UTC(2019, 2, 1));
    expect(parseTimestamp('20x9')).toBeNull();
    expect(formatTimestamp(Date.UTC(2022, 7, 6, 10, 11, 12))).toBe('20220806101112');
  });

  it('counts whole days to the nearest end of the range, 0 inside it', () => {
    const range = { from: '2022-08-01', to: '2022-08-06' };
    expect(distanceDays('20220803120000', range)).toBe(0);
    expect(distanceDays('20220806235959', range)).toBe(0);
    expect(distanceDays('20220729000000', range)).toBe(3);
    expect(distanceDays('20220816000000', range)).toBe(10);
  });
});

describe('Wayback URLs', () => {
  it('builds the raw and the normal replay forms', () => {
    expect(buildRawMementoUrl(`${BASE}/`, '20220806101112', 'https://example.org/a?b=1')).toBe(
      `${BASE}/web/20220806101112id_/https://example.org/a?b=1`,
    );
    expect(buildSnapshotUrl(BASE, '20220806101112', 'https://example.org/a')).toBe(
      `${BASE}/web/20220806101112/https://example.org/a`,
    );
  });

  it('parses memento URLs and archived-redirect Locations back', () => {
    expect(parseMementoUrl('/web/20200101000000id_/https://example.org/new?x=1', BASE)).toEqual({
      timestamp: '20200101000000',
      modifier: 'id_',
      original: 'https://example.org/new?x=1',
    });
    expect(parseMementoUrl(`${BASE}/web/2019/http://example.org/`, BASE)).toEqual({
      timestamp: '2019',
      modifier: '',
      original: 'http://example.org/',
    });
    expect(parseMementoUrl('https://example.org/elsewhere', BASE)).toBeNull();
    expect(parseMementoUrl('/about', BASE)).toBeNull();
  });

  it('sees scheme, www, default port and trailing slash as the same archived page', () => {
    expect(isSameArchivedPage('http://www.example.org:80/a/', 'https://example.org/a')).toBe(true);
    expect(isSameArchivedPage('https://example.org/a', 'https://example.org/b')).toBe(false);
  });
});
