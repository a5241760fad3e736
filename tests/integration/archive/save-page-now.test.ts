import { describe, expect, it } from 'vitest';
import { saveLiveSources } from '../../../src/archive/index.js';
import { SAVE_TOO_MANY_DAILY, saveJob } from '../../fixtures/archive/wayback-bodies.js';
import { createFakeTime } from '../../unit/archive/fake-time.js';
import { archiveConfigFor, type CannedReply, useFakeWaybackSession, type WaybackCall } from './fake-wayback.js';

const KEYS = { CITECHECK_IA_ACCESS_KEY: 'access-k', CITECHECK_IA_SECRET_KEY: 'secret-s' };

const session = useFakeWaybackSession();

async function save(
  urls: string[],
  reply: (call: WaybackCall) => CannedReply,
  overrides: Parameters<typeof archiveConfigFor>[1],
  env: Record<string, string> = {},
) {
  const time = createFakeTime();
  const { wayback, http } = await session.start({ save: reply }, time.clock);
  const outcomes = await saveLiveSources(urls, archiveConfigFor(wayback.base, overrides), {
    http,
    clock: time.clock,
    sleep: time.sleep,
    env,
  });
  return { outcomes, wayback, time };
}

const jobFor = (call: WaybackCall): CannedReply => {
  const url = new URLSearchParams(call.body).get('url') ?? '';
  return { status: 200, headers: { 'content-type': 'application/json' }, body: saveJob(url, `spn2-${url.length}`) };
};

describe('saveLiveSources (loopback only)', () => {
  it('sends nothing unless save-live is on', async () => {
    const { outcomes, wayback } = await save(['https://example.org/a'], jobFor, {});
    expect(outcomes.get('https://example.org/a')).toEqual({ kind: 'save-skipped', reason: 'save-live is off' });
    expect(wayback.calls).toHaveLength(0);
  });

  it('posts the URL with the LOW key header and reports the job', async () => {
    const url = 'https://example.org/live?q=1';
    const { outcomes, wayback } = await save([url, url], jobFor, { saveLive: true }, KEYS);
    expect(outcomes.get(url)).toEqual({ kind: 'submitted', jobId: `spn2-${url.length}`, message: null });
    const [call] = wayback.callsOf('save');
    expect(wayback.callsOf('save')).toHaveLength(1);
    expect(call?.headers.authorization).toBe('LOW access-k:secret-s');
    expect(call?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(call?.body).get('url')).toBe(url);
  });

  it('keeps to its own budget and reports SPN2 errors as save-failed', async () => {
    const urls = ['https://example.org/1', 'https://example.org/2', 'https://example.org/3'];
    const reply = (call: WaybackCall): CannedReply =>
      call.body.includes('%2F1')
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: SAVE_TOO_MANY_DAILY }
        : jobFor(call);
    const { outcomes, wayback } = await save(urls, reply, { saveLive: true, saveBudget: 2 }, KEYS);
    expect(outcomes.get(urls[0]!)).toMatchObject({ kind: 'save-failed', code: 'error:too-many-daily-captures' });
    expect(outcomes.get(urls[1]!)).toMatchObject({ kind: 'submitted' });
    expect(outcomes.get(urls[2]!)).toEqual({ kind: 'save-skipped', reason: 'save budget of 2 submissions spent' });
    expect(wayback.callsOf('save')).toHaveLength(2);
  });

  it('submits anonymously at most 4 a minute, whatever savePerMinute says', async () => {
    const urls = ['https://example.org/1', 'https://example.org/2', 'https://example.org/3'];
    const { wayback } = await save(urls, jobFor, { saveLive: true, savePerMinute: 12 });
    const calls = wayback.callsOf('save');
    expect(calls.map((c) => c.headers.authorization)).toEqual([undefined, undefined, undefined]);
    expect(calls.map((c) => c.atMs - (calls[0]?.atMs ?? 0))).toEqual([0, 15_000, 30_000]);
  });
});
