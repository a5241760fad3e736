import { describe, expect, it } from 'vitest';
import { cleanUrl, findUrlCandidates } from '../../../src/extract/url-cleanup.js';

describe('cleanUrl: one test per rule', () => {
  it('drops trailing sentence punctuation', () => {
    for (const mark of ['.', ';', ',', ':', '!', '?']) {
      const cleaned = cleanUrl(`https://example.org/a/b${mark}`);
      expect(cleaned.text).toBe('https://example.org/a/b');
      expect(cleaned.url).toBe('https://example.org/a/b');
      expect(cleaned.steps).toEqual([{ rule: 'trailing-punctuation', removed: mark }]);
    }
  });

  it('drops closing quotes, curly and straight', () => {
    expect(cleanUrl('https://example.org/a.”').text).toBe('https://example.org/a');
    expect(cleanUrl('https://example.org/a’').text).toBe('https://example.org/a');
    expect(cleanUrl("https://example.org/a'.").text).toBe('https://example.org/a');
    const straight = cleanUrl('https://example.org/a",');
    expect(straight.text).toBe('https://example.org/a');
    expect(straight.steps[0]).toEqual({ rule: 'quote', removed: '",' });
  });

  it('keeps balanced parentheses inside the URL and drops an unbalanced closing one', () => {
    const balanced =
      'https://cisac.fsi.stanford.edu/x#:~:text=Jamaat%20(JNIM)%2C%20also,Macina%20Liberation%20Front%20(MLF)';
    expect(cleanUrl(`${balanced};`).text).toBe(balanced);
    expect(cleanUrl('https://en.wikipedia.org/wiki/Mali_(disambiguation)').text).toBe(
      'https://en.wikipedia.org/wiki/Mali_(disambiguation)',
    );
    const unbalanced = cleanUrl('https://example.org/page).');
    expect(unbalanced.text).toBe('https://example.org/page');
    expect(unbalanced.steps).toEqual([
      { rule: 'unbalanced-bracket', removed: ')' },
      { rule: 'trailing-punctuation', removed: '.' },
    ]);
  });

  it('cuts HTML residue glued on', () => {
    const cleaned = cleanUrl('http://www.newsweek.com/mali-un-mission-468907./span>');
    expect(cleaned.text).toBe('http://www.newsweek.com/mali-un-mission-468907');
    expect(cleaned.junk).toBe('./span>');
    expect(cleaned.steps).toEqual([
      { rule: 'trailing-punctuation', removed: '.' },
      { rule: 'html-residue', removed: '/span>' },
    ]);
    expect(cleanUrl('https://example.org/a</a>').text).toBe('https://example.org/a');
    expect(cleanUrl('https://example.org/a"><b>').text).toBe('https://example.org/a');
  });

  it('keeps a path segment that merely precedes a >', () => {
    expect(cleanUrl('https://example.org/path>').text).toBe('https://example.org/path');
  });

  it('cuts prose glued after a file extension', () => {
    const cleaned = cleanUrl('https://d2071andvip0wj.cloudfront.net/293-reversing-central-malis-descent.pdf.age');
    expect(cleaned.text).toBe('https://d2071andvip0wj.cloudfront.net/293-reversing-central-malis-descent.pdf');
    expect(cleaned.junk).toBe('.');
    expect(cleaned.gluedProse).toBe('age');
    for (const ext of ['PDF', 'php', 'aspx', 'html', 'htm']) {
      expect(cleanUrl(`https://example.org/doc.${ext}.The`).text).toBe(`https://example.org/doc.${ext}`);
      expect(cleanUrl(`https://example.org/doc.${ext}According`).text).toBe(`https://example.org/doc.${ext}`);
    }
  });

  it('does not treat dotted hosts or unknown extensions as glued prose', () => {
    expect(cleanUrl('https://www.example.org/a.b.c').text).toBe('https://www.example.org/a.b.c');
    expect(cleanUrl('https://example.org/archive.tar.gz').text).toBe('https://example.org/archive.tar.gz');
    expect(cleanUrl('https://example.org/page.html?x=a.pdf.b').text).toBe('https://example.org/page.html?x=a.pdf.b');
  });

  it('never lets broken or unterminated quote entities into the URL', () => {
    expect(cleanUrl('https://www.dw.com/en/a-62574838&rdquo').text).toBe('https://www.dw.com/en/a-62574838');
    expect(cleanUrl('https://example.org/a&ldquoNext').text).toBe('https://example.org/a');
    const typo = cleanUrl('https://example.org/a&srquo;');
    expect(typo.text).toBe('https://example.org/a');
    expect(typo.steps).toEqual([{ rule: 'html-entity', removed: '&srquo;' }]);
    expect(cleanUrl('https://example.org/a&#8221;.').text).toBe('https://example.org/a');
    expect(cleanUrl('https://example.org/a&nbsp;b').text).toBe('https://example.org/a');
  });

  it('decodes &amp; in the URL but keeps the text as written', () => {
    const cleaned = cleanUrl('https://example.org/s?a=1&amp;b=2.');
    expect(cleaned.text).toBe('https://example.org/s?a=1&amp;b=2');
    expect(cleaned.url).toBe('https://example.org/s?a=1&b=2');
    expect(cleaned.steps).toContainEqual({ rule: 'entity-in-url', removed: '&amp;' });
    expect(cleanUrl('https://example.org/s?a=1&lt=2').url).toBe('https://example.org/s?a=1&lt=2');
  });

  it('ends the URL at a no-break space or any whitespace', () => {
    const cleaned = cleanUrl('https://example.org/a\u00a0Next');
    expect(cleaned.text).toBe('https://example.org/a');
    expect(cleaned.steps).toEqual([{ rule: 'whitespace', removed: '\u00a0Next' }]);
    expect(cleanUrl('https://example.org/a\u2009b').text).toBe('https://example.org/a');
  });

  it('keeps the fragment apart from the URL', () => {
    const cleaned = cleanUrl('https://www.state.gov/reports/country-reports-on-terrorism-2019/#AAD;');
    expect(cleaned.url).toBe('https://www.state.gov/reports/country-reports-on-terrorism-2019/');
    expect(cleaned.fragment).toBe('AAD');
    expect(cleanUrl('https://example.org/#').fragment).toBeNull();
    expect(cleanUrl('https://example.org/x#:~:text=a%20b,c').fragment).toBe(':~:text=a%20b,c');
  });

  it('adds http:// to www. links', () => {
    expect(cleanUrl('www.example.org/a.').url).toBe('http://www.example.org/a');
  });

  it('reports what cannot be made into an http(s) URL instead of guessing', () => {
    for (const broken of [
      'hxxp://evil.example/a',
      'http:/example.org/a',
      'htp://example.org',
      'http://',
      'http://..',
    ]) {
      const cleaned = cleanUrl(broken);
      expect(cleaned.url, broken).toBeNull();
      expect(cleaned.problem, broken).toMatch(/\S/);
    }
    expect(cleanUrl('ftp://example.org/a').problem).toMatch(/not http/);
  });

  it('is idempotent on tricky inputs', () => {
    for (const input of [
      'https://x.org/a.pdf.age.',
      'https://x.org/(a)).',
      'https://x.org/a./span>.',
      'https://x.org/a&ldquo',
    ]) {
      const once = cleanUrl(input).text;
      expect(cleanUrl(once).text).toBe(once);
    }
  });
});

