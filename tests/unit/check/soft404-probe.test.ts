import { describe, expect, it } from 'vitest';
import { createSoft404Prober } from '../../../src/check/soft404-probe.js';
import type { HttpResponse } from '../../../src/model/http.js';

function response(status: number, body: string, extra: Partial<HttpResponse> = {}): HttpResponse {
  return {
    url: 'https://shop.test/x',
    status,
    headers: {},
    body: Buffer.from(body),
    truncated: false,
    remoteAddress: null,
    timings: { startMs: 0, headersMs: 0, endMs: 0 },
    ...extra,
  };
}
const shell = `<html><head><title>Shop</title></head><body>${'x'.repeat(1000)}</body></html>`;

describe('createSoft404Prober', () => {
  it('matches a page like the answer to a random path, asking each origin once', async () => {
    const asked: string[] = [];
    const prober = createSoft404Prober(
      async (url) => {
        asked.push(url);
        return response(200, shell);
      },
      () => 0.5,
    );
    const page = {
      finalUrl: 'https://shop.test/item/1',
      title: 'Shop',
      bodyLength: shell.length + 20,
      truncated: false,
    };
    expect(await prober.match(page)).toContain('same title "Shop"');
    expect(await prober.match({ ...page, finalUrl: 'https://shop.test/item/2' })).not.toBeNull();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^https:\/\/shop\.test\/citecheck-probe-[0-9a-z]+-does-not-exist$/);
  });

  it('does not match another title, a different size, a cut body or an honest 404', async () => {
    const prober = createSoft404Prober(
      async () => response(200, shell),
      () => 0,
    );
    const page = { finalUrl: 'https://shop.test/item/1', title: 'Shop', bodyLength: shell.length, truncated: false };
    expect(await prober.match({ ...page, title: 'Blue shoes' })).toBeNull();
    expect(await prober.match({ ...page, bodyLength: shell.length * 3 })).toBeNull();
    expect(await prober.match({ ...page, truncated: true })).toBeNull();
    const honest = createSoft404Prober(
      async () => response(404, 'gone'),
      () => 0,
    );
    expect(await honest.match(page)).toBeNull();
  });

  it('matches a page that sits where a random path redirects to', async () => {
    const prober = createSoft404Prober(
      async () => response(302, '', { headers: { location: '/search' } }),
      () => 0,
    );
    const page = { finalUrl: 'https://shop.test/search', title: 'Search', bodyLength: 10, truncated: false };
    expect(await prober.match(page)).toBe('a random path also redirects to https://shop.test/search');
  });
});
