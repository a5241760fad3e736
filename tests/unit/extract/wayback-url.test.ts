import { describe, expect, it } from 'vitest';
import { parseArchivedUrl } from '../../../src/extract/wayback-url.js';

describe('parseArchivedUrl', () => {
  it('reads timestamp and original', () => {
    expect(
      parseArchivedUrl(
        'https://web.archive.org/web/20220208081325/https://menastream.com/mali-mourabitoun-barkhane-tabankort',
      ),
    ).toEqual({ timestamp: '20220208081325', original: 'https://menastream.com/mali-mourabitoun-barkhane-tabankort' });
  });

  it('accepts modifiers, archive.org without web., and no scheme', () => {
    expect(parseArchivedUrl('http://web.archive.org/web/2019id_/http://example.org/a?b=1')).toEqual({
      timestamp: '2019',
      original: 'http://example.org/a?b=1',
    });
    expect(parseArchivedUrl('https://archive.org/web/20200101000000/example.org/a')).toEqual({
      timestamp: '20200101000000',
      original: 'http://example.org/a',
    });
    expect(parseArchivedUrl('web.archive.org/web/20200101if_/https:/example.org/')).toEqual({
      timestamp: '20200101',
      original: 'https://example.org/',
    });
  });

  it('refuses what names no single capture', () => {
    expect(parseArchivedUrl('https://web.archive.org/web/*/example.org')).toBeNull();
    expect(parseArchivedUrl('https://web.archive.org/web/2020*/example.org')).toBeNull();
    expect(parseArchivedUrl('https://web.archive.org/web/20200101/')).toBeNull();
    expect(parseArchivedUrl('https://example.org/web/20200101/https://a.org')).toBeNull();
    expect(parseArchivedUrl('https://notarchive.org/web/20200101/https://a.org')).toBeNull();
  });
});
