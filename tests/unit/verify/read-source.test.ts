import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSource } from '../../../src/verify/read-source.js';
import type { SourceText } from '../../../src/verify/source-text.js';
import { joinSourceText } from '../../../src/verify/source-text.js';
import { buildPdf, RIVER_BASIN_REPORT, URBAN_HEAT_STUDY } from '../../fixtures/verify/pdf-fixtures.js';

const PAGES = new URL('../../fixtures/verify/pages/', import.meta.url);

async function readPage(name: string, contentType = 'text/html; charset=utf-8'): Promise<SourceText> {
  const source = await readSource(await readFile(new URL(name, PAGES)), contentType, `https://source.test/${name}`);
  if (source.kind !== 'text') throw new Error(source.message);
  return source;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readSource: HTML', () => {
  it('keeps the article and drops navigation, cookie banner, share links, related lists and footer', async () => {
    const source = await readPage('water-quality.html');
    const text = joinSourceText(source);
    expect(source.format).toBe('html');
    expect(text).toContain('average nitrate concentration of 28.4 milligrams per litre');
    expect(text).toContain('a warning sign for drinking water suppliers downstream');
    for (const chrome of [
      'We use cookies',
      'Data and maps',
      'Share on Facebook',
      'Rhine salinity',
      'Imprint',
      'gtag',
    ]) {
      expect(text).not.toContain(chrome);
    }
  });
  it('collects <title>, og:title and the first h1, without duplicates', async () => {
    const source = await readPage('water-quality.html');
    expect(source.titles).toEqual([
      'Nitrate pollution in the Elbe basin rose sharply in 2019 | Federal Water Agency',
      'Nitrate pollution in the Elbe basin rose sharply in 2019',
    ]);
  });
  it('drops chrome by class name and link lists on a page without article or main', async () => {
    const text = joinSourceText(await readPage('coral-bleaching.html'));
    expect(text).toContain('Aerial surveys flown over 1,036 reefs');
    expect(text).not.toContain('Deep-sea mining licences');
    expect(text).not.toContain('Subscribe');
  });
  it('decodes the charset the server names', async () => {
    const source = await readPage('library-closure.html', 'text/html; charset=iso-8859-1');
    expect(joinSourceText(source)).toContain('Café owners');
  });
  it('removes the Wayback Machine toolbar from a capture', async () => {
    const text = joinSourceText(await readPage('water-quality-capture.html'));
    expect(text).not.toContain('Wayback Machine');
    expect(text).toContain('average nitrate concentration');
  });
  it('sniffs HTML served without a useful content type', async () => {
    const source = await readSource(Buffer.from('<!DOCTYPE html><p>Hello there.</p>'), null, 'https://source.test/');
    expect(source.kind === 'text' && source.format).toBe('html');
  });
});

describe('readSource: PDF', () => {
  it('reads text per page, the Info title, the first-page headline and page labels', async () => {
    const source = await readSource(await buildPdf(RIVER_BASIN_REPORT), 'application/pdf', 'https://source.test/r.pdf');
    if (source.kind !== 'text') throw new Error(source.message);
    expect(source.format).toBe('pdf');
    expect(source.titles).toEqual(['River Basin Management Report 2021']);
    expect(source.pages.map((p) => p.label)).toEqual(['i', 'ii', 'iii', 'iv', '1', '2', '3', '4', '5', '6', '7', '8']);
    expect(source.pages[6]?.blocks).toContain(
      'Groundwater abstraction in the basin totalled 412 million cubic metres in 2020, of which 61 percent was used for public water supply.',
    );
    // The heading is its own block, not glued to the sentence under it.
    expect(source.pages[6]?.blocks[0]).toBe('2 Groundwater');
  });
  it('takes printed page numbers from page footers when the PDF has no labels', async () => {
    const source = await readSource(await buildPdf(URBAN_HEAT_STUDY), 'application/octet-stream', 'https://s.test/u');
    if (source.kind !== 'text') throw new Error(source.message);
    expect(source.pages.map((p) => p.label)).toEqual([null, null, '1', '2', '3', '4', '5', '6']);
  });
  it('uses no network while parsing', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const source = await readSource(await buildPdf(URBAN_HEAT_STUDY), 'application/pdf', 'https://source.test/u.pdf');
    expect(source.kind).toBe('text');
    expect(fetchSpy).not.toHaveBeenCalled();
  });
  it('reports a broken PDF as parse-failed', async () => {
    const source = await readSource(Buffer.from('%PDF-1.7\nnot really a pdf'), 'application/pdf', 'https://s.test/x');
    expect(source).toMatchObject({ kind: 'unreadable', reason: 'parse-failed', contentType: 'application/pdf' });
  });
});

describe('readSource: other bodies', () => {
  it('reads plain text in paragraphs', async () => {
    const source = await readSource(
      Buffer.from('First para\nline two.\n\nSecond para.'),
      'text/plain',
      'https://s.test/',
    );
    expect(source.kind === 'text' && source.pages[0]?.blocks).toEqual(['First para line two.', 'Second para.']);
  });
  it('refuses other types, oversize bodies and bodies without text', async () => {
    expect(await readSource(Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg', 'https://s.test/a.jpg')).toMatchObject({
      kind: 'unreadable',
      reason: 'unreadable-type',
      contentType: 'image/jpeg',
    });
    expect(
      await readSource(Buffer.alloc(2048, 0x20), 'text/plain', 'https://s.test/', { maxSourceBytes: 1024 }),
    ).toMatchObject({ kind: 'unreadable', reason: 'too-large' });
    expect(
      await readSource(Buffer.from('<html><nav>Menu</nav><script>x()</script></html>'), 'text/html', 'https://s.test/'),
    ).toMatchObject({ kind: 'unreadable', reason: 'empty' });
  });
});

describe('readSource: format sniffing', () => {
  it('reads an HTML error page served as application/pdf as HTML', async () => {
    const body = Buffer.from('<!doctype html><title>Error</title><p>The report is being updated.</p>');
    const source = await readSource(body, 'application/pdf', 'https://s.test/r.pdf');
    expect(source.kind === 'text' && source.format).toBe('html');
  });
  it('reads a PDF served as octet-stream, even with bytes before its header', async () => {
    const pdf = Buffer.concat([Buffer.from('\r\n'), await buildPdf(URBAN_HEAT_STUDY)]);
    const source = await readSource(pdf, 'application/octet-stream', 'https://s.test/download?id=7');
    expect(source.kind === 'text' && source.format).toBe('pdf');
  });
});

describe('readSource: main text of a page of teasers', () => {
  it('keeps every teaser when no single article holds most of the text', async () => {
    const teaser = (n: number) =>
      `<article><h2>Story ${n}</h2><p>Short teaser number ${n} about the city.</p></article>`;
    const html = `<html><body><nav>Menu</nav><main>${[1, 2, 3, 4].map(teaser).join('')}</main></body></html>`;
    const source = await readSource(Buffer.from(html), 'text/html', 'https://s.test/');
    const text = source.kind === 'text' ? joinSourceText(source) : '';
    for (const n of [1, 2, 3, 4]) expect(text).toContain(`Short teaser number ${n}`);
    expect(text).not.toContain('Menu');
  });
});
