import { afterEach, describe, expect, it } from 'vitest';
import { htmlPage, type LoopbackServer, startLoopbackServer } from '../../helpers/loopback-server.js';
import { checkUrls } from './check-harness.js';

describe('abort listeners on the run signal', () => {
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('stays under Node’s listener warning with 50 links waiting on one host and many in flight elsewhere', async () => {
    const seen = new Map<string, number>();
    // Every page fails once with a 503 (a backoff per link), then answers.
    const flaky = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      const page = `${req.headers.host}${req.url}`;
      const n = (seen.get(page) ?? 0) + 1;
      seen.set(page, n);
      setTimeout(() => {
        res.writeHead(n === 1 ? 503 : 200, { 'content-type': 'text/html' });
        res.end(htmlPage('Page'));
      }, 20);
    };
    const busy = await startLoopbackServer(flaky, { host: '127.0.0.5' });
    servers.push(busy);
    const others = await Promise.all(
      Array.from({ length: 12 }, (_, i) => startLoopbackServer(flaky, { host: `127.0.1.${i + 1}` })),
    );
    servers.push(...others);
    const urls = [
      ...Array.from({ length: 50 }, (_, i) => busy.url(`/busy/${i}`)),
      ...others.flatMap((s) => Array.from({ length: 4 }, (_, i) => s.url(`/other/${i}`))),
    ];
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const run = await checkUrls(urls, { hostConcurrency: 4, concurrency: 64 }, { signal: controller.signal });
      expect(run.results.filter((r) => r.verdict.kind === 'alive')).toHaveLength(urls.length);
      expect(new Set(run.results.map((r) => r.verdict.evidence.attempts))).toEqual(new Set([2]));
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  }, 30_000);
});
