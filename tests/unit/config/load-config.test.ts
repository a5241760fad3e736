import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError } from '../../../src/errors.js';
import { ConfigSchema } from '../../../src/model/config.js';

const root = mkdtempSync(join(tmpdir(), 'citecheck-config-'));
let counter = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh working directory, with `citecheck.config.json` holding `file` when given. */
function workdir(file?: string): string {
  const dir = join(root, String(++counter));
  mkdirSync(dir);
  if (file !== undefined) writeFileSync(join(dir, 'citecheck.config.json'), file);
  return dir;
}

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfig: layers', () => {
  it('returns the schema defaults when there is no file, env or flag', async () => {
    const config = await loadConfig({ cwd: workdir(), env: {}, flags: {} });
    expect(config).toEqual(ConfigSchema.parse({}));
  });

  it('applies defaults < file < env < flags, key by key', async () => {
    const cwd = workdir(
      JSON.stringify({
        check: {
          concurrency: 8,
          hostConcurrency: 3,
          hostIntervalMs: 900,
          retries: 5,
          hosts: { 'a.test': { concurrency: 1 } },
        },
        logLevel: 'info',
      }),
    );
    const config = await loadConfig({
      cwd,
      env: { CITECHECK_HOST_CONCURRENCY: '4', CITECHECK_HOST_INTERVAL_MS: '100', CITECHECK_LOG_LEVEL: 'debug' },
      flags: { check: { hostIntervalMs: 50, concurrency: undefined }, logLevel: undefined },
    });
    expect(config.check.concurrency).toBe(8); // file (the flag was not given)
    expect(config.check.hostConcurrency).toBe(4); // env over file
    expect(config.check.hostIntervalMs).toBe(50); // flag over env over file
    expect(config.check.retries).toBe(5); // file
    expect(config.check.totalTimeoutMs).toBe(30_000); // default
    expect(config.check.hosts).toEqual({ 'a.test': { concurrency: 1 } });
    expect(config.logLevel).toBe('debug');
  });

  it('merges objects key by key and replaces lists whole', async () => {
    const cwd = workdir(JSON.stringify({ check: { headers: { 'x-a': '1', 'x-b': '2' }, exclude: ['^a', '^b'] } }));
    const config = await loadConfig({
      cwd,
      env: {},
      flags: { check: { headers: { 'x-b': 'flag' }, exclude: ['^c'] } },
    });
    expect(config.check.headers).toEqual({ 'x-a': '1', 'x-b': 'flag' });
    expect(config.check.exclude).toEqual(['^c']);
  });

  it('reads every documented environment variable', async () => {
    const config = await loadConfig({
      cwd: workdir(),
      env: {
        CITECHECK_CONCURRENCY: '7',
        CITECHECK_HOST_CONCURRENCY: '1',
        CITECHECK_HOST_INTERVAL_MS: '1000',
        CITECHECK_TIMEOUT_MS: '2500',
        CITECHECK_USER_AGENT: 'probe/1.0',
        CITECHECK_ALLOW_PRIVATE: 'yes',
        CITECHECK_STORE: '/var/tmp/cc.db',
        CITECHECK_LOG_LEVEL: 'error',
        CITECHECK_WAYBACK_URL: 'http://127.0.0.1:9/',
        CITECHECK_AVAILABILITY_URL: 'http://127.0.0.1:10/',
        CITECHECK_UNRELATED: 'ignored',
      },
      flags: {},
    });
    expect(config.check).toMatchObject({
      concurrency: 7,
      hostConcurrency: 1,
      hostIntervalMs: 1000,
      totalTimeoutMs: 2500,
      userAgent: 'probe/1.0',
      allowPrivate: true,
    });
    expect(config.storePath).toBe('/var/tmp/cc.db');
    expect(config.logLevel).toBe('error');
    expect(config.archive.waybackBaseUrl).toBe('http://127.0.0.1:9/');
    expect(config.archive.availabilityBaseUrl).toBe('http://127.0.0.1:10/');
  });

  it('treats an empty environment variable as unset', async () => {
    const config = await loadConfig({
      cwd: workdir(),
      env: { CITECHECK_CONCURRENCY: '', CITECHECK_STORE: '' },
      flags: {},
    });
    expect(config.check.concurrency).toBe(64);
    expect(config.storePath).toBe('.citecheck/results.db');
  });

  it('reads --config relative to the working directory instead of the default file', async () => {
    const cwd = workdir(JSON.stringify({ check: { retries: 2 } }));
    mkdirSync(join(cwd, 'conf'));
    writeFileSync(join(cwd, 'conf', 'ci.json'), JSON.stringify({ check: { retries: 9 } }));
    const config = await loadConfig({ cwd, configPath: 'conf/ci.json', env: {}, flags: {} });
    expect(config.check.retries).toBe(9);
  });

  it('accepts a file with a byte order mark and a $schema key', async () => {
    const cwd = workdir(`\uFEFF${JSON.stringify({ $schema: './schema.json', report: { confirmRuns: 3 } })}`);
    expect((await loadConfig({ cwd, env: {}, flags: {} })).report.confirmRuns).toBe(3);
  });

  it('returns a deeply frozen config', async () => {
    const config = await loadConfig({ cwd: workdir(), env: {}, flags: { check: { headers: { 'x-a': '1' } } } });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.check)).toBe(true);
    expect(Object.isFrozen(config.check.headers)).toBe(true);
    expect(Object.isFrozen(config.check.canaryUrls)).toBe(true);
    expect(() => {
      (config.check as { concurrency: number }).concurrency = 1;
    }).toThrow(TypeError);
  });

  it('does not mutate or freeze the flags it was given', async () => {
    const flags = { check: { headers: { 'x-a': '1' } } };
    await loadConfig({ cwd: workdir(), env: {}, flags });
    expect(Object.isFrozen(flags.check.headers)).toBe(false);
    expect(flags).toEqual({ check: { headers: { 'x-a': '1' } } });
  });
});

