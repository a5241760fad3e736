import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/model/config.js';
import { runAudit } from '../../../src/pipeline.js';
import { type LoopbackServer, startLoopbackServer } from '../../helpers/loopback-server.js';

/** The capture of `/relocated` is an archived redirect; the page it led to was captured a few seconds later. */
const REDIRECT_TS = '20190501000000';
const PAGE_TS = '20190501000004';

const PAGE =
  '<!doctype html><html><head><title>Leader profile</title></head><body><main><h1>Leader profile</h1>' +
  '<p>Iyad Ag Ghaly leads the coalition and gave an interview in 2019.</p></main></body></html>';

type WaybackMode = 'archived-redirect' | 'rate-limited';

describe('runAudit: what the archive stage hands on', () => {
  let web: LoopbackServer;
  let wayback: LoopbackServer;
  let dir: string;
  let mode: WaybackMode = 'archived-redirect';

  beforeAll(async () => {
    web = await startLoopbackServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://web').pathname;
      if (path === '/canary') res.writeHead(204).end();
      else if (path === '/alive') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not Found</title>');
    });
    wayback = await startLoopbackServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://wayback');
      const relocated = `${web.origin}/relocated`;
      const json = { 'content-type': 'application/json' };
      if (url.pathname === '/cdx/search/cdx') {
        if (mode === 'rate-limited') {
          res.writeHead(429, { 'retry-after': '3600' }).end();
          return;
        }
        const rows =
          url.searchParams.get('url') === relocated
            ? [
                ['timestamp', 'original', 'statuscode', 'mimetype', 'digest'],
                [REDIRECT_TS, relocated, '200', 'text/html', 'AAAA2019A5K6V3RPI4OQ2GJQF6H7YFZC'],
              ]
            : [];
        res.writeHead(200, json).end(JSON.stringify(rows));
      } else if (url.pathname === '/wayback/available') {
        res.writeHead(200, json).end(JSON.stringify({ archived_snapshots: {} }));
      } else if (url.pathname === '/save') {
        res.writeHead(200, json).end(JSON.stringify({ url: 'x', job_id: 'spn2-job' }));
      } else if (req.url === `/web/${REDIRECT_TS}id_/${relocated}`) {
        res
          .writeHead(302, {
            'memento-datetime': 'Wed, 01 May 2019 00:00:00 GMT',
            location: `/web/${PAGE_TS}id_/${web.origin}/new-home`,
          })
          .end();
      } else if (req.url === `/web/${PAGE_TS}id_/${web.origin}/new-home`) {
        res
          .writeHead(200, { 'content-type': 'text/html', 'memento-datetime': 'Wed, 01 May 2019 00:00:04 GMT' })
          .end(PAGE);
      } else {
        res.writeHead(404, { 'content-type': 'text/html' }).end('not archived');
      }
    });
    dir = mkdtempSync(join(tmpdir(), 'citecheck-handoff-'));
    writeFileSync(
      join(dir, 'doc.md'),
      [
        'Iyad Ag Ghaly leads the coalition.[^1]',
        '',
        'He gave an interview in 2019.[^2]',
        '',
        `[^1]: Beta, "Leader profile," accessed May 5, 2019, ${web.origin}/relocated.`,
        `[^2]: Gamma, "Leader profile," accessed May 5, 2019, ${web.origin}/alive.`,
        '',
      ].join('\n'),
    );
  });
  afterEach(() => {
    mode = 'archived-redirect';
  });
  afterAll(async () => {
    await Promise.all([web?.close(), wayback?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const configWith = (archive: Record<string, unknown> = {}) =>
    ConfigSchema.parse({
      check: {
        allowPrivate: true,
        canaryUrls: [`${web.origin}/canary`],
        retries: 1,
        hostIntervalMs: 0,
        soft404Probe: false,
        totalTimeoutMs: 5_000,
      },
      archive: {
        waybackBaseUrl: wayback.origin,
        availabilityBaseUrl: wayback.origin,
        timeoutMs: 15_000,
        requestTimeoutMs: 3_000,
        searchPerMinute: 600,
        fetchPerMinute: 600,
        ...archive,
      },
    });

  it('verify reads the page an archived redirect led to, not the redirect', async () => {
    const { report } = await runAudit(['doc.md'], { config: configWith(), cwd: dir });
    const citation = report.documents[0]?.citations.find((c) => c.url?.endsWith('/relocated'));
    expect(citation?.archive).toMatchObject({ kind: 'found', timestamp: REDIRECT_TS, validated: true });
    const pageRaw = `${wayback.origin}/web/${PAGE_TS}id_/${web.origin}/new-home`;
    expect(citation?.evidence).toMatchObject({ kind: 'read', from: 'archive', sourceUrl: pageRaw, finalUrl: pageRaw });
    // Only validation fetched the redirect; verify went straight to the page.
    const redirectFetches = wayback.requests.filter((r) => r.path === `/web/${REDIRECT_TS}id_/${web.origin}/relocated`);
    expect(redirectFetches).toHaveLength(1);
  });

  it('Save Page Now shares the lookups limiter: a 429 pause past the budget holds the save too', async () => {
    mode = 'rate-limited';
    const { report } = await runAudit(['doc.md'], { config: configWith({ saveLive: true }), cwd: dir });
    const links = new Map(report.documents[0]?.links.map((l) => [new URL(l.url).pathname, l]));
    expect(links.get('/relocated')?.result?.verdict.kind).toBe('broken');
    const alive = links.get('/alive');
    expect(alive?.result?.verdict.kind).toBe('alive');
    expect(alive?.saved).toMatchObject({ kind: 'save-skipped', reason: expect.stringMatching(/paused \(429/) });
    expect(wayback.requests.filter((r) => r.path === '/save')).toHaveLength(0);
  });
});
