import { describe, expect, it } from 'vitest';
import { type CheckRun, checkLinks } from '../../../src/check/index.js';
import { CheckConfigSchema } from '../../../src/model/config.js';
import { createFakeTime } from './fake-time.js';
import { createScriptedHttp, type ScriptedAnswer } from './scripted-http.js';

const config = CheckConfigSchema.parse({
  retries: 3,
  retryBaseDelayMs: 1_000,
  maxRetryAfterMs: 60_000,
  hostIntervalMs: 0,
  soft404Probe: false,
  canaryUrls: ['https://canary.test/'],
});

async function runScripted(urls: string[], answer: (url: string, nth: number) => ScriptedAnswer, random = () => 0) {
  const time = createFakeTime();
  const t0 = time.clock.now();
  const http = createScriptedHttp(time.clock, (req, nth) => answer(req.url, nth));
  const pending = checkLinks(
    urls.map((url) => ({ key: url, url })),
    config,
    { http, clock: time.clock, sleep: time.sleep, random },
  );
  await time.runAll();
  const run: CheckRun = await pending;
  const sentAt = (url: string) => http.sent.filter((s) => s.url === url).map((s) => s.atMs - t0);
  return { run, sentAt, time };
}

describe('retries and Retry-After under a fake clock', () => {
  it('backs off exponentially with jitter between attempts at a 5xx', async () => {
    const url = 'https://a.test/page';
    const { run, sentAt } = await runScripted(
      [url],
      () => ({ status: 502 }),
      () => 0.5,
    );
    expect(run.results[0]?.verdict).toMatchObject({ kind: 'server-error', evidence: { attempts: 3 } });
    // Steps of 1 s and 2 s, each 75% with random() = 0.5 under equal jitter.
    expect(sentAt(url)).toEqual([0, 750, 750 + 1500]);
  });

  it('retries a reset connection but not a refused port or a dead domain', async () => {
    const reset = 'https://a.test/reset';
    const refused = 'https://b.test/refused';
    const { run, sentAt } = await runScripted([reset, refused], (url, nth) =>
      url === reset ? (nth < 3 ? { error: 'ECONNRESET' } : { status: 200 }) : { error: 'ECONNREFUSED' },
    );
    expect(run.results.map((r) => [r.verdict.kind, r.verdict.evidence.attempts])).toEqual([
      ['alive', 3],
      ['network-error', 1],
    ]);
    expect(sentAt(reset)).toEqual([0, 500, 1500]);
  });

  it('pauses only the host that sent 429 with Retry-After seconds', async () => {
    const limited = 'https://busy.test/a';
    const other = 'https://calm.test/b';
    const { run, sentAt } = await runScripted([limited, other], (url, nth) =>
      url === limited && nth === 1 ? { status: 429, headers: { 'retry-after': '30' } } : { status: 200 },
    );
    expect(run.results.map((r) => r.verdict.kind)).toEqual(['alive', 'alive']);
    expect(sentAt(limited)).toEqual([0, 30_000]);
    expect(sentAt(other)).toEqual([0]);
  });

  it('holds other links to a paused host too', async () => {
    const first = 'https://busy.test/1';
    const second = 'https://busy.test/2';
    const { sentAt } = await runScripted([first, second], (url, nth) =>
      url === first && nth === 1 ? { status: 503, headers: { 'retry-after': '10' } } : { status: 200 },
    );
    expect(sentAt(first)).toEqual([0, 10_000]);
    // The second link's request went out with the first (two slots), or waited for the pause.
    expect(sentAt(second).every((t) => t === 0 || t >= 10_000)).toBe(true);
  });

  it('reads Retry-After as an HTTP date against the injected clock', async () => {
    const url = 'https://busy.test/date';
    // The fake clock starts at 2026-01-01T00:00:00Z.
    const retryAt = new Date(Date.UTC(2026, 0, 1) + 45_000).toUTCString();
    const { sentAt } = await runScripted([url], (_url, nth) =>
      nth > 1 ? { status: 200 } : { status: 429, headers: { 'retry-after': retryAt } },
    );
    const [firstAt, secondAt] = sentAt(url);
    expect(firstAt).toBe(0);
    expect(secondAt).toBe(45_000);
  });

  it('does not wait out a Retry-After beyond maxRetryAfterMs', async () => {
    const url = 'https://busy.test/long';
    const { run, sentAt } = await runScripted([url], () => ({ status: 429, headers: { 'retry-after': '7200' } }));
    expect(run.results[0]?.verdict).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7_200_000 });
    expect(sentAt(url)).toEqual([0]);
  });

  it('backs the host off on a 429 without Retry-After, then calls it rate-limited', async () => {
    const url = 'https://busy.test/no-header';
    const { run, sentAt } = await runScripted([url], () => ({ status: 429 }));
    expect(run.results[0]?.verdict).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: null,
      evidence: { attempts: 3 },
    });
    expect(sentAt(url)).toEqual([0, 500, 1500]);
  });
});
