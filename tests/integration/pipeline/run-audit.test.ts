import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupAll } from '../../../src/deps.js';
import { ConfigSchema } from '../../../src/model/config.js';
import { type AuditProgress, describeOptions, runAudit } from '../../../src/pipeline.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { CAPTURE_TIMESTAMP, type LoopbackWeb, loopbackConfig, startLoopbackWeb } from './loopback-web.js';

describe('runAudit against a loopback web', () => {
  let web: LoopbackWeb;
  let dir: string;

  beforeAll(async () => {
    web = await startLoopbackWeb();
    dir = mkdtempSync(join(tmpdir(), 'citecheck-pipeline-'));
    writeFileSync(join(dir, 'profile.md'), web.document());
  });
  afterAll(async () => {
    await web?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every link its verdict, finds the capture, reads sources, and fails on rot', async () => {
    const events: AuditProgress['stage'][] = [];
    const config = ConfigSchema.parse(loopbackConfig(web));
    const { report, exit } = await runAudit(
      ['profile.md'],
      { config, cwd: dir },
      {
        store: createMemoryStore(),
        onProgress: (e) => events.push(e.stage),
      },
    );
    const [document] = report.documents;
    const byPath = new Map(document!.links.map((l) => [new URL(l.url).pathname, l]));
    expect(Object.fromEntries([...byPath].map(([p, l]) => [p, [l.state, l.result?.verdict.kind]]))).toEqual({
      '/alive': ['live', 'alive'],
      '/gone': ['rot', 'broken'],
      '/soft': ['rot', 'soft-404'],
      '/blocked': ['inconclusive', 'blocked'],
      '/moved': ['live', 'redirected'],
    });
    const gone = document!.citations.find((c) => c.url?.endsWith('/gone'));
    expect(gone?.archive).toMatchObject({ kind: 'found', timestamp: CAPTURE_TIMESTAMP, validated: true });
    expect(gone?.fix?.replacementUrl).toBe(`${web.wayback.origin}/web/${CAPTURE_TIMESTAMP}/${web.web.origin}/gone`);
    expect(gone?.evidence).toMatchObject({ kind: 'read', from: 'archive' });
    const alive = document!.citations.find((c) => c.url?.endsWith('/alive'));
    expect(alive?.evidence).toMatchObject({ kind: 'read', from: 'live', verdict: 'supports' });
    expect(Object.fromEntries(document!.claims.map((c) => [c.text.slice(0, 20), c.status]))).toMatchObject({
      'In 2017 four groups ': 'supported',
      'Iyad Ag Ghaly leads ': 'archived-only',
      'The group operates a': 'unsupported',
      'It funds itself thro': 'at-risk',
      'A quote without a so': 'unsourced',
    });
    expect(report.run.network.state).toBe('online');
    expect(exit).toEqual({ code: 1, reason: '2 rotten links' });
    expect(new Set(events)).toEqual(new Set(['extract', 'check', 'archive', 'verify', 'report']));
  });

  it('with --confirm-runs 2 a first failure is only suspect; the second audit confirms it', async () => {
    // A confirming audit must look afresh: results reused from the cache are not new observations.
    const base = loopbackConfig(web);
    const config = ConfigSchema.parse({ ...base, check: { ...base.check, cache: false }, report: { confirmRuns: 2 } });
    const store = createMemoryStore();
    const first = await runAudit(['profile.md'], { config, cwd: dir }, { store });
    expect(first.report.summary.linkStates).toMatchObject({ rot: 0, suspect: 2 });
    expect(first.exit.code).toBe(0);
    const second = await runAudit(['profile.md'], { config, cwd: dir }, { store });
    expect(second.report.summary.linkStates).toMatchObject({ rot: 2, suspect: 0 });
    const gone = second.report.documents[0]!.links.find((l) => l.url.endsWith('/gone'));
    expect(gone?.history?.consecutiveFailures).toBe(2);
    expect(second.exit.code).toBe(1);
  });

  it('offline: every link offline, no archive or source request, exit 4, nothing called dead', async () => {
    const before = web.wayback.requests.length;
    const noDns: LookupAll = async (hostname) => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    };
    const offlineDoc = join(dir, 'offline.md');
    writeFileSync(
      offlineDoc,
      'A claim.[^1]\n\nAnother.[^2]\n\n[^1]: A, "T," https://one.invalid/a.\n[^2]: B, "U," https://two.invalid/b.\n',
    );
    const config = ConfigSchema.parse({
      ...loopbackConfig(web),
      check: { ...loopbackConfig(web).check, canaryUrls: ['https://canary.invalid/'] },
    });
    const { report, exit } = await runAudit(['offline.md'], { config, cwd: dir }, { lookup: noDns });
    expect(report.run.network.state).toBe('offline');
    expect(report.summary.linkStates).toMatchObject({ rot: 0, suspect: 0, inconclusive: 2 });
    expect(report.summary.verdicts.offline).toBe(2);
    expect(exit.code).toBe(4);
    expect(exit.reason).toMatch(/network unreachable/);
    expect(web.wayback.requests.length).toBe(before);
  });

  it('interrupted before the check finishes: links unchecked, no archive request, exit 4', async () => {
    const before = web.wayback.requests.length;
    const controller = new AbortController();
    controller.abort();
    const config = ConfigSchema.parse(loopbackConfig(web));
    const { report, exit } = await runAudit(['profile.md'], { config, cwd: dir }, { signal: controller.signal });
    expect(report.run.interrupted).toBe(true);
    expect(report.summary.linkStates.rot).toBe(0);
    expect(report.warnings.map((w) => w.code)).toContain('interrupted');
    expect(exit).toEqual({ code: 4, reason: 'the run was interrupted before it finished' });
    expect(web.wayback.requests.length).toBe(before);
  });
  it('an interrupted audit is resumed by the next one: finished links are not fetched again', async () => {
    const base = loopbackConfig(web);
    // No cache: what the second run reuses can only come from resuming the interrupted run.
    const config = ConfigSchema.parse({ ...base, check: { ...base.check, cache: false, concurrency: 1 } });
    const store = createMemoryStore();
    const controller = new AbortController();
    let firstDone = '';
    const first = await runAudit(
      ['profile.md'],
      { config, cwd: dir },
      {
        store,
        signal: controller.signal,
        onProgress: (e) => {
          if (e.stage === 'check' && e.done === 1) {
            firstDone = new URL(e.result.url).pathname;
            controller.abort();
          }
        },
      },
    );
    expect(first.report.run.interrupted).toBe(true);
    const fetchesOf = (path: string) => web.web.requests.filter((r) => r.path === path).length;
    const before = fetchesOf(firstDone);
    const second = await runAudit(['profile.md'], { config, cwd: dir }, { store });
    expect(second.report.run.interrupted).toBe(false);
    expect(second.report.summary.linkStates.unchecked).toBe(0);
    const resumed = second.report.documents[0]!.links.find((l) => new URL(l.url).pathname === firstDone);
    expect(resumed?.result?.fromCache).toBe(true);
    // The verify stage may read a live source again; the checker must not.
    expect(fetchesOf(firstDone) - before).toBeLessThanOrEqual(resumed?.state === 'live' ? 1 : 0);
  });
});

describe('describeOptions', () => {
  it('keeps header names but never their values', () => {
    const config = ConfigSchema.parse({
      check: { headers: { authorization: 'Bearer s3cret' }, hosts: { 'a.example': { headers: { cookie: 'sid=1' } } } },
    });
    const described = JSON.stringify(describeOptions(config));
    expect(described).not.toMatch(/s3cret|sid=1/);
    expect(described).toContain('"authorization":"[redacted]"');
    expect(described).toContain('"cookie":"[redacted]"');
  });
});
