import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach } from 'vitest';
import type { z } from 'zod';
import type { ArchiveLogger } from '../../../src/archive/index.js';
import type { Clock } from '../../../src/deps.js';
import { type ArchiveConfig, ArchiveConfigSchema } from '../../../src/model/config.js';
import type { HttpClient } from '../../../src/model/http.js';
import { CDX_HEADER, type CdxRow, WAYBACK_NOT_ARCHIVED_PAGE } from '../../fixtures/archive/wayback-bodies.js';
import { createLoopbackTestClient, type LoopbackServer, startLoopbackServer } from '../../helpers/loopback-server.js';

export interface CannedReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Real milliseconds to hold the answer (a stalled server, for timeouts). */
  delayMs?: number;
  /** Hold the answer until this settles (orders events between concurrent lookups). */
  after?: Promise<unknown>;
}

export type CallKind = 'cdx' | 'available' | 'memento' | 'save' | 'other';

export interface WaybackCall {
  kind: CallKind;
  path: string;
  params: URLSearchParams;
  /**
   * The fake clock's reading when the client started the request (sent by
   * `createLoopbackClient` as a header: on arrival the fake clock may have moved on).
   */
  atMs: number;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeWaybackOptions {
  /** CDX rows per URL, answered with from/to, filter and `limit=-1` applied as the CDX server does. */
  captures?: Record<string, CdxRow[]>;
  /** Replies to `/web/<timestamp>id_/<original>`, keyed `<timestamp>/<original>`. Others: Wayback 404. */
  mementos?: Record<string, CannedReply>;
  /** Availability answers (bodies) per URL; default the empty answer. */
  availability?: Record<string, string>;
  /** Called first for every request: a reply here replaces the normal one (429s, 5xx, quirks). */
  intercept?: (call: WaybackCall, index: number) => CannedReply | undefined;
  save?: (call: WaybackCall) => CannedReply;
}

export interface FakeWayback {
  base: string;
  server: LoopbackServer;
  readonly calls: WaybackCall[];
  callsOf(kind: CallKind): WaybackCall[];
  close(): Promise<void>;
}

const SENT_AT_HEADER = 'x-test-sent-at-ms';
const MEMENTO_PATH = /^\/web\/(\d{1,14})id_\/(.+)$/s;

/** A stand-in for web.archive.org + archive.org on a real loopback socket. */
export async function startFakeWayback(options: FakeWaybackOptions): Promise<FakeWayback> {
  const calls: WaybackCall[] = [];
  const server = await startLoopbackServer(async (req, res) => {
    const body = await readRequestBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const call: WaybackCall = {
      kind: classify(url.pathname, req.url ?? ''),
      path: req.url ?? '',
      params: url.searchParams,
      atMs: Number(req.headers[SENT_AT_HEADER] ?? Number.NaN),
      headers: req.headers,
      body,
    };
    calls.push(call);
    const reply = options.intercept?.(call, calls.length - 1) ?? answer(call, options);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.after) await reply.after;
    send(res, reply);
  });
  return {
    base: server.origin,
    server,
    calls,
    callsOf: (kind) => calls.filter((call) => call.kind === kind),
    close: () => server.close(),
  };
}

function classify(pathname: string, rawPath: string): CallKind {
  if (pathname === '/cdx/search/cdx') return 'cdx';
  if (pathname === '/wayback/available') return 'available';
  if (pathname === '/save') return 'save';
  return MEMENTO_PATH.test(rawPath) ? 'memento' : 'other';
}

