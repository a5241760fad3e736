import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/cli/command.js';
import { checkCommand } from '../../../src/cli/commands/check.js';
import { htmlPage, type LoopbackServer, reply, routes, startLoopbackServer } from '../../helpers/loopback-server.js';

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

/** A command context in `cwd`, quiet unless given streams to read. */
function contextFor(cwd: string, argv: string[], streams: { stdout?: PassThrough; stderr?: PassThrough } = {}) {
  return {
    argv,
    stdout: streams.stdout ?? new PassThrough(),
    stderr: streams.stderr ?? new PassThrough(),
    stdin: new PassThrough(),
    env: {},
    cwd,
    isTTY: false,
    signal: new AbortController().signal,
  };
}

describe('citecheck check', () => {
  let site: LoopbackServer;
  let dir: string;
  beforeAll(async () => {
    site = await startLoopbackServer(
      routes({ '/alive': reply(200, htmlPage('Alive')), '/gone': reply(410, ''), '/wall': reply(403, '') }),
    );
    dir = await mkdtemp(join(tmpdir(), 'citecheck-check-'));
    const doc = [
      `First claim.${' '}Author, "Alive page," ${site.url('/alive')}.`,
      `Second claim. Author, "Gone page," ${site.url('/gone')}.`,
      `Third claim. Author, "Walled," ${site.url('/wall')}. Again: ${site.url('/alive')}.`,
    ].join('\n\n');
    await writeFile(join(dir, 'doc.txt'), `${doc}\n`);
  });
  afterAll(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('extracts, checks each link once, prints a summary and writes JSON results', async () => {
    const stdout = collect();
    const stderr = collect();
    const code = await checkCommand.run(
      contextFor(
        dir,
        [
          'doc.txt',
          '--allow-private',
          '--output',
          'out.json',
          '--host-interval',
          '0',
          '--timeout',
          '2s',
          '--retries',
          '1',
        ],
        { stdout: stdout.stream, stderr: stderr.stream },
      ),
    );
    expect(code).toBe(EXIT.ok);
    const out = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as {
      schemaVersion: number;
      results: Array<{ url: string; verdict: { kind: string } }>;
      network: { state: string };
    };
    expect(out.schemaVersion).toBe(1);
    expect(out.results.map((r) => [r.url, r.verdict.kind])).toEqual([
      [site.url('/alive'), 'alive'],
      [site.url('/gone'), 'broken'],
      [site.url('/wall'), 'blocked'],
    ]);
    expect(site.requests.filter((r) => r.path === '/alive')).toHaveLength(1);
    expect(stdout.text()).toContain('checked 3 unique link(s)');
    expect(stdout.text()).toMatch(/broken\s+1/);
    expect(stdout.text()).toContain('rot 1, inconclusive 1');
  });

  it('reuses fresh results from the store on the next run, unless --no-cache', async () => {
    const run = async (extra: string[]) => {
      const code = await checkCommand.run(
        contextFor(dir, ['doc.txt', '--allow-private', '--json', '--host-interval', '0', ...extra]),
      );
      expect(code).toBe(EXIT.ok);
    };
    await run([]);
    const before = site.requests.length;
    await run([]);
    // Alive comes from the store; broken (rot) and blocked (inconclusive) links are checked again.
    expect(
      site.requests
        .slice(before)
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/gone', '/wall']);
    const uncached = site.requests.length;
    await run(['--no-cache']);
    const paths = site.requests.slice(uncached).map((r) => r.path);
    // Every link again, plus the host's one random-path probe for the live page.
    expect(paths.filter((p) => !p.includes('citecheck-probe')).sort()).toEqual(['/alive', '/gone', '/wall']);
  });

  it('--store puts the results store at another path; --no-store keeps results in memory only', async () => {
    const cwd = await mkdtemp(join(dir, 'store-flags-'));
    await writeFile(join(cwd, 'doc.txt'), await readFile(join(dir, 'doc.txt')));
    const run = (extra: string[]) =>
      checkCommand.run(contextFor(cwd, ['doc.txt', '--allow-private', '--host-interval', '0', ...extra]));
    expect(await run(['--store', 'elsewhere/results.db'])).toBe(EXIT.ok);
    expect(existsSync(join(cwd, 'elsewhere', 'results.db'))).toBe(true);
    expect(existsSync(join(cwd, '.citecheck'))).toBe(false);
    const before = site.requests.length;
    expect(await run(['--no-store'])).toBe(EXIT.ok);
    expect(await run(['--no-store'])).toBe(EXIT.ok);
    expect(existsSync(join(cwd, '.citecheck'))).toBe(false);
    // Nothing kept between the two runs: the live link is fetched by each.
    expect(site.requests.slice(before).filter((r) => r.path === '/alive')).toHaveLength(2);
  });

  it('a broken store names --store and --no-store as the ways out', async () => {
    const cwd = await mkdtemp(join(dir, 'broken-store-'));
    await writeFile(join(cwd, 'doc.txt'), await readFile(join(dir, 'doc.txt')));
    await mkdir(join(cwd, '.citecheck'));
    await writeFile(join(cwd, '.citecheck', 'results.db'), 'not a database\n'.repeat(100));
    const failure = await checkCommand.run(contextFor(cwd, ['doc.txt', '--allow-private'])).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(/--store <path>/);
    expect(failure?.message).toMatch(/--no-store/);
  });

  it('rejects a malformed --header and an invalid --include pattern as usage/config errors', async () => {
    await expect(checkCommand.run(contextFor(dir, ['doc.txt', '--header', 'no colon']))).rejects.toMatchObject({
      code: 'CC_USAGE',
    });
    await expect(checkCommand.run(contextFor(dir, ['doc.txt', '--include', '(']))).rejects.toMatchObject({
      code: 'CC_CONFIG_INVALID',
    });
  });
});
