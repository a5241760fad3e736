import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, ensureBuiltCli } from '../../helpers/built-cli.js';
import { htmlPage, type LoopbackServer, reply, routes, startLoopbackServer } from '../../helpers/loopback-server.js';

/**
 * Run-level faults as a user meets them in the built CLI: a malformed config and an unusable
 * results store each give one clear line, exit code 2 and no stack trace, and the store file
 * a user may still want is left as it was. (The loaders' units are tested by their owners.)
 */
const CLI_TIMEOUT_MS = 30_000;
const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string): Promise<CliResult> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|CITECHECK_)/.test(k)));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BUILT_CLI, ...args],
      { cwd, env: { ...env, NO_COLOR: '1' }, timeout: CLI_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function expectCleanUsageFailure(result: CliResult, message: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).not.toContain('internal error');
}

describe('run-level faults through the CLI', () => {
  let site: LoopbackServer;
  let dir: string;
  /** A config that keeps every request on loopback. */
  let loopbackConfig: Record<string, unknown>;

  beforeAll(async () => {
    ensureBuiltCli();
    site = await startLoopbackServer(routes({ '/canary': reply(204), '/a': reply(200, htmlPage('A')) }));
    dir = mkdtempSync(join(tmpdir(), 'citecheck-cli-faults-'));
    writeFileSync(join(dir, 'doc.md'), `A claim.[^1]\n\n[^1]: A, “T,” ${site.url('/a')}.\n`);
    loopbackConfig = {
      check: { allowPrivate: true, canaryUrls: [site.url('/canary')], retries: 1, hostIntervalMs: 0 },
      archive: { enabled: false, waybackBaseUrl: site.origin, availabilityBaseUrl: site.origin },
    };
  }, 300_000);
  afterAll(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function withConfig(name: string, text: string): string {
    const sub = join(dir, name);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'doc.md'), readFileSync(join(dir, 'doc.md')));
    writeFileSync(join(sub, 'citecheck.config.json'), text);
    return sub;
  }

  it('a config file with a JSON syntax error: where it is, exit 2, no stack', async () => {
    const cwd = withConfig('syntax', '{\n  "check": { "concurrency": 4, }\n}\n');
    const result = await runCli(['audit', 'doc.md', '--output-dir', 'out'], cwd);
    expectCleanUsageFailure(result, /citecheck\.config\.json:2:\d+/);
    expect(result.stderr).toContain('[CC_CONFIG_INVALID]');
  });

  it('a misspelt key and a value of the wrong type: the dotted path is named', async () => {
    const misspelt = withConfig('misspelt', JSON.stringify({ check: { hostConcurency: 2 } }));
    expectCleanUsageFailure(
      await runCli(['audit', 'doc.md', '--output-dir', 'out'], misspelt),
      /check\.hostConcurency/,
    );
    const wrongType = withConfig('wrong-type', JSON.stringify({ check: { concurrency: 'fast' } }));
    expectCleanUsageFailure(await runCli(['audit', 'doc.md', '--output-dir', 'out'], wrongType), /check\.concurrency/);
  });

  it('a results.db that is not a database: a clear store error, and the file left untouched', async () => {
    const cwd = withConfig('corrupt', JSON.stringify({ ...loopbackConfig, storePath: 'store/results.db' }));
    mkdirSync(join(cwd, 'store'));
    const garbage = Buffer.from('this is not an SQLite database, just text a user may want back\n'.repeat(64));
    writeFileSync(join(cwd, 'store', 'results.db'), garbage);
    const before = site.requests.length;
    const result = await runCli(['audit', 'doc.md', '--output-dir', 'out'], cwd);
    expectCleanUsageFailure(result, /results\.db/);
    expect(result.stderr).toContain('[CC_STORE_CORRUPT]');
    expect(readFileSync(join(cwd, 'store', 'results.db')).equals(garbage)).toBe(true);
    // The run stopped before checking anything.
    expect(site.requests.length).toBe(before);
  });

  it('a results.db cut short after its header: still a clear store error', async () => {
    const cwd = withConfig('truncated', JSON.stringify({ ...loopbackConfig, storePath: 'results.db' }));
    const header = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(84, 0x10)]);
    writeFileSync(join(cwd, 'results.db'), header);
    const result = await runCli(['audit', 'doc.md', '--output-dir', 'out'], cwd);
    expectCleanUsageFailure(result, /results\.db/);
    expect(result.stderr).toMatch(/\[CC_STORE_(CORRUPT|UNWRITABLE)\]/);
  });

  it('a store path that cannot be created: an unwritable-store error', async () => {
    const cwd = withConfig('unwritable', JSON.stringify({ ...loopbackConfig, storePath: 'blocker/results.db' }));
    // A regular file where the store's directory should be: mkdir fails as on a read-only disk.
    writeFileSync(join(cwd, 'blocker'), 'a file, not a directory');
    const result = await runCli(['audit', 'doc.md', '--output-dir', 'out'], cwd);
    expectCleanUsageFailure(result, /blocker/);
    expect(result.stderr).toContain('[CC_STORE_UNWRITABLE]');
  });
});
