import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, startLoopbackServer } from '../../helpers/loopback-server.js';

/** Timestamp of the one capture the fake Wayback holds (of `/gone`). */
export const CAPTURE_TIMESTAMP = '20190501000000';

const CLAIM_PAGE = (title: string, text: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p>` +
  '<p>The report describes the coalition, its leaders and its areas of operation at length.</p></main></body></html>';

export interface LoopbackWeb {
  web: LoopbackServer;
  wayback: LoopbackServer;
  /** A Markdown document citing every behaviour of the web once. */
  document(): string;
  close(): Promise<void>;
}

/**
 * A small web with known answers on loopback: alive, 404 with a capture in the fake
 * Wayback, soft-404 (200 "Page not found"), 403, a permanent redirect, and a canary.
 * Unknown paths are 404, so the soft-404 probe's random path tells real pages apart.
 */
export async function startLoopbackWeb(): Promise<LoopbackWeb> {
  const web = await startLoopbackServer((req, res) => answerWeb(req, res));
  const wayback = await startLoopbackServer((req, res) => answerWayback(req, res, web.origin));
  return {
    web,
    wayback,
    document: () => markdownDocument(web.origin),
    close: async () => {
      await Promise.all([web.close(), wayback.close()]);
    },
  };
}

function answerWeb(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://web').pathname;
  const html = { 'content-type': 'text/html; charset=utf-8' };
  switch (path) {
    case '/canary':
      res.writeHead(204).end();
      return;
    case '/alive':
      res
        .writeHead(200, html)
        .end(CLAIM_PAGE('Founding of JNIM', 'In 2017 four groups merged in Mali to form JNIM, the coalition.'));
      return;
    case '/moved':
      res.writeHead(301, { location: '/alive' }).end();
      return;
    case '/soft':
      res
        .writeHead(200, html)
        .end(
          '<!doctype html><html><head><title>Page not found</title></head><body>Sorry, this page does not exist.</body></html>',
        );
      return;
    case '/blocked':
      res.writeHead(403, html).end('<html><head><title>Forbidden</title></head><body>Access denied</body></html>');
      return;
    default:
      res.writeHead(404, html).end('<html><head><title>Not Found</title></head><body>Not Found</body></html>');
  }
}

function answerWayback(req: IncomingMessage, res: ServerResponse, webOrigin: string): void {
  const url = new URL(req.url ?? '/', 'http://wayback');
  const gone = `${webOrigin}/gone`;
  const json = { 'content-type': 'application/json' };
  if (url.pathname === '/cdx/search/cdx') {
    const rows =
      url.searchParams.get('url') === gone
        ? [
            ['timestamp', 'original', 'statuscode', 'mimetype', 'digest'],
            [CAPTURE_TIMESTAMP, gone, '200', 'text/html', 'AAAA2019A5K6V3RPI4OQ2GJQF6H7YFZC'],
          ]
        : [];
    res.writeHead(200, json).end(JSON.stringify(rows));
    return;
  }
  if (url.pathname === '/wayback/available') {
    res.writeHead(200, json).end(JSON.stringify({ url: url.searchParams.get('url'), archived_snapshots: {} }));
    return;
  }
  const raw = req.url ?? '';
  if (raw === `/web/${CAPTURE_TIMESTAMP}id_/${gone}` || raw === `/web/${CAPTURE_TIMESTAMP}/${gone}`) {
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'memento-datetime': 'Wed, 01 May 2019 00:00:00 GMT',
      })
      .end(CLAIM_PAGE('Leader profile', 'Iyad Ag Ghaly leads the coalition and gave an interview in 2019.'));
    return;
  }
  res
    .writeHead(404, { 'content-type': 'text/html' })
    .end('<html><body>Wayback Machine has not archived that URL.</body></html>');
}

function markdownDocument(origin: string): string {
  return [
    '# History',
    '',
    'In 2017 four groups merged in Mali to form JNIM.[^1]',
    '',
    'Iyad Ag Ghaly leads the coalition and gave an interview.[^2]',
    '',
    '## Operations',
    '',
    'The group operates across the Sahel.[^3]',
    '',
    'It funds itself through kidnapping.[^4]',
    '',
    'The coalition moved its page.[^5]',
    '',
    'A quote without a source.[^6]',
    '',
    `[^1]: Alpha Author, "Founding of JNIM," Alive Review, March 3, 2019, ${origin}/alive.`,
    `[^2]: Beta Writer, "Leader profile," Gone News, accessed May 5, 2019, ${origin}/gone.`,
    `[^3]: Gamma, "Sahel operations," ${origin}/soft.`,
    `[^4]: Delta, "Ransom," ${origin}/blocked.`,
    `[^5]: Eta, "Moved page," ${origin}/moved.`,
    '[^6]: Kappa, interview, 2020.',
    '',
  ].join('\n');
}

/** Config (as a user writes it) pointing every network endpoint at the loopback web. */
export function loopbackConfig(web: LoopbackWeb, overrides: { storePath?: string } = {}) {
  return {
    check: {
      allowPrivate: true,
      canaryUrls: [`${web.web.origin}/canary`],
      retries: 1,
      hostIntervalMs: 0,
      hostConcurrency: 4,
      connectTimeoutMs: 2_000,
      headersTimeoutMs: 3_000,
      totalTimeoutMs: 5_000,
    },
    archive: {
      waybackBaseUrl: web.wayback.origin,
      availabilityBaseUrl: web.wayback.origin,
      timeoutMs: 15_000,
      requestTimeoutMs: 3_000,
      searchPerMinute: 600,
      fetchPerMinute: 600,
    },
    verify: { maxSourceBytes: 1_000_000 },
    ...(overrides.storePath ? { storePath: overrides.storePath } : {}),
  };
}
