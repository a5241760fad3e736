import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, ensureBuiltCli } from '../helpers/built-cli.js';
import {
  CAPTURE_TIMESTAMP,
  type LoopbackWeb,
  loopbackConfig,
  startLoopbackWeb,
} from '../integration/pipeline/loopback-web.js';

function runCli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|CITECHECK_)/.test(k)));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BUILT_CLI, ...args],
      { cwd, env, timeout: 30_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolve({ code: error && typeof error.code === 'number' ? error.code : error ? null : 0, stdout, stderr });
      },
    );
  });
}

describe('citecheck fix (built CLI)', () => {
  let web: LoopbackWeb;
  let dir: string;
  let original: string;

  beforeAll(async () => {
    ensureBuiltCli();
    web = await startLoopbackWeb();
    dir = mkdtempSync(join(tmpdir(), 'citecheck-e2e-fix-'));
    original = web.document();
    writeFileSync(join(dir, 'profile.md'), original);
    writeFileSync(
      join(dir, 'citecheck.config.json'),
      JSON.stringify({ ...loopbackConfig(web), storePath: join(dir, 'results.db') }),
    );
  }, 300_000);

  afterAll(async () => {
    await web?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const capture = () => `${web.wayback.origin}/web/${CAPTURE_TIMESTAMP}/${web.web.origin}/gone`;

  it('from a report: writes a copy with the capture and a note, and leaves the input alone', async () => {
    const audit = await runCli(['audit', 'profile.md', '--output-dir', 'out'], dir);
    expect(audit.code).toBe(1);
    const run = await runCli(['fix', 'profile.md', '--report', 'out/report.json', '--output', 'fixed.md'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`-> ${capture()}`);
    expect(run.stdout).toContain('1 rotten citation(s) have no validated capture to use');
    const fixed = readFileSync(join(dir, 'fixed.md'), 'utf8');
    expect(fixed).toContain(`${capture()} (originally ${web.web.origin}/gone, archived 2019-05-01)`);
    expect(fixed).toContain(`${web.web.origin}/soft`);
    expect(readFileSync(join(dir, 'profile.md'), 'utf8')).toBe(original);
  });

  it('without a report: runs the audit itself; --in-place rewrites the input', async () => {
    writeFileSync(join(dir, 'copy.md'), original);
    const run = await runCli(['fix', 'copy.md', '--in-place'], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'copy.md'), 'utf8')).toContain(capture());
  });

  it('refuses to overwrite the input without --in-place, and needs an output', async () => {
    const same = await runCli(['fix', 'profile.md', '--output', 'profile.md', '--report', 'out/report.json'], dir);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('use --in-place');
    const none = await runCli(['fix', 'profile.md', '--report', 'out/report.json'], dir);
    expect(none.code).toBe(2);
    expect(readFileSync(join(dir, 'profile.md'), 'utf8')).toBe(original);
  });
});
