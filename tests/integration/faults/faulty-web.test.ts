import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, constants as zlibConstants } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInconclusive, isLive, isRot } from '../../../src/model/link-result.js';
import { htmlPage, type LoopbackServer, reply, routes, startLoopbackServer } from '../../helpers/loopback-server.js';
import { runCheck, testCheckConfig, verdictOf } from './check-harness.js';

/**
 * One run over a small web where every host misbehaves somewhere: the faults must stay
 * inconclusive (never rot), stay bounded in time, and leave the healthy pages on the same
 * hosts alive. Per-rule verdicts are the check engineer's tests (tests/integration/check).
 */
const MIB = 1024 * 1024;
const RUN_BOUND_MS = 12_000;

/** Headers then part of the body, then the connection dies. */
function resetMidBody(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/html', 'content-length': '50000' });
  res.write('<!doctype html><html><head><title>Cut</title></head><body><p>half');
  setTimeout(() => res.socket?.destroy(), 20).unref();
}

/** The status line and headers one byte at a time, never finishing. */
function dripHeaders(_req: IncomingMessage, res: ServerResponse) {
  const socket = res.socket;
  if (!socket) return;
  const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: ' + 'x'.repeat(10_000);
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= head.length) return clearInterval(timer);
    socket.write(head[i++] ?? '');
  }, 50);
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}

/** A body that keeps coming, a byte every 100 ms: no idle timeout fires, only the total one. */
function dripBody(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.write('<!doctype html><html><head><title>Drip</title></head><body>');
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('.')), 100);
  timer.unref();
  res.once('close', () => clearInterval(timer));
}

function stallBody(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/html', 'content-length': '10000' });
  res.write('<!doctype html><html><head><title>Stall</title>');
}

function bomb(encoding: 'deflate' | 'br', title: string) {
  // 16 MiB of spaces packs to a few KiB: 64 times the body cap used below.
  const html = Buffer.concat([
    Buffer.from(`<html><head><title>${title}</title></head><body>`),
    Buffer.alloc(16 * MIB, 32),
  ]);
  const packed =
    encoding === 'br'
      ? brotliCompressSync(html, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } })
      : deflateSync(html);
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding });
    res.end(packed);
  };
}

/** Fails once with a reset as the request lands, then answers: a passing fault. */
function resetOnce() {
  let seen = 0;
  return (req: IncomingMessage, res: ServerResponse) => {
    seen += 1;
    if (seen === 1) req.socket.destroy();
    else void reply(200, htmlPage('Recovered'))(req, res);
  };
}

describe('a run over a faulty web', () => {
  const servers: LoopbackServer[] = [];
  let a: LoopbackServer;
  let b: LoopbackServer;
  let c: LoopbackServer;

  beforeAll(async () => {
    a = await startLoopbackServer(
      routes({
        '/ok-1': reply(200, htmlPage('A one')),
        '/ok-2': reply(200, htmlPage('A two')),
        '/reset-mid-body': resetMidBody,
        '/drip-headers': dripHeaders,
        '/loop': (_req, res) => {
          res.writeHead(302, { location: `${b.origin}/loop` });
          res.end();
        },
      }),
      { host: '127.0.0.11' },
    );
    b = await startLoopbackServer(
      routes({
        '/ok-1': reply(200, htmlPage('B one')),
        '/drip-body': dripBody,
        '/stall-body': stallBody,
        '/loop': (_req, res) => {
          res.writeHead(301, { location: `${a.origin}/loop` });
          res.end();
        },
        '/reset-once': resetOnce(),
      }),
      { host: '127.0.0.12' },
    );
    c = await startLoopbackServer(
      routes({
        '/ok-1': reply(200, htmlPage('C one')),
        '/deflate-bomb': bomb('deflate', 'Deflate bomb'),
        '/br-bomb': bomb('br', 'Brotli bomb'),
        '/gone': reply(404, htmlPage('404 Not Found')),
      }),
      { host: '127.0.0.13' },
    );
    servers.push(a, b, c);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('keeps every fault inconclusive, bounded in time, and the healthy pages alive', async () => {
    const urls = {
      healthy: [a.url('/ok-1'), a.url('/ok-2'), b.url('/ok-1'), c.url('/ok-1')],
      resetMidBody: a.url('/reset-mid-body'),
      dripHeaders: a.url('/drip-headers'),
      dripBody: b.url('/drip-body'),
      stallBody: b.url('/stall-body'),
      loop: a.url('/loop'),
      resetOnce: b.url('/reset-once'),
      deflateBomb: c.url('/deflate-bomb'),
      brBomb: c.url('/br-bomb'),
      gone: c.url('/gone'),
    };
    const config = testCheckConfig({
      allowPrivate: true,
      headersTimeoutMs: 500,
      totalTimeoutMs: 1_500,
      maxBodyBytes: 256 * 1024,
      hostConcurrency: 2,
    });
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const all = [...urls.healthy, ...Object.values(urls).filter((u): u is string => typeof u === 'string')];
    const run = await runCheck(all, config, {});
    const elapsedMs = performance.now() - started;

    expect(elapsedMs).toBeLessThan(RUN_BOUND_MS);
    expect(run.results).toHaveLength(all.length);
    for (const url of urls.healthy) expect(verdictOf(run, url).kind).toBe('alive');

    expect(verdictOf(run, urls.resetMidBody)).toMatchObject({ kind: 'network-error' });
    expect(verdictOf(run, urls.dripHeaders)).toMatchObject({ kind: 'timeout' });
    expect(verdictOf(run, urls.dripBody)).toMatchObject({ kind: 'timeout', phase: 'total' });
    expect(verdictOf(run, urls.stallBody)).toMatchObject({ kind: 'timeout' });
    const loop = verdictOf(run, urls.loop);
    expect(loop).toMatchObject({ kind: 'network-error', code: 'REDIRECT_LOOP' });
    expect(loop.evidence.redirects.map((hop) => new URL(hop.url).host)).toEqual([
      new URL(a.origin).host,
      new URL(b.origin).host,
    ]);

    // A passing reset is retried to a live verdict, never reported as rot.
    expect(isLive(verdictOf(run, urls.resetOnce))).toBe(true);
    expect(verdictOf(run, urls.resetOnce).evidence.attempts).toBe(2);

    // Bombs are decoded only up to the cap: the page is judged on what was read.
    expect(verdictOf(run, urls.deflateBomb)).toMatchObject({ kind: 'alive', evidence: { title: 'Deflate bomb' } });
    expect(verdictOf(run, urls.brBomb)).toMatchObject({ kind: 'alive', evidence: { title: 'Brotli bomb' } });
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * MIB);

    // Only the real 404 is rot; every fault above is inconclusive.
    const rot = run.results.filter((r) => isRot(r.verdict)).map((r) => r.url);
    expect(rot).toEqual([urls.gone]);
    for (const url of [urls.resetMidBody, urls.dripHeaders, urls.dripBody, urls.stallBody, urls.loop]) {
      expect(isInconclusive(verdictOf(run, url))).toBe(true);
    }
  }, 30_000);
});
