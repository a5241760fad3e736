import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { VerifyConfigSchema } from '../../../src/model/config.js';
import { SourceEvidenceSchema } from '../../../src/model/evidence.js';
import { type VerifyItem, verifyCitations } from '../../../src/verify/index.js';
import { makeCitation } from '../../fixtures/verify/make-citation.js';
import { buildPdf, RIVER_BASIN_REPORT } from '../../fixtures/verify/pdf-fixtures.js';
import { createFakeHttp } from './fake-http.js';

const CONFIG = VerifyConfigSchema.parse({});
const PAGES = new URL('../../fixtures/verify/pages/', import.meta.url);
const page = (name: string) => readFile(new URL(name, PAGES));
const HTML = { 'content-type': 'text/html; charset=utf-8' };

function item(
  id: string,
  url: string,
  claimText: string,
  citation: Parameters<typeof makeCitation>[0] = {},
): VerifyItem {
  return { citationId: id, claimText, citation: makeCitation({ id, url, ...citation }), source: { url, from: 'live' } };
}

describe('verifyCitations', () => {
  it('fetches each source once, however many citations share it, and returns a valid record per citation', async () => {
    const http = createFakeHttp({
      'https://water.test/press': { status: 200, headers: HTML, body: await page('water-quality.html') },
    });
    const title = 'Nitrate pollution in the Elbe basin rose sharply in 2019';
    const results = await verifyCitations(
      [
        item('a', 'https://water.test/press', 'Nitrate in the Elbe reached 28.4 mg per litre in 2019, up 12.5%.', {
          title,
        }),
        item('b', 'https://water.test/press', 'Protected bike lanes cut cyclist injuries by 28 percent.', { title }),
      ],
      CONFIG,
      { http },
    );
    expect(http.requests).toHaveLength(1);
    expect([...results.keys()]).toEqual(['a', 'b']);
    for (const evidence of results.values()) expect(SourceEvidenceSchema.safeParse(evidence).success).toBe(true);
    expect(results.get('a')).toMatchObject({
      kind: 'read',
      verdict: 'supports',
      titleMatch: { verdict: 'match' },
      locator: null,
      textFragment: null,
      drift: null,
      pageCount: null,
    });
    expect(results.get('b')).toMatchObject({ kind: 'read', verdict: 'not-found' });
  });

  it('checks the cited PDF page and the text fragment', async () => {
    const http = createFakeHttp({
      'https://basin.test/report.pdf': {
        status: 200,
        headers: { 'content-type': 'application/pdf' },
        body: await buildPdf(RIVER_BASIN_REPORT),
      },
    });
    const results = await verifyCitations(
      [
        item(
          'p',
          'https://basin.test/report.pdf',
          'Groundwater abstraction totalled 412 million cubic metres in 2020.',
          {
            locator: 'p. 3',
            fragment: ':~:text=Groundwater%20abstraction,412%20million',
            title: 'River Basin Management Report 2021',
          },
        ),
      ],
      CONFIG,
      { http },
    );
    expect(results.get('p')).toMatchObject({
      kind: 'read',
      pageCount: 12,
      verdict: 'supports',
      passages: [{ page: 7 }, expect.anything(), expect.anything()],
      locator: { page: 3, found: true, pdfPage: 7 },
      textFragment: { text: 'Groundwater abstraction … 412 million', found: true },
    });
  });

  it('compares the live page with a capture and flags changed content', async () => {
    const http = createFakeHttp({
      'https://water.test/live': { status: 200, headers: HTML, body: await page('water-quality-revised.html') },
      'https://water.test/same': { status: 200, headers: HTML, body: await page('water-quality.html') },
      'https://archive.test/web/2020/https://water.test/press': {
        status: 200,
        headers: HTML,
        body: await page('water-quality-capture.html'),
      },
    });
    const capture = { url: 'https://archive.test/web/2020/https://water.test/press' };
    const claim = 'Nitrate in the Elbe reached 28.4 mg per litre in 2019.';
    const results = await verifyCitations(
      [
        { ...item('changed', 'https://water.test/live', claim), compareWith: capture },
        { ...item('same', 'https://water.test/same', claim), compareWith: capture },
      ],
      CONFIG,
      { http },
    );
    const changed = results.get('changed');
    const same = results.get('same');
    if (changed?.kind !== 'read' || same?.kind !== 'read') throw new Error('expected readable sources');
    expect(changed.drift).toMatchObject({ comparedUrl: capture.url, changed: true });
    expect(changed.verdict).toBe('not-found');
    expect(same.drift).toMatchObject({ changed: false });
    expect(same.drift?.similarity).toBeGreaterThan(0.9);
    // The capture was fetched once for both comparisons.
    expect(http.requests.filter((r) => r.url === capture.url)).toHaveLength(1);
  });

  it('returns unreadable sources as data with the source URL', async () => {
    const http = createFakeHttp({
      'https://img.test/a.png': { status: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89]) },
      'https://down.test/': { error: 'ENOTFOUND' },
    });
    const results = await verifyCitations(
      [item('img', 'https://img.test/a.png', 'A claim.'), item('down', 'https://down.test/', 'A claim.')],
      CONFIG,
      { http },
    );
    expect(results.get('img')).toEqual({
      kind: 'unreadable',
      sourceUrl: 'https://img.test/a.png',
      from: 'live',
      reason: 'unreadable-type',
      contentType: 'image/png',
      message: 'cannot read image/png as text',
    });
    expect(results.get('down')).toMatchObject({ kind: 'unreadable', reason: 'fetch-failed' });
  });

  it('reads one source per host at a time, sources of different hosts together', async () => {
    const inFlight = new Map<string, number>();
    const most = new Map<string, number>();
    let total = 0;
    let mostTotal = 0;
    const body = Buffer.from('<p>Some page text about rivers.</p>');
    const http = {
      async request(req: { url: string }) {
        const host = new URL(req.url).host;
        inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
        most.set(host, Math.max(most.get(host) ?? 0, inFlight.get(host) ?? 0));
        total += 1;
        mostTotal = Math.max(mostTotal, total);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
        total -= 1;
        return {
          url: req.url,
          status: 200,
          headers: HTML,
          body,
          truncated: false,
          remoteAddress: '127.0.0.1',
          timings: { startMs: 0, headersMs: 0, endMs: 0 },
        };
      },
      async close() {},
    };
    const urls = ['https://a.test/1', 'https://a.test/2', 'https://a.test/3', 'https://b.test/1', 'https://c.test/1'];
    await verifyCitations(
      urls.map((url, i) => item(`c${i}`, url, 'Rivers.')),
      CONFIG,
      { http },
    );
    expect(most.get('a.test')).toBe(1);
    expect(mostTotal).toBeGreaterThan(1);
  });

  it('rejects when the run is aborted, instead of reporting sources as unreadable', async () => {
    const controller = new AbortController();
    const http = {
      async request(req: { signal?: AbortSignal }) {
        controller.abort(new Error('interrupted'));
        throw req.signal?.reason ?? new Error('no signal passed');
      },
      async close() {},
    };
    await expect(
      verifyCitations([item('x', 'https://a.test/', 'A claim.')], CONFIG, { http, signal: controller.signal }),
    ).rejects.toThrow('interrupted');
  });

  it('does nothing when verification is disabled', async () => {
    const http = createFakeHttp({});
    const results = await verifyCitations(
      [item('x', 'https://a.test/', 'A claim.')],
      { ...CONFIG, enabled: false },
      { http },
    );
    expect(results.size).toBe(0);
    expect(http.requests).toHaveLength(0);
  });
});
