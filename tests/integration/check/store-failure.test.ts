/**
 * A store that stops taking results (disk full) stops the run: the checks in flight are
 * aborted, the client is closed only after they settle, and the StoreError comes out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, httpClientOptionsFrom } from '../../../src/check/http-client.js';
import { checkLinks } from '../../../src/check/index.js';
import { StoreError } from '../../../src/errors.js';
import type { HttpClient } from '../../../src/model/http.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { ResultStore } from '../../../src/store/result-store.js';
import {
  createLoopbackOnlyConnector,
  htmlPage,
  type LoopbackServer,
  startLoopbackServer,
} from '../../helpers/loopback-server.js';
import { testConfig } from './check-harness.js';

const LINKS = 12;
const RECORDS_BEFORE_FAILURE = 2;

/** A memory store whose disk "fills up" after `okRecords` results. */
function storeFailingAfter(okRecords: number): ResultStore {
  const store = createMemoryStore();
  let recorded = 0;
  return {
    ...store,
    record(runId, result) {
      recorded += 1;
      if (recorded > okRecords) {
        throw new StoreError('CC_STORE_UNWRITABLE', 'cannot record a result in the results store (SQLITE_FULL)');
      }
      store.record(runId, result);
    },
  };
}

/** The real client, counting requests in flight and requests started after `closedAt` is set. */
function countingClient(inner: HttpClient) {
  const stats = { active: 0, maxActive: 0, calls: 0 };
  const client: HttpClient = {
    async request(req) {
      stats.calls += 1;
      stats.active += 1;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      try {
        return await inner.request(req);
      } finally {
        stats.active -= 1;
      }
    },
    close: () => inner.close(),
  };
  return { client, stats };
}

let server: LoopbackServer;
const connector = createLoopbackOnlyConnector();

beforeAll(async () => {
  server = await startLoopbackServer((req, res) => {
    // Slow enough that other checks are still in flight when the store fails.
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage(`Page ${req.url}`)), 60);
  });
});
afterAll(async () => {
  await server.close();
});

describe('checkLinks with a failing store', () => {
  it('aborts the checks in flight, waits for them, and rejects with the StoreError', async () => {
    const config = testConfig({ concurrency: 8, hostConcurrency: 4, retries: 1 });
    const inner = createHttpClient(httpClientOptionsFrom(config), { connect: connector.connect });
    const { client, stats } = countingClient(inner);
    const targets = Array.from({ length: LINKS }, (_, i) => ({ key: `k${i}`, url: server.url(`/p${i}`) }));
    try {
      const outcome = await checkLinks(targets, config, {
        http: client,
        store: storeFailingAfter(RECORDS_BEFORE_FAILURE),
      }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(StoreError);
      expect((outcome as StoreError).code).toBe('CC_STORE_UNWRITABLE');
      // Settled: nothing is still using the client when checkLinks gives up.
      expect(stats.active).toBe(0);
      const callsAtFailure = stats.calls;
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Stopped: no check went on to send requests afterwards, and not every link was tried.
      expect(stats.calls).toBe(callsAtFailure);
      expect(callsAtFailure).toBeLessThan(LINKS);
    } finally {
      await inner.close();
    }
  });
});
