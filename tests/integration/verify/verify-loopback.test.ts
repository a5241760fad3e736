/**
 * verifyCitations over real loopback sockets with the real HTTP client: redirects followed
 * by hand, a PDF and an HTML page read, each source fetched once, and the body cap enforced.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerifyConfigSchema } from '../../../src/model/config.js';
import type { HttpClient } from '../../../src/model/http.js';
import { verifyCitations } from '../../../src/verify/index.js';
import { makeCitation } from '../../fixtures/verify/make-citation.js';
import { buildPdf, URBAN_HEAT_STUDY } from '../../fixtures/verify/pdf-fixtures.js';
import {
  createLoopbackOnlyConnector,
  createLoopbackTestClient,
  type LoopbackServer,
  reply,
  routes,
  startLoopbackServer,
} from '../../helpers/loopback-server.js';

let server: LoopbackServer;
let http: HttpClient;
const connector = createLoopbackOnlyConnector();

beforeAll(async () => {
  const pdf = await buildPdf(URBAN_HEAT_STUDY);
  const bikeLanes = await readFile(new URL('../../fixtures/verify/pages/bike-lanes.html', import.meta.url));
  server = await startLoopbackServer(
    routes({
      '/study': reply(302, '', { location: '/files/study.pdf' }),
      '/files/study.pdf': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(pdf.length) });
        res.end(pdf);
      },
      '/lanes': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(bikeLanes);
      },
      '/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<p>${'word '.repeat(4000)}</p>`);
      },
    }),
  );
  http = createLoopbackTestClient({}, connector);
});

afterAll(async () => {
  await http.close();
  await server.close();
});

describe('verifyCitations over loopback', () => {
  it('reads a redirected PDF and an HTML page, once each, and finds the evidence', async () => {
    const config = VerifyConfigSchema.parse({});
    const study = server.url('/study');
    const lanes = server.url('/lanes');
    const results = await verifyCitations(
      [
        {
          citationId: 'heat',
          claimText: 'Summer nights in central Lyon were 3.8 degrees warmer than the surrounding rural areas.',
          citation: makeCitation({ id: 'heat', url: study, locator: 'p. 4', title: 'Urban Heat Island Study' }),
          source: { url: study, from: 'live' },
        },
        {
          citationId: 'heat-2',
          claimText: 'Parks larger than 5 hectares cooled neighbouring streets by up to 2 degrees at night.',
          citation: makeCitation({ id: 'heat-2', url: study }),
          source: { url: study, from: 'live' },
        },
        {
          citationId: 'lanes',
          claimText: 'Cyclist injuries on the Rotterdam corridors fell 28 percent after protected lanes were built.',
          citation: makeCitation({ id: 'lanes', url: lanes, title: 'Protected Bike Lanes Evaluation 2019–2022' }),
          source: { url: lanes, from: 'live' },
        },
      ],
      config,
      { http },
    );
    expect(results.get('heat')).toMatchObject({
      kind: 'read',
      finalUrl: server.url('/files/study.pdf'),
      verdict: 'supports',
      locator: { page: 4, found: true, pdfPage: 6 },
      titleMatch: { verdict: 'match' },
    });
    expect(results.get('heat-2')).toMatchObject({ kind: 'read', verdict: 'supports' });
    expect(results.get('lanes')).toMatchObject({ kind: 'read', verdict: 'supports', titleMatch: { verdict: 'match' } });
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/files/study.pdf', '/lanes', '/study']);
    expect(connector.violations).toEqual([]);
  });

  it('refuses a source over the byte cap', async () => {
    const results = await verifyCitations(
      [
        {
          citationId: 'huge',
          claimText: 'A claim.',
          citation: makeCitation({ id: 'huge' }),
          source: { url: server.url('/huge'), from: 'archive' },
        },
      ],
      VerifyConfigSchema.parse({ maxSourceBytes: 4096 }),
      { http },
    );
    expect(results.get('huge')).toMatchObject({ kind: 'unreadable', reason: 'too-large', from: 'archive' });
  });
});