describe('loadConfig: errors name their source and key', () => {
  it('rejects an unknown key with its dotted path and a suggestion', async () => {
    const cwd = workdir(JSON.stringify({ check: { concurency: 4 } }));
    const error = await configError(loadConfig({ cwd, env: {}, flags: {} }));
    expect(error.message).toBe('citecheck.config.json: unknown key check.concurency (did you mean check.concurrency?)');
    expect(error.code).toBe('CC_CONFIG_INVALID');
  });

  it('names unknown keys inside records and at the top level, without a far-fetched suggestion', async () => {
    const cwd = workdir(JSON.stringify({ check: { hosts: { 'a.test': { intervalMS: 5 } } }, colour: 'red' }));
    const error = await configError(loadConfig({ cwd, env: {}, flags: {} }));
    expect(error.message).toContain(
      'unknown key check.hosts["a.test"].intervalMS (did you mean check.hosts["a.test"].intervalMs?)',
    );
    expect(error.message).toMatch(/^citecheck\.config\.json: unknown key colour$/m);
  });

  it('rejects a value of the wrong type or range, naming the key', async () => {
    const cwd = workdir(JSON.stringify({ check: { retries: 0 }, report: { formats: ['pdf'] } }));
    const error = await configError(loadConfig({ cwd, env: {}, flags: {} }));
    expect(error.message).toMatch(/^citecheck\.config\.json: check\.retries: /m);
    expect(error.message).toMatch(/^citecheck\.config\.json: report\.formats\.0: /m);
  });

  it('points at the line and column of malformed JSON', async () => {
    const cwd = workdir('{\n  "check": {\n    "concurrency": 4\n    "retries": 2\n  }\n}\n');
    const error = await configError(loadConfig({ cwd, env: {}, flags: {} }));
    expect(error.message).toBe("citecheck.config.json:4:5: invalid JSON: expected ',' or '}'");
  });

  it('refuses a file that is not a JSON object', async () => {
    const error = await configError(loadConfig({ cwd: workdir('[1, 2]'), env: {}, flags: {} }));
    expect(error.message).toBe('citecheck.config.json: expected a JSON object at the top level');
  });

  it('refuses a missing --config file, but not a missing default file', async () => {
    const cwd = workdir();
    const error = await configError(loadConfig({ cwd, configPath: 'nope.json', env: {}, flags: {} }));
    expect(error.message).toBe('nope.json: config file not found');
    await expect(loadConfig({ cwd, env: {}, flags: {} })).resolves.toBeDefined();
  });

  it('refuses a config path that cannot be read as a file', async () => {
    const cwd = workdir();
    mkdirSync(join(cwd, 'citecheck.config.json'));
    const error = await configError(loadConfig({ cwd, env: {}, flags: {} }));
    expect(error.message).toMatch(/^citecheck\.config\.json: cannot read the config file \(.*EISDIR/);
  });

  it.each([
    ['CITECHECK_CONCURRENCY', 'abc', 'CITECHECK_CONCURRENCY: expected a whole number, got "abc"'],
    ['CITECHECK_HOST_INTERVAL_MS', '2.5', 'CITECHECK_HOST_INTERVAL_MS: expected a whole number, got "2.5"'],
    ['CITECHECK_TIMEOUT_MS', '-1', 'CITECHECK_TIMEOUT_MS: expected a whole number, got "-1"'],
    [
      'CITECHECK_ALLOW_PRIVATE',
      'maybe',
      'CITECHECK_ALLOW_PRIVATE: expected true or false (or 1/0, yes/no), got "maybe"',
    ],
  ])('rejects %s=%s', async (name, value, message) => {
    const error = await configError(loadConfig({ cwd: workdir(), env: { [name]: value }, flags: {} }));
    expect(error.message).toBe(message);
  });

  it('names the environment variable whose value the schema refuses', async () => {
    const error = await configError(
      loadConfig({ cwd: workdir(), env: { CITECHECK_CONCURRENCY: '0', CITECHECK_LOG_LEVEL: 'loud' }, flags: {} }),
    );
    expect(error.message).toMatch(/^CITECHECK_CONCURRENCY: check\.concurrency: /m);
    expect(error.message).toMatch(/^CITECHECK_LOG_LEVEL: logLevel: /m);
  });

  it('names the command line for a flag value the schema refuses', async () => {
    const error = await configError(loadConfig({ cwd: workdir(), env: {}, flags: { check: { concurrency: 5000 } } }));
    expect(error.message).toMatch(/^command line: check\.concurrency: /);
  });
});
