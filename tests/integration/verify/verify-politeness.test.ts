/**
 * verifyCitations reads sources through the checker's host scheduler: the interval between
 * request starts and the per-host concurrency hold, as measured by the server itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitsFor } from '../../../src/check/host-policy.js';
import { CheckConfigSchema, VerifyConfigSchema } from '../../../src/model/config.js';
import type { HttpClient } from '../../../src/model/http.js';
import { verifyCitations } from '../../../src/verify/index.js';
import { makeCitation } from '../../fixtures/verify/make-citation.js';
import {
  createLoopbackTestClient,
  htmlPage,
  type LoopbackServer,
  startLoopbackServer,
} from '../../helpers/loopback-server.js';

const INTERVAL_MS = 200;
/**
 * Arrival gaps can shrink against start gaps: the server shares this process's event loop, so
 * a stall (GC, the other test worker on a loaded 2-core box) stamps one arrival late. Without
 * the interval the gaps would be a few milliseconds, so half the interval still proves it.
 */
const TOLERANCE_MS = 100;
const PATHS = ['/a', '/b', '/c', '/d'];

let server: LoopbackServer;
let http: HttpClient;

beforeAll(async () => {
  server = await startLoopbackServer((req, res) => {
    // A slow answer, so overlapping requests would show as concurrency at the server.
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(htmlPage(`Page ${req.url}`, 'Cycling lanes reduced injuries in the city by a third.'));
    }, 30);
  });
  http = createLoopbackTestClient();
});

afterAll(async () => {
  await http.close();
  await server.close();
});

describe('verifyCitations politeness', () => {
  it("keeps the check config's host interval (a host override) between request starts", async () => {
    const check = CheckConfigSchema.parse({
      hostIntervalMs: 0,
      hostConcurrency: 4,
      hosts: { [server.host]: { intervalMs: INTERVAL_MS, concurrency: 2 } },
    });
    const items = PATHS.map((path) => ({
      citationId: path,
      claimText: 'Cycling lanes reduced injuries by a third.',
      citation: makeCitation({ id: path, url: server.url(path) }),
      source: { url: server.url(path), from: 'live' as const },
    }));
    const before = server.requests.length;
    const results = await verifyCitations(items, VerifyConfigSchema.parse({}), {
      http,
      hostLimits: limitsFor(check),
      concurrency: 4,
    });
    expect([...results.values()].map((e) => e.kind)).toEqual(['read', 'read', 'read', 'read']);
    const arrivals = server.requests.slice(before).map((r) => r.atMs);
    expect(arrivals).toHaveLength(PATHS.length);
    const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS - TOLERANCE_MS);
    expect(server.maxConcurrent).toBeLessThanOrEqual(2);
  });
});
