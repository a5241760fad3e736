import { describe, expect, it } from 'vitest';
import { buildCitation } from '../../../src/extract/build-citation.js';
import { LineIndex } from '../../../src/extract/line-index.js';
import { cleanUrl } from '../../../src/extract/url-cleanup.js';
import { CitationSchema } from '../../../src/model/citation.js';

describe('buildCitation', () => {
  const document = 'Claim.\n“T,” Pub, May 1, 2020, https://web.archive.org/web/2020/https://Example.org/a#frag.';
  const lines = new LineIndex(document);
  const raw = document.slice(7, document.length - 1);
  const urlOffset = document.indexOf('https://');

  it('assembles a schema-valid record with position, fields, link key and archive parts', () => {
    const { citation, warning } = buildCitation({
      id: 'c1',
      claimId: 'k1',
      raw,
      offset: 7,
      url: { cleaned: cleanUrl(document.slice(urlOffset)), offset: urlOffset },
      lines,
    });
    expect(warning).toBeNull();
    expect(CitationSchema.parse(citation)).toEqual(citation);
    expect(citation).toMatchObject({
      line: 2,
      column: 1,
      url: 'https://web.archive.org/web/2020/https://Example.org/a',
      urlText: 'https://web.archive.org/web/2020/https://Example.org/a#frag',
      urlOffset,
      fragment: 'frag',
      linkKey: 'https://web.archive.org/web/2020/https://Example.org/a',
      title: 'T',
      container: 'Pub',
      date: 'May 1, 2020',
      archived: { timestamp: '2020', original: 'https://Example.org/a' },
      cleanup: [{ rule: 'trailing-punctuation', removed: '.' }],
    });
  });

  it('keeps a citation with an invalid URL and warns at the URL position', () => {
    const text = 'x hxxp://evil.example/a';
    const { citation, warning } = buildCitation({
      id: 'c1',
      claimId: 'k1',
      raw: text,
      offset: 0,
      url: { cleaned: cleanUrl('hxxp://evil.example/a'), offset: 2 },
      lines: new LineIndex(text),
    });
    expect(citation.url).toBeNull();
    expect(citation.urlText).toBe('hxxp://evil.example/a');
    expect(warning).toMatchObject({ code: 'invalid-url', line: 1, column: 3, text: 'hxxp://evil.example/a' });
  });

  it('builds a citation without URL', () => {
    const { citation, warning } = buildCitation({
      id: 'c2',
      claimId: 'k1',
      raw: 'A B, “T,” P, 2020',
      offset: 0,
      url: null,
      lines,
    });
    expect(warning).toBeNull();
    expect(citation).toMatchObject({ url: null, urlText: null, linkKey: null, archived: null, authors: ['A B'] });
  });

  it('shares one frozen cleanup list between citations with the same single step, and copies longer ones', () => {
    const build = (text: string) =>
      buildCitation({
        id: 'c1',
        claimId: 'k1',
        raw: text,
        offset: 0,
        url: { cleaned: cleanUrl(text), offset: 0 },
        lines: new LineIndex(text),
      }).citation.cleanup;
    const first = build('https://example.org/a.');
    const second = build('https://example.org/b.');
    expect(first).toEqual([{ rule: 'trailing-punctuation', removed: '.' }]);
    expect(second).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
    expect(() => first.push({ rule: 'x', removed: 'y' })).toThrow(TypeError);
    expect(build('https://example.org/c')).toEqual([]);
    expect(build('https://example.org/c')).toBe(build('https://example.org/d'));
    // Three steps, and one step that removed more than a few characters: each citation's own list.
    const several = build('https://example.org/e.pdf.age of Fulani');
    expect(several.map((step) => step.rule)).toEqual(['trailing-punctuation', 'prose-after-extension', 'whitespace']);
    expect(Object.isFrozen(several)).toBe(false);
    const long = build('https://example.org/e.pdf&quot;.');
    expect(long).toEqual([{ rule: 'html-entity', removed: '&quot;.' }]);
    expect(Object.isFrozen(long)).toBe(false);
    expect(build('https://example.org/f.pdf&quot;.')).not.toBe(long);
  });
});
