import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SuggestedFix } from '../../../src/model/report.js';
import { fixDocument } from '../../../src/report/fix-document.js';
import { FIXTURE_DIR, loadFixtureReport } from './report-fixture.js';

const SNAPSHOT = 'https://web.archive.org/web/20190501000000/https://a.example/x?q=1&r=2';
const fix: SuggestedFix = {
  kind: 'use-archive',
  replacementUrl: SNAPSHOT,
  originalUrl: 'https://a.example/x?q=1&r=2',
  versionDate: '2019-05-01',
  replacementText: '',
};

function citationAt(text: string, urlText: string) {
  return { id: 'c1', line: 1, urlText, urlOffset: text.indexOf(urlText), fix };
}

describe('fixDocument', () => {
  it('plain text: the capture goes after the original, which stays', () => {
    const report = loadFixtureReport();
    const text = readFileSync(join(FIXTURE_DIR, 'sample.txt'), 'utf8');
    const fixed = fixDocument(text, 'text', report.documents[0]!.citations);
    expect(fixed.applied.map((a) => a.citationId)).toEqual(['c2', 'c3']);
    expect(fixed.text).toContain(
      'https://gone.example/page (archived 2018-06-10: https://web.archive.org/web/20180610120000/https://gone.example/page)',
    );
    expect(fixed.text).toContain(
      'https://gone.example/leader (archived 2019-05-01: https://web.archive.org/web/20190501000000/https://gone.example/leader)',
    );
    // Nothing else moves: removing the insertions gives the original back.
    expect(fixed.text.replace(/ \(archived [^)]+\)/g, '')).toBe(text);
  });

  it('Markdown inline link: the target becomes the capture, a note keeps the original', () => {
    const text = 'Claim.[^1]\n\n[^1]: Author, [Title](https://a.example/x?q=1&r=2), 2019.\n';
    const fixed = fixDocument(text, 'markdown', [citationAt(text, 'https://a.example/x?q=1&r=2')]);
    expect(fixed.text).toBe(
      `Claim.[^1]\n\n[^1]: Author, [Title](${SNAPSHOT}) (originally https://a.example/x?q=1&r=2, archived 2019-05-01), 2019.\n`,
    );
  });

  it('Markdown reference definition: the note goes to the end of the line, as a comment', () => {
    const text = 'See [the report][r].\n\n[r]: https://a.example/x?q=1&r=2 "Title"\n';
    const fixed = fixDocument(text, 'markdown', [citationAt(text, 'https://a.example/x?q=1&r=2')]);
    expect(fixed.text).toBe(
      `See [the report][r].\n\n[r]: ${SNAPSHOT} "Title" <!-- citecheck: (originally https://a.example/x?q=1&r=2, archived 2019-05-01) -->\n`,
    );
  });

  it('HTML: href becomes the capture, with Robust Links data attributes keeping the original', () => {
    const text = '<p>Claim.<a class="ext" href="https://a.example/x?q=1&amp;r=2">Title</a></p>';
    const fixed = fixDocument(text, 'html', [citationAt(text, 'https://a.example/x?q=1&amp;r=2')]);
    expect(fixed.text).toBe(
      '<p>Claim.<a class="ext" href="https://web.archive.org/web/20190501000000/https://a.example/x?q=1&amp;r=2" ' +
        'data-originalurl="https://a.example/x?q=1&amp;r=2" ' +
        'data-versionurl="https://web.archive.org/web/20190501000000/https://a.example/x?q=1&amp;r=2" ' +
        'data-versiondate="2019-05-01">Title</a></p>',
    );
  });

  it('HTML text URL: a robust link to the capture follows it', () => {
    const text = '<li>Author, Title, https://a.example/x?q=1&amp;r=2</li>';
    const fixed = fixDocument(text, 'html', [citationAt(text, 'https://a.example/x?q=1&amp;r=2')]);
    expect(fixed.text).toContain('https://a.example/x?q=1&amp;r=2 <a href="https://web.archive.org/');
    expect(fixed.text).toContain('data-versiondate="2019-05-01">[archived 2019-05-01]</a></li>');
  });

  it('skips, and says so, a citation whose URL is no longer at its offset', () => {
    const text = 'Claim. https://a.example/x?q=1&r=2';
    const moved = { ...citationAt(text, 'https://a.example/x?q=1&r=2'), urlOffset: 0 };
    const fixed = fixDocument(text, 'text', [moved]);
    expect(fixed.text).toBe(text);
    expect(fixed.skipped).toEqual([{ citationId: 'c1', line: 1, reason: 'the document changed since the report' }]);
  });
});
