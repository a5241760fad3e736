import { describe, expect, it } from 'vitest';
import { fetchSource } from '../../../src/verify/fetch-source.js';
import { createFakeHttp } from './fake-http.js';

const OPTIONS = { maxBodyBytes: 1000, maxRedirects: 3 };

describe('fetchSource', () => {
  it('follows relative redirects by hand and reads the final body with the cap', async () => {
    const http = createFakeHttp({
      'https://a.test/old': { status: 301, headers: { location: '/new' } },
      'https://a.test/new': { status: 308, headers: { location: 'https://b.test/final' } },
      'https://b.test/final': { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>hi</p>' },
    });
    const result = await fetchSource('https://a.test/old', { http, ...OPTIONS });
    expect(result).toMatchObject({ kind: 'fetched', finalUrl: 'https://b.test/final', contentType: 'text/html' });
    expect(http.requests.map((r) => [r.method, r.url, r.maxBodyBytes])).toEqual([
      ['GET', 'https://a.test/old', 1000],
      ['GET', 'https://a.test/new', 1000],
      ['GET', 'https://b.test/final', 1000],
    ]);
  });
  it('stops at the redirect limit and on loops', async () => {
    const chain = createFakeHttp({
      'https://a.test/1': { status: 302, headers: { location: '/2' } },
      'https://a.test/2': { status: 302, headers: { location: '/3' } },
      'https://a.test/3': { status: 302, headers: { location: '/4' } },
      'https://a.test/4': { status: 302, headers: { location: '/5' } },
    });
    expect(await fetchSource('https://a.test/1', { http: chain, ...OPTIONS })).toMatchObject({
      kind: 'unreadable',
      reason: 'fetch-failed',
      message: 'more than 3 redirects from https://a.test/1',
    });
    expect(chain.requests).toHaveLength(4);
    const loop = createFakeHttp({
      'https://a.test/x': { status: 302, headers: { location: '/y' } },
      'https://a.test/y': { status: 302, headers: { location: '/x' } },
    });
    expect(await fetchSource('https://a.test/x', { http: loop, ...OPTIONS })).toMatchObject({
      reason: 'fetch-failed',
      message: 'redirect loop at https://a.test/x',
    });
  });
  it('reports HTTP errors, transport errors and cut bodies as unreadable data', async () => {
    const http = createFakeHttp({
      'https://a.test/gone': { status: 410 },
      'https://a.test/down': { error: 'ECONNREFUSED' },
      'https://a.test/big': { status: 200, body: 'x'.repeat(1000), truncated: true },
    });
    expect(await fetchSource('https://a.test/gone', { http, ...OPTIONS })).toMatchObject({
      reason: 'fetch-failed',
      message: 'HTTP 410 from https://a.test/gone',
    });
    expect(await fetchSource('https://a.test/down', { http, ...OPTIONS })).toMatchObject({
      reason: 'fetch-failed',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    expect(await fetchSource('https://a.test/big', { http, ...OPTIONS })).toMatchObject({ reason: 'too-large' });
  });
  it('rethrows when the run is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const http = createFakeHttp({ 'https://a.test/': { error: 'UND_ERR_ABORTED' } });
    await expect(fetchSource('https://a.test/', { http, ...OPTIONS, signal: controller.signal })).rejects.toThrow();
  });
});