function answer(call: WaybackCall, options: FakeWaybackOptions): CannedReply {
  switch (call.kind) {
    case 'cdx':
      return { status: 200, headers: { 'content-type': 'application/json' }, body: answerCdx(call.params, options) };
    case 'available': {
      const url = call.params.get('url') ?? '';
      const body = options.availability?.[url] ?? JSON.stringify({ url, archived_snapshots: {} });
      return { status: 200, headers: { 'content-type': 'application/json' }, body };
    }
    case 'memento': {
      const [, timestamp, original] = MEMENTO_PATH.exec(call.path) ?? [];
      return options.mementos?.[`${timestamp}/${original}`] ?? { status: 404, body: WAYBACK_NOT_ARCHIVED_PAGE };
    }
    case 'save':
      return options.save?.(call) ?? { status: 404 };
    default:
      return { status: 404, body: WAYBACK_NOT_ARCHIVED_PAGE };
  }
}

function answerCdx(params: URLSearchParams, options: FakeWaybackOptions): string {
  const from = (params.get('from') ?? '').padEnd(14, '0');
  const to = (params.get('to') ?? '99999999999999').padEnd(14, '9');
  const filters = params.getAll('filter').map((f) => {
    const [field, pattern] = f.split(/:(.*)/s);
    return { index: CDX_HEADER.indexOf(field as (typeof CDX_HEADER)[number]), regex: new RegExp(`^(?:${pattern})$`) };
  });
  let rows = (options.captures?.[params.get('url') ?? ''] ?? []).filter(
    (row) => row[0] >= from && row[0] <= to && filters.every((f) => f.regex.test(row[f.index] ?? '')),
  );
  if (params.get('limit') === '-1') rows = rows.slice(-1);
  return rows.length === 0 ? '[]' : JSON.stringify([CDX_HEADER, ...rows]);
}

function send(res: ServerResponse, reply: CannedReply): void {
  res.writeHead(reply.status, { 'content-type': 'text/html; charset=utf-8', ...reply.headers });
  res.end(reply.body ?? '');
}

async function readRequestBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The real HTTP client, allowed onto loopback, with short timeouts; each request carries
 * the fake clock's reading at the moment it was started.
 */
export function createLoopbackClient(clock: Clock): HttpClient {
  const inner = createLoopbackTestClient({
    headersTimeoutMs: 5_000,
    totalTimeoutMs: 10_000,
    maxHeaderBytes: 64 * 1024,
    maxBodyBytes: 2 * 1024 * 1024,
  });
  return {
    request: (req) => inner.request({ ...req, headers: { ...req.headers, [SENT_AT_HEADER]: String(clock.now()) } }),
    close: () => inner.close(),
  };
}

export interface FakeWaybackSession {
  /** Starts a fake Wayback and a loopback client on `clock`; both are closed after the test. */
  start(
    options: FakeWaybackOptions,
    clock: Clock,
    wrapHttp?: (client: HttpClient) => HttpClient,
  ): Promise<{ wayback: FakeWayback; http: HttpClient }>;
}

/** Call at a test file's top level: every pair `start` opens is closed after each test. */
export function useFakeWaybackSession(): FakeWaybackSession {
  let open: { wayback: FakeWayback; http: HttpClient }[] = [];
  afterEach(async () => {
    const closing = open;
    open = [];
    for (const pair of closing) {
      await pair.http.close();
      await pair.wayback.close();
    }
  });
  return {
    async start(options, clock, wrapHttp = (client) => client) {
      const wayback = await startFakeWayback(options);
      const pair = { wayback, http: wrapHttp(createLoopbackClient(clock)) };
      open.push(pair);
      return pair;
    },
  };
}

/** Archive config pointing every endpoint at the fake. */
export function archiveConfigFor(base: string, overrides: z.input<typeof ArchiveConfigSchema> = {}): ArchiveConfig {
  return ArchiveConfigSchema.parse({ waybackBaseUrl: base, availabilityBaseUrl: base, ...overrides });
}

export interface RecordingLogger extends ArchiveLogger {
  readonly warnings: Array<{ details: Record<string, unknown>; message: string }>;
}

export function createRecordingLogger(): RecordingLogger {
  const warnings: RecordingLogger['warnings'] = [];
  return {
    warnings,
    warn: (details, message) => warnings.push({ details, message }),
    debug: () => {},
  };
}
