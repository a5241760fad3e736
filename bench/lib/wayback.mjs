/**
 * A fake Wayback Machine with the three endpoints citecheck's archive stage uses: CDX search
 * (`/cdx/search/cdx?url=..&output=json`), `id_` mementos (`/web/<ts>id_/<url>`, with
 * `Memento-Datetime`; a non-exact timestamp redirects to the nearest capture, as IA does)
 * and the Availability API (`/wayback/available`).
 */
import http from 'node:http';
import { renderPage } from './pages.mjs';

export const WAYBACK_ADDRESS = '127.79.0.1';
const LATENCY_MS = 30;
const CDX_FIELDS = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'];

function toHttpDate(timestamp) {
  const t = timestamp.padEnd(14, '0');
  const iso = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}Z`;
  return new Date(iso).toUTCString();
}

function urlKey(url) {
  const u = new URL(url);
  return `${u.hostname.split('.').reverse().join(',')})${u.pathname}${u.search}`;
}

function nearest(rows, timestamp) {
  const target = Number(timestamp.padEnd(14, '0'));
  return rows.reduce((best, row) =>
    Math.abs(Number(row.timestamp) - target) < Math.abs(Number(best.timestamp) - target) ? row : best,
  );
}

function cdxRows(captures, params) {
  const url = params.get('url') ?? '';
  const from = (params.get('from') ?? '').padEnd(14, '0');
  const to = (params.get('to') ?? '').padEnd(14, '9');
  const filters = params.getAll('filter');
  let rows = (captures[url] ?? []).filter(
    (row) => row.timestamp >= from && (to === '99999999999999' || row.timestamp <= to),
  );
  for (const filter of filters) {
    const match = /^(!?)statuscode:(.*)$/.exec(filter);
    if (!match) continue;
    const pattern = new RegExp(`^(?:${match[2]})$`);
    rows = rows.filter((row) => pattern.test(String(row.status)) !== (match[1] === '!'));
  }
  const limit = Number(params.get('limit') ?? '0');
  if (limit > 0) rows = rows.slice(0, limit);
  else if (limit < 0) rows = rows.slice(limit);
  return rows.map((row) => [
    urlKey(url),
    row.timestamp,
    url,
    'text/html',
    String(row.status),
    `D${row.timestamp}`,
    '2048',
  ]);
}

export async function startWaybackServer(captures, port) {
  let requests = 0;
  const handle = (req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', `http://${WAYBACK_ADDRESS}`);
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cdx/search/cdx') {
      const rows = cdxRows(captures, url.searchParams);
      return json(200, rows.length === 0 ? [] : [CDX_FIELDS, ...rows]);
    }
    if (url.pathname === '/wayback/available') {
      const rows = (captures[url.searchParams.get('url') ?? ''] ?? []).filter((r) => r.status === 200);
      if (rows.length === 0) return json(200, { url: url.searchParams.get('url'), archived_snapshots: {} });
      const row = nearest(rows, url.searchParams.get('timestamp') ?? '20991231');
      return json(200, {
        url: url.searchParams.get('url'),
        archived_snapshots: {
          closest: {
            status: '200',
            available: true,
            url: `http://${WAYBACK_ADDRESS}:${port}/web/${row.timestamp}/${url.searchParams.get('url')}`,
            timestamp: row.timestamp,
          },
        },
      });
    }
    const memento = /^\/web\/(\d{1,14})(id_)?\/(.+)$/.exec(`${url.pathname}${url.search}`);
    if (memento) {
      const [, timestamp, raw, original] = memento;
      const rows = captures[original] ?? [];
      if (rows.length === 0) {
        res.writeHead(404, { 'content-type': 'text/html' });
        return res.end('<title>Wayback Machine</title>Hrm. The Wayback Machine has not archived that URL.');
      }
      const row = nearest(rows, timestamp);
      if (row.timestamp !== timestamp) {
        res.writeHead(302, { location: `/web/${row.timestamp}${raw ?? ''}/${original}` });
        return res.end();
      }
      res.writeHead(row.status, {
        'content-type': 'text/html; charset=utf-8',
        'memento-datetime': toHttpDate(row.timestamp),
        link: `<${original}>; rel="original"`,
      });
      return res.end(row.status === 200 ? renderPage(`Archived ${original}`, original) : 'Not Found');
    }
    res.writeHead(404);
    res.end();
  };
  const server = http.createServer((req, res) => setTimeout(() => handle(req, res), LATENCY_MS));
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, WAYBACK_ADDRESS, resolve));
  return {
    origin: `http://${WAYBACK_ADDRESS}:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
