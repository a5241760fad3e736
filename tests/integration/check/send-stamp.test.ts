import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connector, createHttpClient } from '../../../src/check/http-client.js';
import {
  createLoopbackOnlyConnector,
  type LoopbackServer,
  reply,
  startLoopbackServer,
} from '../../helpers/loopback-server.js';

const CLIENT_OPTIONS = {
  connectTimeoutMs: 1_000,
  headersTimeoutMs: 1_000,
  totalTimeoutMs: 2_000,
  maxHeaderBytes: 16 * 1024,
  maxBodyBytes: 1024,
  allowPrivate: true,
};

/**
 * The scheduler measures a host's interval from `onSent`. Reported before the socket write, a
 * pause between the report and the write (GC, preemption on a loaded machine) made the host's
 * next request go out early; reported after it, the wire can only see wider gaps.
 */
describe('onSent, the moment the per-host interval is measured from', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer(reply(200, 'ok'));
  });
  afterAll(() => server.close());

  /** A loopback connector that notes every write on the sockets it opens. */
  function recordingConnector(events: string[]): Connector {
    const { connect } = createLoopbackOnlyConnector();
    return (options, callback) =>
      connect(options, (error, socket) => {
        events.push('connect');
        if (error || !socket) {
          callback(error ?? new Error('no socket'), null);
          return;
        }
        const write = socket.write.bind(socket) as Socket['write'];
        socket.write = ((...args: Parameters<Socket['write']>) => {
          events.push('write');
          return write(...args);
        }) as Socket['write'];
        callback(null, socket);
      });
  }

  it('is reported after the request is written to its socket, not before', async () => {
    const events: string[] = [];
    const client = createHttpClient(CLIENT_OPTIONS, { connect: recordingConnector(events) });
    try {
      for (const round of [1, 2]) {
        const res = await client.request({
          url: server.url(`/r${round}`),
          method: 'GET',
          onSent: () => events.push('sent'),
        });
        events.push(`answered ${res.status}`);
      }
    } finally {
      await client.close();
    }
    // Whether the second request reuses the socket is undici's choice; each is written before it is reported.
    expect(events.filter((e) => e !== 'connect')).toEqual([
      'write',
      'sent',
      'answered 200',
      'write',
      'sent',
      'answered 200',
    ]);
    expect(events[0]).toBe('connect');
    expect(server.requests.map((r) => r.path)).toEqual(['/r1', '/r2']);
  });

  it('fails only its own request when it throws, and the client goes on', async () => {
    const client = createHttpClient(CLIENT_OPTIONS, { connect: createLoopbackOnlyConnector().connect });
    try {
      const failing = client.request({
        url: server.url('/throws'),
        method: 'GET',
        onSent: () => {
          throw new Error('stamp failed');
        },
      });
      await expect(failing).rejects.toMatchObject({ message: expect.stringContaining('stamp failed') });
      expect((await client.request({ url: server.url('/after'), method: 'GET' })).status).toBe(200);
    } finally {
      await client.close();
    }
  });
});
