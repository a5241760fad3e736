import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { BUILT_CLI, ensureBuiltCli } from '../../helpers/built-cli.js';
import { htmlPage, type LoopbackServer, startLoopbackServer } from '../../helpers/loopback-server.js';

/**
 * Ctrl-C in the middle of `citecheck check`, then the same command again: every result the
 * first run finished is kept and not fetched again, none is recorded twice, and the second
 * run completes the set. Driven through the built CLI with a real SIGINT.
 */
const LINKS = 24;
const LATENCY_MS = 150;
const INTERRUPT_AFTER_REQUESTS = 8;
const CLI_TIMEOUT_MS = 30_000;

function exitOf(child: ChildProcess): Promise<{ code: number | null; stdout: string }> {
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}

describe('SIGINT in the middle of a check, then a resumed run', () => {
  let site: LoopbackServer;
  let dir: string;

  beforeAll(async () => {
    ensureBuiltCli();
    site = await startLoopbackServer((req, res) => {
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(htmlPage(`Page ${req.url}`));
      }, LATENCY_MS).unref();
    });
    dir = mkdtempSync(join(tmpdir(), 'citecheck-resume-'));
    const notes = Array.from({ length: LINKS }, (_, i) => `[^${i + 1}]: Author, “Title ${i},” ${site.url(`/p${i}`)}.`);
    const claims = Array.from({ length: LINKS }, (_, i) => `Claim ${i}.[^${i + 1}]`);
    writeFileSync(join(dir, 'doc.md'), `${claims.join('\n\n')}\n\n${notes.join('\n')}\n`);
    writeFileSync(
      join(dir, 'citecheck.config.json'),
      JSON.stringify({
        check: {
          allowPrivate: true,
          canaryUrls: [site.url('/canary')],
          hostConcurrency: 2,
          hostIntervalMs: 0,
          retries: 1,
          soft404Probe: false,
          cache: false,
        },
        storePath: 'results.db',
      }),
    );
  }, 300_000);
  afterAll(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pagePaths = () => site.requests.map((r) => r.path).filter((p) => p.startsWith('/p'));

  it('keeps every finished result, fetches none of them again, and records each key once', async () => {
    const first = spawn(process.execPath, [BUILT_CLI, 'check', 'doc.md', '--output', 'first.json'], { cwd: dir });
    const firstExit = exitOf(first);
    const deadline = Date.now() + CLI_TIMEOUT_MS;
    while (pagePaths().length < INTERRUPT_AFTER_REQUESTS && first.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    first.kill('SIGINT');
    const { code: firstCode } = await firstExit;
    expect(firstCode).toBe(4);
    const interrupted = JSON.parse(readFileSync(join(dir, 'first.json'), 'utf8')) as {
      interrupted: boolean;
      results: Array<{ url: string }>;
    };
    expect(interrupted.interrupted).toBe(true);
    const finished = new Set(interrupted.results.map((r) => new URL(r.url).pathname));
    expect(finished.size).toBeGreaterThan(0);
    expect(finished.size).toBeLessThan(LINKS);
    const requestedBefore = pagePaths().length;

    const second = await exitOf(
      spawn(process.execPath, [BUILT_CLI, 'check', 'doc.md', '--output', 'second.json'], { cwd: dir }),
    );
    expect(second.code).toBe(0);
    const resumed = JSON.parse(readFileSync(join(dir, 'second.json'), 'utf8')) as {
      interrupted: boolean;
      results: Array<{ url: string; fromCache: boolean }>;
    };
    expect(resumed.interrupted).toBe(false);
    expect(new Set(resumed.results.map((r) => new URL(r.url).pathname)).size).toBe(LINKS);

    // The second run asked only for what the first did not finish.
    const secondRequests = pagePaths().slice(requestedBefore);
    for (const path of secondRequests) expect(finished.has(path)).toBe(false);
    expect(new Set(pagePaths()).size).toBe(LINKS);

    // One run in the store, each key recorded once.
    const store = openSqliteStore(join(dir, 'results.db'));
    try {
      expect(store.lastInterruptedRun()).toBeNull();
      const runId = 1;
      const keys = store.resultsInRun(runId).map((r) => r.key);
      expect(keys).toHaveLength(LINKS);
      expect(new Set(keys).size).toBe(LINKS);
    } finally {
      store.close();
    }
  }, 120_000);
});
