import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinkResult } from '../../../src/model/link-result.js';
import type { Report } from '../../../src/model/report.js';
import { readBaseline } from '../../../src/report/baseline.js';
import { buildReport } from '../../../src/report/build-report.js';
import { decideExitCode } from '../../../src/report/exit-policy.js';
import { renderJson } from '../../../src/report/render-json.js';
import { loadFixtureReport, loadReportInput } from './report-fixture.js';

const POLICY = { failOn: 'rot', maxRotRate: null, maxInconclusiveRate: 0.5 } as const;

function withLinks(mutate: (links: Map<string, LinkResult>) => void, confirm = loadReportInput().confirm): Report {
  const input = loadReportInput();
  const links = new Map(input.links);
  mutate(links);
  return buildReport({ ...input, links, confirm });
}

function alive(result: LinkResult): LinkResult {
  return { ...result, verdict: { kind: 'alive', reason: '200 OK', evidence: result.verdict.evidence } };
}

describe('decideExitCode', () => {
  const report = loadFixtureReport();

  it('1 when confirmed rot exists under --fail-on rot', () => {
    expect(decideExitCode(report, POLICY)).toEqual({ code: 1, reason: '3 rotten links' });
  });

  it('0 under --fail-on never, and when rot stays within --max-rot-rate', () => {
    expect(decideExitCode(report, { ...POLICY, failOn: 'never' }).code).toBe(0);
    expect(decideExitCode(report, { ...POLICY, maxRotRate: 0.5 }).code).toBe(0);
    expect(decideExitCode(report, { ...POLICY, maxRotRate: 0.3 }).code).toBe(1);
  });

  it('--fail-on unsupported fails only on unsupported claims', () => {
    expect(decideExitCode(report, { ...POLICY, failOn: 'unsupported' })).toEqual({
      code: 1,
      reason: '1 claims unsupported (rotten links)',
    });
    const noSoft404 = withLinks((links) =>
      links.set('https://soft.example/missing', alive(links.get('https://soft.example/missing')!)),
    );
    expect(decideExitCode(noSoft404, { ...POLICY, failOn: 'unsupported' }).code).toBe(0);
  });

  it('suspect rot alone never fails', () => {
    const onlySuspect = withLinks((links) => {
      for (const key of ['https://gone.example/page', 'https://gone.example/leader', 'https://soft.example/missing']) {
        links.set(key, alive(links.get(key)!));
      }
    });
    expect(onlySuspect.summary.linkStates.suspect).toBe(1);
    expect(decideExitCode(onlySuspect, POLICY).code).toBe(0);
  });

  it('4 when offline, interrupted, or too many links are inconclusive', () => {
    const offline = {
      ...report,
      run: {
        ...report.run,
        network: {
          state: 'offline' as const,
          message: 'network unreachable: 10 links could not be checked',
          canaries: [],
        },
      },
    };
    expect(decideExitCode(offline, POLICY)).toEqual({
      code: 4,
      reason: 'network unreachable: 10 links could not be checked',
    });
    expect(decideExitCode({ ...report, run: { ...report.run, interrupted: true } }, POLICY).code).toBe(4);
    expect(decideExitCode(report, { ...POLICY, maxInconclusiveRate: 0.1 }).code).toBe(4);
  });
});

describe('baseline', () => {
  it('reports new rot, fixed and still rotten, and fails only on new rot', () => {
    const previous = withLinks(
      (links) => {
        // Before: gone/page was alive, moved/e was broken.
        links.set('https://gone.example/page', alive(links.get('https://gone.example/page')!));
        const moved = links.get('https://moved.example/e')!;
        links.set('https://moved.example/e', {
          ...moved,
          verdict: { kind: 'broken', reason: '404', evidence: moved.verdict.evidence },
        });
      },
      { runs: 1, days: 0 },
    );
    const current = buildReport({ ...loadReportInput(), baseline: previous });
    expect(current.baseline).toEqual({
      baselineStartedAt: previous.run.startedAt,
      newRot: [{ key: 'https://gone.example/page', url: 'https://gone.example/page' }],
      fixed: [{ key: 'https://moved.example/e', url: 'https://moved.example/e' }],
      stillRotten: [
        { key: 'https://gone.example/leader', url: 'https://gone.example/leader' },
        { key: 'https://soft.example/missing', url: 'https://soft.example/missing' },
      ],
    });
    expect(decideExitCode(current, POLICY)).toEqual({ code: 1, reason: '1 new rotten links' });
    const same = buildReport({ ...loadReportInput(), baseline: loadFixtureReport() });
    expect(decideExitCode(same, POLICY)).toEqual({ code: 0, reason: 'no new rotten links' });
  });

  it('reads a previous report.json back, and rejects anything else with a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citecheck-baseline-'));
    const good = join(dir, 'report.json');
    writeFileSync(good, renderJson(loadFixtureReport()));
    expect((await readBaseline(good)).summary).toEqual(loadFixtureReport().summary);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ schemaVersion: 2 }));
    await expect(readBaseline(wrong)).rejects.toMatchObject({
      code: 'CC_BASELINE_INVALID',
      message: expect.stringContaining('schemaVersion'),
    });
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{');
    await expect(readBaseline(notJson)).rejects.toMatchObject({ code: 'CC_BASELINE_INVALID' });
    await expect(readBaseline(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'CC_BASELINE_INVALID' });
  });
});
