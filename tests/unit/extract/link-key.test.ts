import { describe, expect, it } from 'vitest';
import { linkKeyOf } from '../../../src/extract/link-key.js';

describe('linkKeyOf', () => {
  it('lower-cases scheme and host, keeps path and query exact', () => {
    expect(linkKeyOf('HTTPS://WWW.Example.ORG/Path/A%7e?Q=Upper&b=2')).toBe(
      'https://www.example.org/Path/A%7e?Q=Upper&b=2',
    );
  });

  it('drops default ports only', () => {
    expect(linkKeyOf('http://example.org:80/a')).toBe('http://example.org/a');
    expect(linkKeyOf('https://example.org:443/a')).toBe('https://example.org/a');
    expect(linkKeyOf('https://example.org:8443/a')).toBe('https://example.org:8443/a');
    expect(linkKeyOf('http://example.org:443/a')).toBe('http://example.org:443/a');
  });

  it('drops the fragment, text fragments included', () => {
    expect(linkKeyOf('https://example.org/a#:~:text=foo')).toBe('https://example.org/a');
    expect(linkKeyOf('https://example.org/a?x=1#top')).toBe('https://example.org/a?x=1');
  });

  it('gives one key to URLs that differ only by those parts', () => {
    const keys = new Set(
      ['https://Example.org/a#x', 'https://example.org:443/a', 'HTTPS://example.ORG/a#:~:text=b'].map(linkKeyOf),
    );
    expect(keys.size).toBe(1);
  });

  it('makes an empty path /', () => {
    expect(linkKeyOf('https://Example.org')).toBe('https://example.org/');
    expect(linkKeyOf('https://example.org?q=1')).toBe('https://example.org/?q=1');
  });

  it('keeps user info as written and lower-cases only the host', () => {
    expect(linkKeyOf('https://User@Example.org/')).toBe('https://User@example.org/');
  });
});
