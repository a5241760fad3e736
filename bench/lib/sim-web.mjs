/**
 * The simulated web: one node:http server per host, each bound to its own 127.77.x.y
 * address (Linux routes all of 127.0.0.0/8 to lo), answering after the host's latency with
 * the behaviour the scenario assigned to the path. Every request passes the politeness
 * monitor first, so violations are measured where a real host would feel them.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { BOT_WALL_PAGE, NOT_FOUND_PAGE, PDF_BODY, renderPage, SOFT_404_PAGE, SPA_SHELL_PAGE } from './pages.mjs';
import { startWaybackServer } from './wayback.mjs';

/** A stalled response is dropped after this long even if the client never gives up. */
const STALL_LIMIT_MS = 120_000;
const CHUNK_BYTES = 64 * 1024;
const CHUNK = Buffer.alloc(CHUNK_BYTES, 'a');

/** Binds an ephemeral port on the first simulated address; every host then reuses it. */
export async function findFreePort(address = '127.77.1.1') {
  const server = http.createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, address, resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function send(req, res, status, headers, body) {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  let payload = buffer;
  const out = { ...headers };
  if (headers['x-sim-gzip'] && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    payload = zlib.gzipSync(buffer);
    out['content-encoding'] = 'gzip';
  }
  delete out['x-sim-gzip'];
  out['content-length'] = String(payload.length);
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function sendLargeBody(req, res, title, bytes) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(bytes) });
  if (req.method === 'HEAD') return res.end();
  const head = Buffer.from(`<!doctype html><html><head><title>${title}</title></head><body><pre>`);
  let written = 0;
  const pump = () => {
    while (written < bytes && !res.destroyed) {
      const chunk = written === 0 ? head : CHUNK.subarray(0, Math.min(CHUNK_BYTES, bytes - written));
      written += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

function holdOpen(res) {
  const timer = setTimeout(() => res.destroy(), STALL_LIMIT_MS);
  res.on('close', () => clearTimeout(timer));
}

function createHandler(host, state) {
  const gzip = host.profile === 'gzip';
  const htmlHeaders = { 'content-type': 'text/html; charset=utf-8', ...(gzip ? { 'x-sim-gzip': '1' } : {}) };
  const respond = (req, res, path, route) => {
    if (host.profile === 'head405' && req.method === 'HEAD' && path !== '/') {
      return send(req, res, 405, { allow: 'GET', 'content-type': 'text/plain' }, 'Method Not Allowed');
    }
    if (!route) {
      if (host.profile === 'spa') return send(req, res, 200, htmlHeaders, SPA_SHELL_PAGE);
      return send(req, res, 404, htmlHeaders, NOT_FOUND_PAGE);
    }
    switch (route.type) {
      case 'page':
        if (route.bytes) return sendLargeBody(req, res, route.title, route.bytes);
        if (route.contentType === 'application/pdf') {
          return send(req, res, 200, { 'content-type': 'application/pdf' }, PDF_BODY);
        }
        if (host.profile === 'wall999') return send(req, res, 999, { 'content-type': 'text/html' }, '');
        return send(req, res, 200, htmlHeaders, renderPage(route.title, path));
      case 'redirect':
        return send(req, res, route.status, { location: route.location, 'content-type': 'text/html' }, 'Moved');
      case 'status': {
        const headers = { ...htmlHeaders };
        if (route.retryAfterS) headers['retry-after'] = String(route.retryAfterS);
        return send(req, res, route.status, headers, route.status === 404 ? NOT_FOUND_PAGE : `Error ${route.status}`);
      }
      case 'bot-wall':
        return send(
          req,
          res,
          403,
          { ...htmlHeaders, 'cf-mitigated': 'challenge', server: 'cloudflare', 'cache-control': 'no-store' },
          BOT_WALL_PAGE,
        );
      case 'soft404-title':
        return send(req, res, 200, htmlHeaders, SOFT_404_PAGE);
      case 'transient': {
        const seen = (state.attempts.get(path) ?? 0) + 1;
        state.attempts.set(path, seen);
        if (seen > route.failures) return respond(req, res, path, route.recovered);
        if (route.fail.reset) return req.socket.destroy();
        const headers = { ...htmlHeaders };
        if (route.fail.retryAfterS) headers['retry-after'] = String(route.fail.retryAfterS);
        return send(req, res, route.fail.status, headers, `Error ${route.fail.status}`);
      }
      case 'stall-headers':
        return holdOpen(res);
      case 'stall-body':
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
        if (req.method === 'HEAD') return res.end();
        res.write('<!doctype html><html><head><title>Slow page</title></head><body>');
        return holdOpen(res);
      case 'reset':
        return req.socket.destroy();
      case 'reset-mid-body':
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
        if (req.method === 'HEAD') return res.end();
        res.write('<!doctype html><html><head><title>Cut page</title></head><body>');
        return void setTimeout(() => req.socket.destroy(), 5);
      default:
        throw new Error(`unknown route type ${route.type}`);
    }
  };
  const served = new WeakMap();
  return (req, res) => {
    const onSocket = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, onSocket);
    const detail = `${req.method} ${req.url} ${host.routes[req.url ?? '/']?.type ?? 'none'} port ${req.socket.remotePort} #${onSocket}`;
    const end = state.monitor.begin(host.address, detail);
    res.on('close', end);
    const path = req.url ?? '/';
    const route = host.routes[path];
    if (route?.type === 'transient' && route.fail.reset && (state.attempts.get(path) ?? 0) < route.failures) {
      // Resets come before any latency: the connection dies as the request lands.
      return respond(req, res, path, route);
    }
    if (route?.type === 'reset') return respond(req, res, path, route);
    setTimeout(() => {
      if (!res.destroyed) respond(req, res, path, route);
    }, host.latencyMs);
  };
}

/**
 * Starts every host of the scenario plus the fake Wayback Machine.
 * @returns {Promise<{ waybackOrigin: string, close: () => Promise<void> }>}
 */
export async function startSimWeb(scenario, monitor) {
  const servers = [];
  const sockets = new Set();
  for (const host of scenario.hosts) {
    const state = { monitor, attempts: new Map() };
    const server = http.createServer({ keepAliveTimeout: 10_000 }, createHandler(host, state));
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise((resolve, reject) => server.once('error', reject).listen(scenario.port, host.address, resolve));
    servers.push(server);
  }
  const wayback = await startWaybackServer(scenario.archive, scenario.port);
  return {
    waybackOrigin: wayback.origin,
    waybackRequests: () => wayback.requests(),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([...servers.map((s) => new Promise((resolve) => s.close(resolve))), wayback.close()]);
    },
  };
}
