import { describe, expect, it } from 'vitest';
import { ArchiveLookupError } from '../../../src/archive/archive-errors.js';
import { readSaveCredentials } from '../../../src/archive/archive-session.js';
import { buildAvailabilityUrl, parseAvailability } from '../../../src/archive/availability.js';
import { availabilityHit, availabilityMiss } from '../../fixtures/archive/wayback-bodies.js';

describe('parseAvailability', () => {
  it('reads the closest capture', () => {
    expect(parseAvailability(availabilityHit('https://ex.org/p', '20240101123456', 'http://web.archive.org'))).toEqual({
      timestamp: '20240101123456',
      status: '200',
    });
  });

  it('reads the empty answer as unknown (null), also in the older shape without `url`', () => {
    expect(parseAvailability(availabilityMiss('https://ex.org/p'))).toBeNull();
    expect(parseAvailability('{"archived_snapshots":{}}')).toBeNull();
  });

  it('ignores a closest capture that is not a usable page', () => {
    const closest = { status: '404', available: true, url: 'x', timestamp: '20240101123456' };
    expect(parseAvailability(JSON.stringify({ archived_snapshots: { closest } }))).toBeNull();
  });

  it('rejects answers of another shape', () => {
    expect(() => parseAvailability('not json')).toThrow(ArchiveLookupError);
    expect(() => parseAvailability('{"results":[]}')).toThrow(/archived_snapshots/);
  });

  it('builds the query with the URL encoded', () => {
    const url = new URL(buildAvailabilityUrl('http://127.0.0.1:9', 'https://ex.org/a?b=1&c=2', '20220806'));
    expect(url.pathname).toBe('/wayback/available');
    expect(url.searchParams.get('url')).toBe('https://ex.org/a?b=1&c=2');
    expect(url.searchParams.get('timestamp')).toBe('20220806');
  });
});

describe('readSaveCredentials', () => {
  it('needs both keys', () => {
    expect(readSaveCredentials({ CITECHECK_IA_ACCESS_KEY: 'a', CITECHECK_IA_SECRET_KEY: 's' })).toEqual({
      accessKey: 'a',
      secretKey: 's',
    });
    expect(readSaveCredentials({ CITECHECK_IA_ACCESS_KEY: 'a' })).toBeNull();
    expect(readSaveCredentials({ CITECHECK_IA_ACCESS_KEY: ' ', CITECHECK_IA_SECRET_KEY: 's' })).toBeNull();
  });
});