describe('findUrlCandidates', () => {
  it('finds URLs glued to prose and stops at whitespace', () => {
    const text = 'Senegal, 2021,https://a.example/x. Then www.b.example/y and\u00a0http://c.example';
    expect(findUrlCandidates(text).map((candidate) => candidate.text)).toEqual([
      'https://a.example/x.',
      'www.b.example/y',
      'http://c.example',
    ]);
  });

  it('reports spans that point at the text', () => {
    const text = 'see (https://a.example/x) now';
    const [candidate] = findUrlCandidates(text);
    expect(candidate).toEqual({ start: 5, end: 25, text: 'https://a.example/x)' });
    expect(text.slice(candidate!.start, candidate!.end)).toBe(candidate!.text);
  });

  it('finds broken forms so they can become warnings', () => {
    const found = findUrlCandidates(
      'a hxxp://evil.example b http:/one.example c htps://two.example d http//three.example',
    );
    expect(found.map((candidate) => candidate.text)).toEqual([
      'hxxp://evil.example',
      'http:/one.example',
      'htps://two.example',
      'http//three.example',
    ]);
  });

  it('keeps a Wayback URL with its embedded original as one candidate', () => {
    const url = 'https://web.archive.org/web/20220208081325/https://menastream.com/mali';
    expect(findUrlCandidates(`x ${url}.`)).toHaveLength(1);
  });

  it('does not find www inside words or e-mail addresses', () => {
    expect(findUrlCandidates('awww.example me@www.example.org')).toEqual([]);
  });
});

