import { describe, expect, it } from 'vitest';
import { detectFormat, formatOfExtension } from '../../../src/extract/detect-format.js';

describe('detectFormat', () => {
  it('trusts a known extension, whatever the content', () => {
    expect(detectFormat('notes.TXT', '<html><body><p>x</p></body></html>')).toBe('text');
    expect(detectFormat('a/b.text', '# heading')).toBe('text');
    expect(detectFormat('page.htm', 'plain words')).toBe('html');
    expect(detectFormat('page.html', '')).toBe('html');
    expect(detectFormat('readme.markdown', 'plain words')).toBe('markdown');
    expect(detectFormat('readme.md', '<p>x</p>')).toBe('markdown');
  });

  it('sniffs HTML from a doctype, a root element or several block tags', () => {
    expect(detectFormat('-', '  <!DOCTYPE html><html></html>')).toBe('html');
    expect(detectFormat('-', '<html lang="en">')).toBe('html');
    expect(detectFormat('page', '<div><p>One</p><p>Two <a href="https://example.org">x</a></p></div>')).toBe('html');
  });

  it('sniffs Markdown from two Markdown constructs', () => {
    expect(detectFormat('-', '# Title\n\nA claim.[^1]\n\n[^1]: Source, https://example.org\n')).toBe('markdown');
    expect(detectFormat('-', 'See [the report](https://example.org).\n\n- item\n')).toBe('markdown');
  });

  it('falls back to plain text, the most forgiving extractor', () => {
    expect(detectFormat('-', 'A claim.“Title,” Pub, https://example.org/a')).toBe('text');
    expect(detectFormat('profile', 'Doctrine:\n\nOne sentence with a <b> tag.')).toBe('text');
    expect(detectFormat('-', '# Only a heading')).toBe('text');
  });

  it('tells which extensions it knows', () => {
    expect(formatOfExtension('x.md')).toBe('markdown');
    expect(formatOfExtension('x.pdf')).toBeNull();
    expect(formatOfExtension('Makefile')).toBeNull();
  });
});
