import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Report, ReportSchema } from '../../src/model/report.js';
import { BUILT_CLI, ensureBuiltCli } from '../helpers/built-cli.js';
import {
  CAPTURE_TIMESTAMP,
  type LoopbackWeb,
  loopbackConfig,
  startLoopbackWeb,
} from '../integration/pipeline/loopback-web.js';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const CLI_TIMEOUT_MS = 30_000;

/** Runs the built CLI without blocking this process: the loopback web answers from here. */
function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|CITECHECK_)/.test(k)));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BUILT_CLI, ...args],
      { cwd, env: { ...base, ...env, NO_COLOR: '1' }, timeout: CLI_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const ALL_FORMATS = 'json,md,html,csv,sarif,junit';

describe('citecheck audit (built CLI) against a loopback web', () => {
  let web: LoopbackWeb;
  let dir: string;
  let report: Report;
  let first: CliResult;
  const out = (name: string) => readFileSync(join(dir, 'out', name), 'utf8');

  beforeAll(async () => {
    ensureBuiltCli();
    web = await startLoopbackWeb();
    dir = mkdtempSync(join(tmpdir(), 'citecheck-e2e-audit-'));
    writeFileSync(join(dir, 'profile.md'), web.document());
    writeFileSync(join(dir, 'blocked.md'), `Claim.[^1]\n\n[^1]: A, "T," ${web.web.origin}/blocked.\n`);
    writeFileSync(
      join(dir, 'citecheck.config.json'),
      JSON.stringify({ ...loopbackConfig(web), storePath: join(dir, 'store', 'results.db') }, null, 2),
    );
    first = await runCli(['audit', 'profile.md', '--format', ALL_FORMATS, '--output-dir', 'out'], dir);
    report = ReportSchema.parse(JSON.parse(out('report.json')));
  }, 300_000);

  afterAll(async () => {
    await web?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 on confirmed rot and says why', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('policy failed: 2 rotten links (exit 1)');
    expect(first.stdout).toContain('wrote out/report.sarif');
  });

  it('report.json: verdicts, capture and claim statuses', () => {
    const links = Object.fromEntries(
      report.documents[0]!.links.map((l) => [new URL(l.url).pathname, l.result?.verdict.kind]),
    );
    expect(links).toEqual({
      '/alive': 'alive',
      '/gone': 'broken',
      '/soft': 'soft-404',
      '/blocked': 'blocked',
      '/moved': 'redirected',
    });
    expect(report.summary.claimStatuses).toEqual({
      supported: 2,
      'archived-only': 1,
      'at-risk': 1,
      unsupported: 1,
      unsourced: 1,
    });
    expect(report.run.network.state).toBe('online');
  });

  it('report.md: the problem, the citation as written and the replacement to paste', () => {
    const md = out('report.md');
    expect(md).toMatch(/^# citecheck report/);
    expect(md).toContain('Replacement to paste');
    expect(md).toContain(`${web.wayback.origin}/web/${CAPTURE_TIMESTAMP}/${web.web.origin}/gone`);
    expect(md).toContain('soft-404');
  });

  it('report.html: self-contained with a strict CSP and the data block', () => {
    const html = out('report.html');
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;');
    expect(html).toContain('<script type="application/json" id="report-data">');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  it('report.csv: one row per citation', () => {
    const rows = out('report.csv').trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^document,citation_id,claim_id,line,column/);
    expect(rows).toHaveLength(1 + report.summary.citations);
  });

  it('report.sarif: one result per problem citation with file and line', () => {
    const sarif = JSON.parse(out('report.sarif'));
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results as Array<{ ruleId: string; level: string; locations: unknown[] }>;
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['broken', 'error'],
      ['soft-404', 'error'],
      ['blocked', 'note'],
      // /moved redirects to the /alive page, whose title is not the cited "Moved page".
      ['title-mismatch', 'warning'],
    ]);
    expect(results[0]?.locations[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'profile.md' }, region: { startLine: expect.any(Number) } },
    });
  });

  it('report.junit.xml: one test case per citation, rot as failures', () => {
    const xml = out('report.junit.xml');
    expect(xml.match(/<testcase /g)).toHaveLength(report.summary.citations);
    expect(xml).toContain('failures="2"');
  });

  it('exits 0 under --fail-on never, and against a baseline without new rot', async () => {
    const never = await runCli(['audit', 'profile.md', '--fail-on', 'never', '--output-dir', 'out-never'], dir);
    expect(never.code).toBe(0);
    const baseline = await runCli(
      ['audit', 'profile.md', '--baseline', 'out/report.json', '--output-dir', 'out-base'],
      dir,
    );
    expect(baseline.code).toBe(0);
    expect(baseline.stdout).toContain('against the baseline: 0 new rot, 0 fixed, 2 still rotten');
    // Default formats only.
    expect(['report.json', 'report.md', 'report.html'].every((f) => existsSync(join(dir, 'out-base', f)))).toBe(true);
    expect(existsSync(join(dir, 'out-base', 'report.csv'))).toBe(false);
  });

  it('exits 2 on usage and input errors, with a one-line message', async () => {
    const unknown = await runCli(['audit', 'profile.md', '--format', 'json,pdf'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown report format "pdf"');
    const missing = await runCli(['audit', 'nowhere.md'], dir);
    expect(missing.code).toBe(2);
    writeFileSync(join(dir, 'not-a-report.json'), '{"schemaVersion": 7}');
    const badBaseline = await runCli(['audit', 'profile.md', '--baseline', 'not-a-report.json'], dir);
    expect(badBaseline.code).toBe(2);
    expect(badBaseline.stderr).toMatch(
      /baseline .*not-a-report\.json is not a citecheck report.*\[CC_BASELINE_INVALID\]/,
    );
  });

  it('exits 4 when too many links are inconclusive to judge', async () => {
    const run = await runCli(['audit', 'blocked.md', '--output-dir', 'out-blocked'], dir);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/could not audit: 1 of 1 links inconclusive .*no citation was called dead \(exit 4\)/);
  });

  it('writes one format to standard output with --output-dir -', async () => {
    const run = await runCli(
      ['audit', 'profile.md', '--format', 'csv', '--output-dir', '-', '--fail-on', 'never'],
      dir,
    );
    expect(run.code).toBe(0);
    expect(run.stdout.split('\r\n')[0]).toMatch(/^document,citation_id/);
    expect(run.stderr).toContain('ok: policy: never fail (exit 0)');
  });

  it('on GitHub Actions: annotations with file and line, and a job summary', async () => {
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '');
    const run = await runCli(['audit', 'profile.md', '--output-dir', 'out-gh'], dir, {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=profile\.md,line=\d+,col=\d+,title=citecheck%3A broken::/m);
    expect(readFileSync(summary, 'utf8')).toMatch(/^# citecheck report/);
  });
});