describe('cleanUrl: a capitalized word glued after a dot', () => {
  it('is cut from the host when two labels remain', () => {
    const cleaned = cleanUrl('https://www.example.org.Thomas');
    expect(cleaned.text).toBe('https://www.example.org');
    expect(cleaned.gluedProse).toBe('Thomas');
    expect(cleaned.steps).toEqual([
      { rule: 'trailing-punctuation', removed: '.' },
      { rule: 'sentence-after-dot', removed: 'Thomas' },
    ]);
    expect(cleanUrl('https://www.MyDomain.com/').text).toBe('https://www.MyDomain.com/');
  });

  it('is cut from the last path segment, but not from queries or mixed-case paths', () => {
    expect(cleanUrl('https://x.org/a/growing-threat-to-senegal.As').text).toBe(
      'https://x.org/a/growing-threat-to-senegal',
    );
    expect(cleanUrl('https://x.org/Doc.Viewer/a').text).toBe('https://x.org/Doc.Viewer/a');
    expect(cleanUrl('https://x.org/a?q=b.Claim').text).toBe('https://x.org/a?q=b.Claim');
    expect(cleanUrl('https://en.wikipedia.org/wiki/U.S._Route').text).toBe('https://en.wikipedia.org/wiki/U.S._Route');
  });
});

describe('cleanUrl: sentence glued to a host', () => {
  it('cuts at an upper-case label after lower-case ones, not in all-caps hosts', () => {
    expect(cleanUrl('https://a.example.A').text).toBe('https://a.example');
    expect(cleanUrl('HTTPS://WWW.EXAMPLE.COM').text).toBe('HTTPS://WWW.EXAMPLE.COM');
    expect(cleanUrl('https://news.BBC.co.uk/').text).toBe('https://news.BBC.co.uk/');
  });
});

describe('findUrlCandidates: URLs glued together', () => {
  it('starts a new candidate at a scheme glued after a quote or a word', () => {
    expect(findUrlCandidates('https://a.example/x.pdf”https://b.example/y').map((found) => found.text)).toEqual([
      'https://a.example/x.pdf”',
      'https://b.example/y',
    ]);
    expect(findUrlCandidates('https://a.example/pagehttps://b.example').map((found) => found.text)).toEqual([
      'https://a.example/page',
      'https://b.example',
    ]);
  });

  it('keeps embedded URLs of Wayback links and redirect parameters', () => {
    for (const url of [
      'https://web.archive.org/web/2020/https://a.example/',
      'https://r.example/go?to=https://a.example/',
    ]) {
      expect(findUrlCandidates(url).map((found) => found.text)).toEqual([url]);
    }
  });
});
